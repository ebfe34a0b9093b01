package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"espace/backend/internal/httpapi"
)

// Valid requests built from the contract alone, for the sweep and the fuzz
// targets: every operation, with each string it takes.

// contractOp is one operation of openapi.yaml.
type contractOp struct {
	ID, Method, Path string // Path as written in the contract: /api/v1/dossiers/{number}
	Op               *openapi3.Operation
	Params           []*openapi3.Parameter // path and query
	JSON, Multipart  *openapi3.Schema
}

// contract is openapi.yaml as the server embeds it.
func contract(t testing.TB) *openapi3.T {
	t.Helper()
	spec, err := httpapi.Spec()
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func contractOps(t testing.TB) []contractOp {
	t.Helper()
	spec := contract(t)
	var ops []contractOp
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			// The embedded copy of the contract capitalises operationIds.
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
			c := contractOp{ID: id, Method: method, Path: path, Op: op}
			for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, p := range list {
					if p.Value.In == openapi3.ParameterInPath || p.Value.In == openapi3.ParameterInQuery {
						c.Params = append(c.Params, p.Value)
					}
				}
			}
			if op.RequestBody != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil {
					c.JSON = mt.Schema.Value
				}
				if mt := op.RequestBody.Value.Content.Get("multipart/form-data"); mt != nil {
					c.Multipart = mt.Schema.Value
				}
			}
			ops = append(ops, c)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method })
	return ops
}

// sample is a valid value of a schema: its example, first enum value or a
// value of its format; a pattern without an example is a contract to fix.
func sample(t testing.TB, s *openapi3.Schema) any {
	t.Helper()
	if s == nil {
		return "valeur"
	}
	if len(s.AllOf) == 1 && s.Type == nil {
		return sample(t, s.AllOf[0].Value)
	}
	switch {
	case len(s.Enum) > 0:
		return s.Enum[0]
	case s.Example != nil:
		return s.Example
	}
	switch {
	case s.Type.Is("integer"), s.Type.Is("number"):
		if s.Min != nil {
			return int(*s.Min)
		}
		return 1
	case s.Type.Is("boolean"):
		return false
	case s.Type.Is("array"):
		return []any{sample(t, s.Items.Value)}
	case s.Type.Is("object"):
		return sampleObject(t, s)
	}
	switch s.Format {
	case "uuid":
		return "3f1b6a3c-2a4e-4b7e-9c57-0d6f8e2a9b10"
	case "date":
		return time.Now().AddDate(0, 6, 0).Format("2006-01-02")
	case "date-time":
		return time.Now().UTC().Format(time.RFC3339)
	case "email":
		return "balai@exemple.qc.ca"
	case "password":
		return goodPassword
	case "binary":
		return "<DemandeMiseAJour/>"
	}
	if s.Pattern != "" {
		t.Fatalf("schéma à motif %q sans exemple : ajoutez example au contrat", s.Pattern)
	}
	v := "valeur"
	for uint64(len(v)) < s.MinLength {
		v += "a"
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

// oneOfFields reads the x-one-of extension (exactly one of these).
func oneOfFields(ext map[string]any) []string {
	m, _ := ext["x-one-of"].(map[string]any)
	list, _ := m["fields"].([]any)
	out := []string{}
	for _, f := range list {
		out = append(out, f.(string))
	}
	return out
}

func sampleObject(t testing.TB, s *openapi3.Schema) map[string]any {
	obj := map[string]any{}
	for _, name := range s.Required {
		obj[name] = sample(t, s.Properties[name].Value)
	}
	if f := oneOfFields(s.Extensions); len(f) > 0 {
		obj[f[0]] = sample(t, s.Properties[f[0]].Value)
	}
	return obj
}

// target is one string a request carries, and the pointer a problem about it names.
type target struct {
	In      string   // path, query, body, file
	Name    string   // parameter, or first member of the body
	Tokens  []string // body: JSON pointer tokens
	Pointer string
	Kind    string // x-text
}

func textKindOf(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	k, _ := s.Extensions["x-text"].(string)
	return k
}

func isString(s *openapi3.Schema) bool {
	return s != nil && s.Type.Is("string") && s.Format != "binary"
}

// targets lists every string of the operation: path and query parameters
// (array items included) and the members of its body, at any depth.
func (c contractOp) targets() []target {
	var out []target
	for _, p := range c.Params {
		s := p.Schema.Value
		if s.Type.Is("array") {
			s = s.Items.Value
		}
		if isString(s) {
			out = append(out, target{In: p.In, Name: p.Name, Pointer: "/" + p.Name, Kind: textKindOf(s)})
		}
	}
	var walk func(s *openapi3.Schema, tokens []string)
	walk = func(s *openapi3.Schema, tokens []string) {
		switch {
		case s == nil:
		case len(s.AllOf) == 1 && s.Type == nil:
			walk(s.AllOf[0].Value, tokens)
		case isString(s):
			out = append(out, target{In: "body", Name: tokens[0], Tokens: tokens, Pointer: "/" + strings.Join(tokens, "/"), Kind: textKindOf(s)})
		case s.Type.Is("array"):
			walk(s.Items.Value, append(append([]string{}, tokens...), "0"))
		case s.Type.Is("object"):
			names := make([]string, 0, len(s.Properties))
			for n := range s.Properties {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				walk(s.Properties[n].Value, append(append([]string{}, tokens...), n))
			}
		}
	}
	walk(c.JSON, nil)
	if c.Multipart != nil {
		for n, p := range c.Multipart.Properties {
			if p.Value.Format == "binary" {
				out = append(out, target{In: "file", Name: n, Pointer: "/" + n})
			}
		}
	}
	return out
}

// built is a request ready to send.
type built struct {
	Method, Path, ContentType string
	Body                      []byte
}

// request builds a valid request of the operation in which the target
// (if any) holds value.
func (c contractOp) request(t testing.TB, tg *target, value string) built {
	t.Helper()
	b := built{Method: c.Method}
	path := c.Path
	query := url.Values{}
	oneOf := oneOfFields(c.Op.Extensions)
	for _, p := range c.Params {
		mine := tg != nil && tg.In == p.In && tg.Name == p.Name
		var v string
		if mine {
			v = value
		} else {
			v = fmt.Sprint(firstOf(sample(t, p.Schema.Value)))
		}
		switch p.In {
		case openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
		case openapi3.ParameterInQuery:
			give := mine || p.Required
			if len(oneOf) > 0 && p.Name == oneOf[0] && (tg == nil || tg.In != "query" || !contains(oneOf, tg.Name)) {
				give = true
			}
			if give {
				query.Set(p.Name, v)
			}
		}
	}
	b.Path = path
	if len(query) > 0 {
		b.Path += "?" + query.Encode()
	}
	switch {
	case c.JSON != nil:
		body := sampleObject(t, c.JSON)
		if tg != nil && tg.In == "body" {
			if f := oneOfFields(c.JSON.Extensions); contains(f, tg.Name) {
				for _, other := range f {
					delete(body, other)
				}
			}
			setAt(t, body, c.JSON, tg.Tokens, value)
		}
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		b.Body, b.ContentType = raw, "application/json"
	case c.Multipart != nil:
		name := "dm.xml"
		if tg != nil && tg.In == "file" {
			name = value
		}
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		// Written by hand: CreateFormFile would escape line breaks, and the
		// server must see the name exactly as a client may send it.
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="file"; filename="`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name)+`"`)
		h.Set("Content-Type", "application/xml")
		part, _ := w.CreatePart(h)
		_, _ = part.Write([]byte(`<DemandeMiseAJour matricule="1" dossier="1093112"><Lot numero="6123401" operation="creation"/></DemandeMiseAJour>`))
		_ = w.Close()
		b.Body, b.ContentType = buf.Bytes(), w.FormDataContentType()
	}
	return b
}

func firstOf(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return v
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// setAt puts value at the pointer tokens, creating what the schema says
// lies on the way.
func setAt(t testing.TB, obj map[string]any, s *openapi3.Schema, tokens []string, value string) {
	t.Helper()
	var cur any = obj
	for i, tok := range tokens {
		last := i == len(tokens)-1
		for len(s.AllOf) == 1 && s.Type == nil {
			s = s.AllOf[0].Value
		}
		switch node := cur.(type) {
		case map[string]any:
			child := s.Properties[tok].Value
			if last {
				node[tok] = value
				return
			}
			if _, ok := node[tok]; !ok {
				node[tok] = sample(t, child)
			}
			cur, s = node[tok], child
		case []any:
			idx, _ := strconv.Atoi(tok)
			if last {
				node[idx] = value
				return
			}
			cur, s = node[idx], s.Items.Value
		default:
			t.Fatalf("chemin %v introuvable", tokens)
		}
	}
}
