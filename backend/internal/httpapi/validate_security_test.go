package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"
)

// validateBoth validates req against the operation with and without the
// security requirements, each on its own copy of the request.
func validateBoth(t *testing.T, op *operation, req func() *http.Request) (full, unsecured error) {
	t.Helper()
	params := map[string]string{}
	for _, m := range pathParam.FindAllStringSubmatch(op.Route.Path, -1) {
		params[m[1]] = "1093112"
	}
	run := func(route *routers.Route) error {
		return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
			Request: req(), PathParams: params, Route: route, Options: validationOptions,
		})
	}
	return run(op.Route), run(op.unsecured)
}

// Without its security requirements, which authenticate enforces, the
// contract validation gives every operation the same answer, for requests
// with and without a body.
func TestUnsecuredValidationIsTheSame(t *testing.T) {
	defineFormats()
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	spec.Servers = nil
	for key, op := range indexOperations(spec) {
		if op.unsecured == nil {
			t.Errorf("%s : schéma de sécurité non déclaré", key)
			continue
		}
		path := pathParam.ReplaceAllString(op.Route.Path, "1093112")
		for _, body := range []string{"", "{}", `{"x":1}`, "pas du JSON"} {
			full, unsecured := validateBoth(t, op, func() *http.Request {
				var r *http.Request
				if body == "" {
					r = httptest.NewRequest(op.Route.Method, path+"?page=0&x=1", nil)
				} else {
					r, _ = http.NewRequest(op.Route.Method, "http://espace.test"+path, bytes.NewReader([]byte(body)))
					r.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
				}
				return r
			})
			if fmt.Sprint(full) != fmt.Sprint(unsecured) {
				t.Errorf("%s, corps %q : %v avec la sécurité, %v sans", key, body, full, unsecured)
			}
		}
	}
}

type unreadable struct{}

func (unreadable) Read([]byte) (int, error) { return 0, errors.New("lecture impossible") }

// The check of the security requirements is only skipped where it could
// not refuse: a body it cannot read, sent to an operation that declares
// none, and a scheme the contract does not declare are refused as before.
func TestSecurityCheckSkippedOnlyWhereMoot(t *testing.T) {
	defineFormats()
	serve := func(t *testing.T, s *Server, body io.Reader) int {
		t.Helper()
		e := echo.New()
		e.HTTPErrorHandler = s.errorHandler
		e.GET("/api/v1/dossiers", func(c echo.Context) error { return c.NoContent(http.StatusOK) }, s.validateRequest)
		req := httptest.NewRequest(http.MethodGet, "/api/v1/dossiers?kind=cadastre", body)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec.Code
	}
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	spec.Servers = nil
	s := &Server{ops: indexOperations(spec)}
	if code := serve(t, s, nil); code != http.StatusOK {
		t.Fatalf("contrôle : %d", code)
	}
	if code := serve(t, s, unreadable{}); code != http.StatusBadRequest {
		t.Errorf("corps illisible pour une opération sans corps : %d", code)
	}

	// A contract whose bearer scheme is not declared: kin-openapi refuses
	// every secured request, and still does.
	spec, err = Spec()
	if err != nil {
		t.Fatal(err)
	}
	spec.Servers = nil
	for name := range spec.Components.SecuritySchemes {
		delete(spec.Components.SecuritySchemes, name)
	}
	s = &Server{ops: indexOperations(spec)}
	if code := serve(t, s, nil); code != http.StatusBadRequest {
		t.Errorf("schéma non déclaré : %d", code)
	}
}
