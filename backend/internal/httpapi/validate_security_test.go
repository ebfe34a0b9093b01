package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"
)

// contractOperations indexes the contract's operations, as the server does.
func contractOperations(tb testing.TB) (*openapi3.T, map[string]*operation) {
	tb.Helper()
	spec, err := Spec()
	if err != nil {
		tb.Fatal(err)
	}
	spec.Servers = nil
	return spec, mustIndex(tb, spec)
}

// mustIndex indexes the operations of spec, which must be a valid contract.
func mustIndex(tb testing.TB, spec *openapi3.T) map[string]*operation {
	tb.Helper()
	ops, err := indexOperations(spec)
	if err != nil {
		tb.Fatal(err)
	}
	return ops
}

// Requests are validated without the security requirements, which
// authenticate enforces: the contract validation gives every operation the
// same answer with kin-openapi's check of them, for requests with and
// without a body.
func TestUnsecuredValidationIsTheSame(t *testing.T) {
	defineFormats()
	_, ops := contractOperations(t)
	for key, op := range ops {
		if s := op.Route.Operation.Security; s == nil || len(*s) != 0 {
			t.Fatalf("%s : validé avec des exigences de sécurité", key)
		}
		secured := *op.Route
		secured.Operation = op.Route.PathItem.GetOperation(op.Route.Method)
		params := map[string]string{}
		for _, m := range pathParam.FindAllStringSubmatch(op.Route.Path, -1) {
			params[m[1]] = "1093112"
		}
		path := pathParam.ReplaceAllString(op.Route.Path, "1093112")
		for _, body := range []string{"", "{}", `{"x":1}`, "pas du JSON"} {
			validate := func(route *routers.Route) error {
				var r *http.Request
				if body == "" {
					r = httptest.NewRequest(op.Route.Method, path+"?page=0&x=1", nil)
				} else {
					r, _ = http.NewRequest(op.Route.Method, "http://espace.test"+path, bytes.NewReader([]byte(body)))
					r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
				}
				return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
					Request: r, PathParams: params, Route: route, Options: validationOptions,
				})
			}
			full, unsecured := validate(&secured), validate(op.Route)
			if fmt.Sprint(full) != fmt.Sprint(unsecured) {
				t.Errorf("%s, corps %q : %v avec la sécurité, %v sans", key, body, full, unsecured)
			}
		}
	}
}

// A contract naming a security scheme it does not declare is refused when
// the server starts: kin-openapi would refuse every request of the
// operation.
func TestUndeclaredSecuritySchemeRefusedAtStartup(t *testing.T) {
	spec, _ := contractOperations(t)
	for name := range spec.Components.SecuritySchemes {
		delete(spec.Components.SecuritySchemes, name)
	}
	ops, err := indexOperations(spec)
	if err == nil || ops != nil || !strings.Contains(err.Error(), "non déclaré") {
		t.Fatalf("%v", err)
	}
	spec.Components = nil
	if _, err := indexOperations(spec); err == nil {
		t.Fatal("contrat sans composants accepté")
	}
}

type unreadable struct{}

func (unreadable) Read([]byte) (int, error) { return 0, errors.New("lecture impossible") }

// A body that cannot be read is a 400 problem, whether the operation
// declares a body or not; a readable body sent to an operation that
// declares none is ignored.
func TestUnreadableBodyIsRefused(t *testing.T) {
	defineFormats()
	_, ops := contractOperations(t)
	s := &Server{ops: ops}
	e := echo.New()
	e.HTTPErrorHandler = s.errorHandler
	ok := func(c echo.Context) error { return c.NoContent(http.StatusOK) }
	e.GET("/api/v1/dossiers", ok, s.validateRequest)
	e.PUT("/api/v1/me/password", ok, s.validateRequest)
	serve := func(method, target string, body io.Reader) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, body)
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}
	if rec := serve(http.MethodGet, "/api/v1/dossiers?kind=cadastre", nil); rec.Code != http.StatusOK {
		t.Fatalf("contrôle : %d", rec.Code)
	}
	if rec := serve(http.MethodGet, "/api/v1/dossiers?kind=cadastre", strings.NewReader(`{"x":1}`)); rec.Code != http.StatusOK {
		t.Errorf("corps lisible pour une opération sans corps : %d %s", rec.Code, rec.Body)
	}
	for _, target := range []string{"GET /api/v1/dossiers?kind=cadastre", "PUT /api/v1/me/password"} {
		method, path, _ := strings.Cut(target, " ")
		rec := serve(method, path, unreadable{})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"code":"validation_failed"`) {
			t.Errorf("%s, corps illisible : %d %s", target, rec.Code, rec.Body)
		}
	}
}
