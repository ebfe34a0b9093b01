package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"espace/api"
)

// The request validation and the error mapping, fuzzed without a database:
// the validation middleware and the generated binders in front of a handler
// that only records what it received. Whatever comes in, the answer is
// either the handler reached with clean, typed input, or a problem document
// valid against the contract, in French; never a 5xx.

type validationRig struct {
	e    *echo.Echo
	spec *openapi3.T
	ops  []*operation
}

// reachedKey holds, in a request's context, what the handler received.
type reachedKey struct{}

type reached struct{ request any }

// fuzzBoundary is the multipart boundary of fuzzed upload bodies.
const fuzzBoundary = "frontiere-de-fuzz"

func newValidationRig(tb testing.TB) *validationRig {
	tb.Helper()
	spec, err := api.GetSpec()
	if err != nil {
		tb.Fatal(err)
	}
	spec.Servers = nil
	s := &Server{ops: mustIndex(tb, spec)}
	rig := &validationRig{spec: spec}
	for _, op := range s.ops {
		rig.ops = append(rig.ops, op)
	}
	sort.Slice(rig.ops, func(i, j int) bool {
		return rig.ops[i].Route.Path+rig.ops[i].Route.Method < rig.ops[j].Route.Path+rig.ops[j].Route.Method
	})
	e := echo.New()
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.validateRequest)
	record := func(_ api.StrictHandlerFunc, _ string) api.StrictHandlerFunc {
		return func(c echo.Context, request any) (any, error) {
			if r, ok := c.Request().Context().Value(reachedKey{}).(*reached); ok {
				r.request = request
			}
			return nil, c.NoContent(http.StatusNoContent)
		}
	}
	api.RegisterHandlers(e, api.NewStrictHandler(nil, []api.StrictMiddlewareFunc{record}))
	rig.e = e
	return rig
}

// english words of Go's decoder and of kin-openapi that must never reach a client.
var englishMarkers = []string{"Unmarshal", "unmarshal", "expected", "json:", "Error at", "property \"", "Invalid format", "Syntax error", "got=", "doesn't", "value ", "request ", "must ", "is not ", "failed"}

func (rig *validationRig) check(t *testing.T, opIndex uint16, pathValue, query string, body []byte) {
	op := rig.ops[int(opIndex)%len(rig.ops)]
	path := pathParam.ReplaceAllStringFunc(op.Route.Path, func(string) string {
		if pathValue == "" {
			return "1093112"
		}
		return pathValue
	})
	target := path
	if query != "" {
		target += "?" + query
	}
	req, err := http.NewRequest(op.Route.Method, "http://espace.test"+target, bytes.NewReader(body))
	if err != nil {
		return // not a request a client can send
	}
	ct := "application/json"
	if rb := op.Route.Operation.RequestBody; rb != nil && rb.Value.Content.Get("multipart/form-data") != nil {
		ct = "multipart/form-data; boundary=" + fuzzBoundary
	}
	req.Header.Set("Content-Type", ct)
	got := &reached{}
	req = req.WithContext(context.WithValue(req.Context(), reachedKey{}, got))
	rec := httptest.NewRecorder()
	rig.e.ServeHTTP(rec, req)

	res := rec.Result()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 {
		t.Fatalf("%s %s → %d : %s", op.Route.Method, target, res.StatusCode, raw)
	}
	if res.StatusCode == http.StatusNoContent {
		// Reached: nothing the handler got may hold a control character.
		if ct != "application/json" {
			checkUploadReached(t, body)
		} else {
			cleanStrings(t, reflect.ValueOf(got.request))
		}
		return
	}
	if res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusMethodNotAllowed {
		// Echo's own routing (the path value held a "/", say).
		if res.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%d sans problem+json", res.StatusCode)
		}
		return
	}
	if res.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("%s %s → %d sans problem+json : %s", op.Route.Method, target, res.StatusCode, raw)
	}
	validProblem(t, rig.spec, raw)
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: op.Route},
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(raw)),
		Options:                &openapi3filter.Options{MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		t.Fatalf("%s %s → %d hors contrat : %v\n%s", op.Route.Method, target, res.StatusCode, err, raw)
	}
}

// validProblem checks a problem document against the contract's Problem
// schema and its messages for English.
func validProblem(t *testing.T, spec *openapi3.T, raw []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("problème non JSON : %s", raw)
	}
	if err := spec.Components.Schemas["Problem"].Value.VisitJSON(doc); err != nil {
		t.Fatalf("problème hors contrat : %v\n%s", err, raw)
	}
	var p api.Problem
	_ = json.Unmarshal(raw, &p)
	texts := []string{p.Title, p.Detail}
	for _, f := range p.Errors {
		texts = append(texts, f.Detail)
	}
	for _, text := range texts {
		for _, w := range englishMarkers {
			if strings.Contains(text, w) {
				t.Fatalf("message non traduit (%q) : %s", w, raw)
			}
		}
	}
}

// checkUploadReached reads an upload the way the handlers do: the file name
// they would store must be clean.
func checkUploadReached(t *testing.T, body []byte) {
	t.Helper()
	mr := multipart.NewReader(bytes.NewReader(body), fuzzBoundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return
		}
		if part.FormName() != "file" {
			continue
		}
		name := part.FileName()
		if !cleanText(name, false) || utf8.RuneCountInString(name) > MaxFileNameLength {
			t.Fatalf("nom de fichier accepté : %q", name)
		}
		if _, params, err := mime.ParseMediaType(part.Header.Get("Content-Disposition")); err == nil && !cleanText(params["filename"], false) {
			t.Fatalf("nom de fichier accepté : %q", params["filename"])
		}
		return
	}
}

func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.Is(unicode.Cc, r) && !(multiline && (r == '\t' || r == '\n' || r == '\r')) {
			return false
		}
	}
	return true
}

// cleanStrings walks what a handler received: no string may hold a control
// character other than the line breaks of multi-line texts.
func cleanStrings(t *testing.T, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if !cleanText(v.String(), true) {
			t.Fatalf("texte accepté : %q", v.String())
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			cleanStrings(t, v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				cleanStrings(t, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			cleanStrings(t, v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			cleanStrings(t, k)
			cleanStrings(t, v.MapIndex(k))
		}
	}
}

func FuzzRequestValidation(f *testing.F) {
	rig := newValidationRig(f)
	for i := range rig.ops {
		f.Add(uint16(i), "", "", []byte(`{}`))
	}
	f.Add(uint16(0), "", "page=2;pageSize=5", []byte(nil))
	f.Add(uint16(0), "", "dossier=%zz&type=dossier_viewed&type=x", []byte(nil))
	f.Add(uint16(0), "", "page=9223372036854775807&pageSize=1e2", []byte(nil))
	f.Add(uint16(0), "a%00b", "username=a%00b&email=x", []byte(`{"lotCount":1.0,"complementaryPlans":null,"username":"a\u0000"}`))
	f.Add(uint16(0), "", "", []byte("--"+fuzzBoundary+"\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''dm%00.xml\r\n\r\n<x/>\r\n--"+fuzzBoundary+"--\r\n"))
	f.Fuzz(func(t *testing.T, opIndex uint16, pathValue, query string, body []byte) {
		rig.check(t, opIndex, pathValue, query, body)
	})
}
