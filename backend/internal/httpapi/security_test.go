package httpapi_test

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"espace/backend/internal/httpapi"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

// logCapture swaps the default logger for one writing JSON into a buffer.
type logCapture struct{ testutil.SyncBuffer }

func captureLog(t *testing.T) *logCapture {
	t.Helper()
	c := &logCapture{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(c, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return c
}

// events returns the security events logged so far.
func (l *logCapture) events(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(l.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("ligne de journal non JSON : %s", sc.Text())
		}
		if m["log"] == "security" {
			out = append(out, m)
		}
	}
	return out
}

// find returns the events matching every key/value of want.
func find(events []map[string]any, want map[string]string) []map[string]any {
	var out []map[string]any
next:
	for _, ev := range events {
		for k, v := range want {
			if s, _ := ev[k].(string); s != v {
				continue next
			}
		}
		out = append(out, ev)
	}
	return out
}

// Security events (SPEC §17): logins, refusals, refresh-token reuse, logout,
// password change and reset, acting-for switch, administration, every 401
// and 403 with its problem code; one shape, filterable by log=security.
func TestSecurityEventsAreLogged(t *testing.T) {
	e := newEnv(t)
	logs := captureLog(t)

	s := e.surveyor("evtsurv")
	d := e.signUp("evtdeleg")
	sTk := e.login(s)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": d.Username, "password": "pas le bon mot de passe"}}), 401)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": "inconnu" + d.Username, "password": "pas le bon mot de passe"}}), 401)
	e.expect(e.addDelegate(sTk, d.ID), 201)
	dTk := e.login(d)
	if _, r := e.actFor(dTk, s.ID); r.Status != 200 {
		t.Fatalf("acting-for : %d %s", r.Status, r.Body)
	}
	// Refresh-token reuse.
	fresh := e.login(d)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": fresh.Refresh}}), 200)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": fresh.Refresh}}), 401)
	// 401 without a token, 403 for a plain user on an administration operation.
	e.expect(e.do(req{method: "GET", path: "/api/v1/me", header: map[string]string{"X-Request-Id": "req-sans-jeton"}}), 401)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: dTk.Access, body: map[string]any{"username": d.Username, "matricule": newMatricule()}}), 403)
	// Administration action.
	adm := e.admin()
	other := e.signUp("evtgrant")
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": other.Username, "matricule": newMatricule()}}), 201)
	// Password change, reset request and reset.
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: dTk.Access,
		body: map[string]any{"currentPassword": "pas le bon", "newPassword": "une autre phrase de passe"}}), 400)
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: dTk.Access,
		body: map[string]any{"currentPassword": d.Password, "newPassword": "une autre phrase de passe"}}), 204)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"username": d.Username}}), 202)
	m := e.smtp.WaitFor(t, func(m mailtest.Received) bool { return mailtest.To(d.Email)(m) && linkRe.MatchString(m.Text) }, 5*time.Second)
	link, _ := url.Parse(linkRe.FindString(m.Text))
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": link.Query().Get("jeton"), "newPassword": "phrase choisie après oubli"}}), 204)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": link.Query().Get("jeton"), "newPassword": "phrase choisie après oubli"}}), 400)
	d.Password = "phrase choisie après oubli"
	last := e.login(d)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/logout", token: last.Access}), 204)

	events := logs.events(t)
	for _, ev := range events {
		for _, k := range []string{"event", "outcome", "actor", "session", "target", "ip", "request_id"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("événement sans %s : %v", k, ev)
			}
		}
		if ev["ip"] == "" || ev["request_id"] == "" {
			t.Errorf("événement sans IP ni identifiant de requête : %v", ev)
		}
	}
	expect := func(what string, want map[string]string, check func(map[string]any) bool) {
		t.Helper()
		got := find(events, want)
		if len(got) == 0 {
			t.Errorf("%s : aucun événement %v", what, want)
			return
		}
		if check != nil {
			for _, ev := range got {
				if check(ev) {
					return
				}
			}
			t.Errorf("%s : événements inattendus %v", what, got)
		}
	}
	nonEmpty := func(keys ...string) func(map[string]any) bool {
		return func(ev map[string]any) bool {
			for _, k := range keys {
				if ev[k] == "" {
					return false
				}
			}
			return true
		}
	}
	expect("connexion réussie", map[string]string{"event": "login", "outcome": "success", "actor": s.ID}, nonEmpty("session"))
	expect("mauvais mot de passe", map[string]string{"event": "login", "outcome": "failure", "target": d.ID, "reason": "bad_password"}, nil)
	expect("compte inconnu", map[string]string{"event": "login", "outcome": "failure", "reason": "unknown_user"}, nil)
	expect("agir pour", map[string]string{"event": "acting_for_switch", "outcome": "success", "actor": d.ID, "target": s.ID}, nonEmpty("session"))
	expect("réutilisation", map[string]string{"event": "refresh_token_reuse", "outcome": "denied", "actor": d.ID}, nonEmpty("session"))
	expect("401", map[string]string{"event": "unauthenticated", "code": "unauthenticated", "request_id": "req-sans-jeton", "target": "GET /api/v1/me"}, nil)
	expect("403", map[string]string{"event": "forbidden", "code": "admin_only", "target": "POST /api/v1/admin/surveyors"}, nil)
	expect("administration", map[string]string{"event": "admin_action", "outcome": "success", "reason": "grantSurveyor"},
		func(ev map[string]any) bool { return ev["actor"] != "" && ev["actor"] != d.ID && ev["session"] != "" })
	expect("changement raté", map[string]string{"event": "password_change", "outcome": "failure", "actor": d.ID}, nil)
	expect("changement", map[string]string{"event": "password_change", "outcome": "success", "actor": d.ID}, nonEmpty("session"))
	expect("demande de réinitialisation", map[string]string{"event": "password_reset_request", "outcome": "success", "target": d.ID}, nil)
	expect("réinitialisation", map[string]string{"event": "password_reset", "outcome": "success", "target": d.ID}, nil)
	expect("lien déjà utilisé", map[string]string{"event": "password_reset", "outcome": "failure", "reason": "bad_token"}, nil)
	expect("déconnexion", map[string]string{"event": "logout", "outcome": "success", "actor": d.ID}, nonEmpty("session"))
	// Secrets never reach these events.
	raw, _ := json.Marshal(events)
	for _, secret := range []string{d.Password, "pas le bon mot de passe", fresh.Refresh, link.Query().Get("jeton")} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("secret %q dans le journal de sécurité", secret)
		}
	}
}

// HSTS is sent when the public URL is https, and only then (SPEC §17).
func TestHSTSWhenPublicURLIsHTTPS(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "GET", path: "/healthz"})
	if h := r.Header.Get("Strict-Transport-Security"); h != "" {
		t.Fatalf("HSTS en http : %q", h)
	}
	svc := e.services()
	h, err := httpapi.New(testdb.DB(t), svc, httpapi.Config{PublicURL: "https://espace.exemple.qc.ca", Limits: generous})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/healthz", "/api/v1/me"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=31536000") {
			t.Errorf("%s : HSTS = %q", path, got)
		}
	}
}
