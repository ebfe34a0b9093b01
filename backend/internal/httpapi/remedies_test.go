package httpapi_test

import (
	"strings"
	"testing"
	"time"
)

// wantRemedy checks a refusal's code and that its title names the API call
// that lifts it, so that software sees what to do without the portal.
func wantRemedy(t *testing.T, r resp, wantCode, call string) {
	t.Helper()
	if r.Status != 403 || code(r) != wantCode {
		t.Fatalf("403 %s attendu : %d %s", wantCode, r.Status, r.Body)
	}
	if title, _ := r.JSON(t)["title"].(string); !strings.Contains(title, call) {
		t.Fatalf("%s : le titre ne nomme pas %s : %q", wantCode, call, title)
	}
}

// Issue #11: the refusals whose remedy is an API call name it in their title.
func TestRefusalTitlesNameTheCallToMake(t *testing.T) {
	e := newEnv(t)
	s, st, d := e.passwordChangeDue("remede")
	wantRemedy(t, e.addDelegate(st, d.ID), "password_change_required", "PUT /api/v1/me/password")
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: st.Access,
		body: map[string]any{"currentPassword": s.Password, "newPassword": "une toute nouvelle phrase"}}), 204)
	e.expect(e.addDelegate(st, d.ID), 201)

	e.clock.Advance(11 * time.Minute) // the password change is no longer recent
	wantRemedy(t, e.addDelegate(st, e.signUp("remedeautre").ID), "reauthentication_required", "POST /api/v1/auth/reauthentication")

	dt, _ := e.actFor(e.login(d), s.ID)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/delegates/" + d.ID, token: st.Access}), 204)
	wantRemedy(t, e.do(req{method: "GET", path: "/api/v1/dossiers", token: dt.Access}), "delegation_not_active", "POST /api/v1/auth/acting-for")

	created := e.createAPIToken(st, "Poste 1", quebecDay(10))
	integration := e.apiAccess(created["token"].(string))
	wantRemedy(t, e.do(req{method: "GET", path: "/api/v1/me/api-tokens", token: integration.Access}), "api_token_not_allowed", "POST /api/v1/auth/login")
}
