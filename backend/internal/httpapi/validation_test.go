package httpapi_test

import (
	"strings"
	"testing"

	"espace/backend/internal/activity"
)

// Bad input gets 400 problem+json naming each faulty field.
func TestMalformedRequestsGetFieldErrors(t *testing.T) {
	e := newEnv(t)
	valid := func() map[string]any {
		return map[string]any{"username": "val" + "idname", "email": "v@exemple.qc.ca", "firstName": "A", "lastName": "B", "password": goodPassword}
	}
	with := func(k string, v any) map[string]any { m := valid(); m[k] = v; return m }
	without := func(k string) map[string]any { m := valid(); delete(m, k); return m }
	cases := []struct {
		name     string
		body     any
		pointers []string
	}{
		{"malformed JSON", `{"username": "x",`, []string{""}},
		{"not an object", `[1,2]`, []string{""}},
		{"unknown field", with("role", "admin"), []string{"/role"}},
		{"missing field", without("email"), []string{"/email"}},
		{"two missing fields", without("firstName"), []string{"/firstName"}},
		{"wrong type", with("firstName", 42), []string{"/firstName"}},
		{"null", with("lastName", nil), []string{"/lastName"}},
		{"bad e-mail", with("email", "pas-une-adresse"), []string{"/email"}},
		{"username pattern", with("username", "nom avec espaces"), []string{"/username"}},
		{"password too short", with("password", "court"), []string{"/password"}},
		{"password too long", with("password", strings.Repeat("é", 129)), []string{"/password"}},
		{"common password", with("password", "motdepasse123"), []string{"/password"}},
		{"blank first name", with("firstName", "   "), []string{"/firstName"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.expect(e.do(req{method: "POST", path: "/api/v1/accounts", body: c.body}), 400)
			m := r.JSON(t)
			if m["code"] != "validation_failed" || m["status"].(float64) != 400 || m["type"] == "" || m["title"] == "" {
				t.Fatalf("problem incomplet : %s", r.Body)
			}
			fields := r.Fields(t)
			for _, p := range c.pointers {
				d, ok := fields[p]
				if !ok {
					t.Fatalf("pointeur %q absent : %s", p, r.Body)
				}
				if d == "" || strings.Contains(d, "property") || strings.Contains(d, "Error at") {
					t.Fatalf("détail non traduit pour %q : %q", p, d)
				}
			}
		})
	}
}

func TestEveryFieldReportedAtOnce(t *testing.T) {
	e := newEnv(t)
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{"username": 1, "extra": true}}), 400)
	f := r.Fields(t)
	for _, p := range []string{"/username", "/extra", "/email", "/firstName", "/lastName", "/password"} {
		if _, ok := f[p]; !ok {
			t.Errorf("pointeur %q absent : %s", p, r.Body)
		}
	}
}

func TestWrongContentTypeIs415(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: "username=a", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	e.expect(r, 415)
	if r.JSON(t)["code"] != "unsupported_media_type" {
		t.Fatalf("%s", r.Body)
	}
}

func TestOversizedBodyIs413(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: `{"username":"` + strings.Repeat("a", 2<<20) + `"}`})
	e.expect(r, 413)
}

func TestUnknownAPIRouteIsProblem404(t *testing.T) {
	e := newEnv(t)
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/nothing-here"}), 404)
	if r.JSON(t)["code"] != "not_found" {
		t.Fatalf("%s", r.Body)
	}
	r = e.expect(e.do(req{method: "DELETE", path: "/api/v1/me"}), 405)
	if r.JSON(t)["code"] != "method_not_allowed" {
		t.Fatalf("%s", r.Body)
	}
}

func TestContractAndDocsAreServed(t *testing.T) {
	e := newEnv(t)
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/openapi.yaml"}), 200)
	if !strings.HasPrefix(string(r.Body), "openapi: 3.0.3") {
		t.Fatalf("contrat : %.60s", r.Body)
	}
	r = e.expect(e.do(req{method: "GET", path: "/api/docs/"}), 200)
	if !strings.Contains(string(r.Body), "/api/v1/openapi.yaml") {
		t.Fatalf("la documentation ne charge pas le contrat")
	}
	r = e.expect(e.do(req{method: "GET", path: "/api/docs/swagger-ui-bundle.js"}), 200)
	if len(r.Body) < 10000 {
		t.Fatalf("script de la documentation absent (%d octets)", len(r.Body))
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	r := e.expect(e.do(req{method: "GET", path: "/healthz"}), 200)
	for h, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": "frame-ancestors 'none'",
	} {
		if !strings.Contains(r.Header.Get(h), want) {
			t.Errorf("%s = %q, attendu %q", h, r.Header.Get(h), want)
		}
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Error("X-Request-Id absent")
	}
	e.expect(e.do(req{method: "GET", path: "/readyz"}), 200)
}

func TestQueryParameterErrorsNameTheParameter(t *testing.T) {
	e := newEnv(t)
	tk := e.login(e.signUp("param"))
	for q, pointer := range map[string]string{
		"pageSize=101":  "/pageSize",
		"pageSize=abc":  "/pageSize",
		"sort=nom":      "/sort",
		"from=14-10-20": "/from",
	} {
		r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities?" + q, token: tk.Access}), 400)
		if r.Fields(t)[pointer] == "" {
			t.Errorf("%s : pointeur %s absent : %s", q, pointer, r.Body)
		}
	}
}

// A PDF is laid out in memory: past activity.MaxPDFRows it is refused with a
// clear message, while the Excel export of the same view still works.
func TestLargePDFExportIsRefused(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("gros")
	st := e.login(s)
	for _, d := range []user{e.signUp("d1"), e.signUp("d2")} {
		e.expect(e.addDelegate(st, d.ID), 201)
	}
	defer func(n int) { activity.MaxPDFRows = n }(activity.MaxPDFRows)
	activity.MaxPDFRows = 1
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf", token: st.Access}), 400)
	if r.Fields(t)["/format"] == "" || !strings.Contains(r.JSON(t)["title"].(string), "Excel") {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx", token: st.Access}), 200)
}
