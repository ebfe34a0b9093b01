package httpapi_test

import (
	"strconv"
	"testing"
	"time"

	"espace/backend/internal/httpapi"
	"espace/backend/internal/ratelimit"
)

func tight() httpapi.Limits {
	l := generous
	l.LoginPerIP = ratelimit.Rule{Burst: 5, Every: time.Hour}
	l.LoginPerAccount = ratelimit.Rule{Burst: 4, Every: time.Hour}
	l.RecoveryPerIP = ratelimit.Rule{Burst: 3, Every: time.Hour}
	return l
}

func loginFrom(e *env, ip string, u user, password string) resp {
	return e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": u.Username, "password": password},
		header: map[string]string{"X-Forwarded-For": ip}})
}

func assert429(t *testing.T, r resp) {
	t.Helper()
	if r.Status != 429 || r.JSON(t)["code"] != "rate_limited" {
		t.Fatalf("429 attendu : %d %s", r.Status, r.Body)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s <= 0 {
		t.Fatalf("Retry-After = %q", r.Header.Get("Retry-After"))
	}
}

func TestLoginFloodFromOneIP(t *testing.T) {
	e := newEnv(t, tight())
	victims := []user{e.signUp("v1"), e.signUp("v2"), e.signUp("v3")}
	other := e.signUp("autre")
	var last resp
	for i := 0; i < 6; i++ {
		last = loginFrom(e, "203.0.113.7", victims[i%3], "devinette "+strconv.Itoa(i))
	}
	assert429(t, last)
	// Even the right password is refused from that IP for now...
	assert429(t, loginFrom(e, "203.0.113.7", other, other.Password))
	// ...while other users, elsewhere, still log in.
	e.expect(loginFrom(e, "198.51.100.20", other, other.Password), 200)
}

func TestLoginFloodOnOneAccount(t *testing.T) {
	e := newEnv(t, tight())
	target := e.signUp("cible")
	other := e.signUp("tranquille")
	var last resp
	for i := 0; i < 5; i++ { // from a different IP each time
		last = loginFrom(e, "192.0.2."+strconv.Itoa(10+i), target, "devinette")
	}
	assert429(t, last)
	e.expect(loginFrom(e, "192.0.2.99", other, other.Password), 200)
}

func TestSignUpAndRecoveryAreLimitedPerIP(t *testing.T) {
	l := tight()
	l.SignUpPerIP = ratelimit.Rule{Burst: 3, Every: time.Hour}
	e := newEnv(t, l)
	var last resp
	for i := 0; i < 4; i++ {
		n := "flot" + strconv.Itoa(i) + strconv.FormatInt(time.Now().UnixNano(), 36)
		last = e.do(req{method: "POST", path: "/api/v1/accounts", header: map[string]string{"X-Forwarded-For": "203.0.113.50"},
			body: map[string]any{"username": n, "email": n + "@exemple.qc.ca", "firstName": "A", "lastName": "B", "password": goodPassword}})
	}
	assert429(t, last)
	for i := 0; i < 4; i++ {
		last = e.do(req{method: "POST", path: "/api/v1/auth/username-reminders", header: map[string]string{"X-Forwarded-For": "203.0.113.51"},
			body: map[string]any{"email": "x" + strconv.Itoa(i) + "@exemple.qc.ca"}})
	}
	assert429(t, last)
}

// X-Forwarded-For is only believed from a configured proxy.
func TestForwardedForIgnoredWithoutTrustedProxy(t *testing.T) {
	e := newEnvUntrusted(t, tight())
	u := e.signUp("direct")
	var last resp
	for i := 0; i < 6; i++ { // a different claimed IP each time: all count for 127.0.0.1
		last = e.do(req{method: "POST", path: "/api/v1/auth/login", header: map[string]string{"X-Forwarded-For": "10.0.0." + strconv.Itoa(i)},
			body: map[string]any{"username": "x" + strconv.Itoa(i) + u.Username, "password": "devinette"}})
	}
	assert429(t, last)
}
