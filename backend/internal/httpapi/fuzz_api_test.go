package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// The whole service, fuzzed: a request valid by the contract but for one
// string (any operation, any string it takes) and for extra query text,
// sent as an administrator who is also a surveyor. Never a 5xx, and every
// answer, success or problem, is valid against the contract.
func FuzzAPI(f *testing.F) {
	e := newEnv(f)
	tk := e.sweepIdentity()
	spec := contract(f)
	spec.Servers = nil
	var ops []contractOp
	for _, op := range contractOps(f) {
		switch op.ID {
		case "logout", "changeMyPassword":
			// They would end the fuzzing identity's session.
		default:
			ops = append(ops, op)
		}
	}
	handler := e.srv.Config.Handler
	for i := range ops {
		f.Add(uint16(i), uint8(0), "", "")
		f.Add(uint16(i), uint8(1), "a\x00b", "")
	}
	f.Add(uint16(0), uint8(0), "1.0", "page=1;x=2")
	f.Add(uint16(1), uint8(0), "\u202e", "bogus=%zz")
	f.Fuzz(func(t *testing.T, opIndex uint16, field uint8, value, extraQuery string) {
		op := ops[int(opIndex)%len(ops)]
		var tg *target
		if targets := op.targets(); len(targets) > 0 && value != "" {
			tg = &targets[int(field)%len(targets)]
		}
		b := op.request(t, tg, value)
		if extraQuery != "" {
			if strings.Contains(b.Path, "?") {
				b.Path += "&" + extraQuery
			} else {
				b.Path += "?" + extraQuery
			}
		}
		req, err := http.NewRequest(b.Method, "http://espace.test"+b.Path, bytes.NewReader(b.Body))
		if err != nil {
			return // not a request a client can send
		}
		req.RemoteAddr = "192.0.2.10:4000"
		if b.ContentType != "" {
			req.Header.Set("Content-Type", b.ContentType)
		}
		req.Header.Set("Authorization", "Bearer "+tk.Access)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		res := rec.Result()
		raw, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 500 {
			t.Fatalf("%s %s → %d : %s", b.Method, b.Path, res.StatusCode, raw)
		}
		if res.StatusCode >= 400 {
			if res.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%s %s → %d sans problem+json : %s", b.Method, b.Path, res.StatusCode, raw)
			}
			var doc any
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatalf("problème non JSON : %s", raw)
			}
			if err := spec.Components.Schemas["Problem"].Value.VisitJSON(doc); err != nil {
				t.Fatalf("problème hors contrat : %v\n%s", err, raw)
			}
		}
		route := &routers.Route{Spec: spec, Path: op.Path, PathItem: spec.Paths.Value(op.Path), Method: op.Method, Operation: op.Op}
		input := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
			Status:                 res.StatusCode,
			Header:                 res.Header,
			Body:                   io.NopCloser(bytes.NewReader(raw)),
			Options:                &openapi3filter.Options{MultiError: true},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
			t.Fatalf("%s %s → %d hors contrat : %v\n%s", b.Method, b.Path, res.StatusCode, err, raw)
		}
	})
}
