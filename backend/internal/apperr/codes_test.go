package apperr_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"espace/api"
)

// source is one parsed Go file of the backend, test files aside.
type source struct {
	path string // relative to the backend module
	file *ast.File
}

// backendSources parses every non-test Go file of the backend module.
func backendSources(t *testing.T) []source {
	t.Helper()
	root := filepath.Join("..", "..")
	var out []source
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out = append(out, source{path: filepath.ToSlash(rel), file: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("seulement %d fichiers Go sous %s : mauvaise racine ?", len(out), root)
	}
	return out
}

// selector returns "pkg.Name" for pkg.Name, "" otherwise.
func selector(e ast.Expr) string {
	if s, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := s.X.(*ast.Ident); ok {
			return x.Name + "." + s.Sel.Name
		}
	}
	return ""
}

// contractCodes maps the names of the generated api.ProblemCode constants
// to their values, read from the generated file itself.
func contractCodes(t *testing.T) map[string]api.ProblemCode {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", "..", "api", "api.gen.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]api.ProblemCode{}
	ast.Inspect(f, func(n ast.Node) bool {
		v, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); ok && id.Name == "ProblemCode" {
			for i, name := range v.Names {
				s, _ := strconv.Unquote(v.Values[i].(*ast.BasicLit).Value)
				out[name.Name] = api.ProblemCode(s)
			}
		}
		return true
	})
	return out
}

// Errors are built by the constructors only, and a problem code is always
// one of the contract's constants: no apperr.Error literal outside apperr, no
// conversion to api.ProblemCode, no hand-made problem response, and the code
// given to a constructor is an api.ProblemCode constant. With the type
// checker, this means every code the server can emit is in the contract.
func TestCodesComeFromTheContractThroughConstructors(t *testing.T) {
	for _, src := range backendSources(t) {
		inApperr := strings.HasPrefix(src.path, "internal/apperr/")
		ast.Inspect(src.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				name := selector(n.Type)
				if name == "apperr.Error" && !inApperr {
					t.Errorf("%s : littéral apperr.Error; utilisez un constructeur d'apperr", src.path)
				}
				if strings.HasPrefix(name, "api.") && strings.HasSuffix(name, "ProblemPlusJSONResponse") {
					t.Errorf("%s : %s écrit à la main; renvoyez une erreur d'apperr, le gestionnaire d'erreurs écrit les problèmes", src.path, name)
				}
			case *ast.CallExpr:
				switch fn := selector(n.Fun); fn {
				case "api.ProblemCode":
					t.Errorf("%s : conversion en api.ProblemCode; utilisez une constante générée", src.path)
				case "apperr.Forbidden", "apperr.Unprocessable":
					if len(n.Args) == 0 || !strings.HasPrefix(selector(n.Args[0]), "api.ProblemCode") {
						t.Errorf("%s : %s avec un code qui n'est pas une constante api.ProblemCode", src.path, fn)
					}
				}
			}
			return true
		})
	}
}

// The contract lists no code the server never emits: each constant of
// ProblemCode is named by the backend.
func TestEveryContractCodeIsEmitted(t *testing.T) {
	codes := contractCodes(t)
	spec, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	enum := spec.Components.Schemas["ProblemCode"].Value.Enum
	if len(codes) == 0 || len(codes) != len(enum) {
		t.Fatalf("%d constantes ProblemCode générées pour %d valeurs au contrat : lancez make gen", len(codes), len(enum))
	}
	used := map[string]bool{}
	for _, src := range backendSources(t) {
		ast.Inspect(src.file, func(n ast.Node) bool {
			if name, ok := strings.CutPrefix(selector(asExpr(n)), "api."); ok {
				used[name] = true
			}
			return true
		})
	}
	var unused []string
	for name, value := range codes {
		if !used[name] {
			unused = append(unused, string(value))
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Fatalf("codes du contrat que le serveur n'émet jamais : %v", unused)
	}
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}
