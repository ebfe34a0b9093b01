package httpapi

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// Every operation of the contract declares its need, and an operation is
// public exactly when the contract says it needs no authentication.
func TestEveryOperationHasANeed(t *testing.T) {
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for key, op := range mustIndex(t, spec) {
		seen[op.ID] = true
		n, ok := operationNeeds[op.ID]
		if !ok {
			t.Errorf("%s (%s) n'a pas d'entrée dans operationNeeds", op.ID, key)
			continue
		}
		if (n == needPublic) != op.Public {
			t.Errorf("%s : public=%v dans le contrat, besoin %v dans la table", op.ID, op.Public, n)
		}
	}
	for id := range operationNeeds {
		if !seen[id] {
			t.Errorf("operationNeeds nomme %s, absent du contrat", id)
		}
	}
}

// Every delegable operation belongs to one service code (§11), and only
// delegable operations have one.
func TestEveryDelegableOperationHasAService(t *testing.T) {
	for id, n := range operationNeeds {
		_, ok := operationServices[id]
		if n == needPrincipal && !ok {
			t.Errorf("%s : opération délégable sans service dans operationServices", id)
		}
		if n != needPrincipal && ok {
			t.Errorf("%s : service déclaré pour une opération non délégable", id)
		}
	}
	for id := range operationServices {
		if _, ok := operationNeeds[id]; !ok {
			t.Errorf("operationServices nomme %s, absent de operationNeeds", id)
		}
	}
}

// The operation is looked up once a request: the middlewares after the
// first, and the error handler, read what the first found.
func TestOperationLookedUpOncePerRequest(t *testing.T) {
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ops: mustIndex(t, spec)}
	e := echo.New()
	c := e.NewContext(httptest.NewRequest(http.MethodGet, "/api/v1/dossiers", nil), httptest.NewRecorder())
	c.SetPath("/api/v1/dossiers")
	op := s.lookup(c)
	if op == nil || op.ID != "listDossiers" {
		t.Fatalf("%+v", op)
	}
	s.ops = nil
	if s.lookup(c) != op {
		t.Fatal("looked up again")
	}
	// Off the contract, the lookup is kept as well.
	c = e.NewContext(httptest.NewRequest(http.MethodGet, "/ailleurs", nil), httptest.NewRecorder())
	c.SetPath("/ailleurs")
	if s.lookup(c) != nil {
		t.Fatal("route hors contrat")
	}
	if _, kept := c.Get(operationKey).(*operation); !kept {
		t.Fatal("absence not kept")
	}
}

// An export is exactly the view of its table (§6, §13): the query
// parameters of the list but its paging, those of the export but its
// format, are the same parameters.
func TestExportsTakeTheirListsFilters(t *testing.T) {
	_, ops := contractOperations(t)
	byID := map[string]*operation{}
	for _, op := range ops {
		byID[op.ID] = op
	}
	without := func(op *operation, names ...string) map[string]*openapi3.Parameter {
		out := maps.Clone(op.query)
		for _, n := range names {
			if _, ok := out[n]; !ok {
				t.Fatalf("%s n'a pas de paramètre %s", op.ID, n)
			}
			delete(out, n)
		}
		return out
	}
	for list, export := range map[string]string{"listActivities": "exportActivities", "listAdminActivities": "exportAdminActivities"} {
		l, x := byID[list], byID[export]
		if l == nil || x == nil {
			t.Fatalf("%s ou %s absente du contrat", list, export)
		}
		lq, xq := without(l, "page", "pageSize", "all"), without(x, "format")
		if !slices.Equal(slices.Sorted(maps.Keys(lq)), slices.Sorted(maps.Keys(xq))) {
			t.Errorf("%s %v, %s %v", list, slices.Sorted(maps.Keys(lq)), export, slices.Sorted(maps.Keys(xq)))
			continue
		}
		for name, p := range lq {
			if !reflect.DeepEqual(p, xq[name]) {
				t.Errorf("%s : le paramètre %s diffère de celui de %s", export, name, list)
			}
		}
	}
}
