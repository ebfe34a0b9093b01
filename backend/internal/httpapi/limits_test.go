package httpapi_test

import (
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"espace/backend/internal/httpapi"
	"espace/backend/internal/ratelimit"
	"espace/backend/internal/ratelimit/redistest"
	"espace/backend/internal/testdb"
)

// The limits `espace serve` applies (§17).
func production() httpapi.Limits { return httpapi.DefaultLimits }

// Every limit has a production value: a forgotten one means unlimited.
func TestDefaultLimitsAreAllSet(t *testing.T) {
	v := reflect.ValueOf(httpapi.DefaultLimits)
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Errorf("DefaultLimits.%s is not set", v.Type().Field(i).Name)
		}
	}
}

// serverEnv serves the API on db with cfg, built by mk, without mail worker:
// a second instance of the same service.
func serverEnv(t *testing.T, cfg httpapi.Config, mk func(*httpapi.Services) (*echo.Echo, error)) *env {
	t.Helper()
	db := testdb.DB(t)
	e := wire(t, db, nil, nil)
	svc := e.services()
	if mk == nil {
		mk = func(svc *httpapi.Services) (*echo.Echo, error) { return httpapi.New(db, *svc, cfg) }
	}
	h, err := mk(&svc)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

func trustedConfig(l httpapi.Limits, store ratelimit.Store) httpapi.Config {
	return httpapi.Config{PublicURL: "https://espace.test", TrustedProxies: []string{"127.0.0.1/32", "::1/128"}, Limits: l, RateStore: store}
}

func changePassword(e *env, tk tokens, current string) resp {
	return e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": current, "newPassword": "une toute nouvelle phrase"}})
}

// §5: the délégataire search is limited per user.
func TestCandidateSearchLimitedPerUserByDefault(t *testing.T) {
	e := newEnv(t, production())
	a, b := e.login(e.surveyor("cherche")), e.login(e.surveyor("voisin"))
	search := func(tk tokens, i int) resp {
		return e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=inconnu" + strconv.Itoa(i), token: tk.Access})
	}
	for i := 0; i < httpapi.DefaultLimits.CandidateSearch.Burst; i++ {
		e.expect(search(a, i), 200)
	}
	assert429(t, search(a, 99))
	e.expect(search(b, 0), 200) // per user, not global
}

// §17: with a stolen access token, the current password cannot be guessed
// at will.
func TestPasswordChangeLimitedPerUserByDefault(t *testing.T) {
	e := newEnv(t, production())
	u, other := e.signUp("devine"), e.signUp("paisible")
	tk := e.login(u)
	for i := 0; i < httpapi.DefaultLimits.PasswordChange.Burst; i++ {
		e.expect(changePassword(e, tk, "essai "+strconv.Itoa(i)), 400)
	}
	assert429(t, changePassword(e, tk, u.Password)) // even the right one, for now
	// A new session of the same user does not start a new allowance.
	assert429(t, changePassword(e, e.login(u), u.Password))
	e.expect(changePassword(e, e.login(other), other.Password), 204)
}

// §17: exports are limited per user.
func TestExportsLimitedPerUserByDefault(t *testing.T) {
	e := newEnv(t, production())
	a, b := e.login(e.signUp("exporte")), e.login(e.signUp("autre"))
	export := func(tk tokens, format string) resp {
		return e.do(req{method: "GET", path: "/api/v1/activities/export?format=" + format, token: tk.Access})
	}
	for i := 0; i < httpapi.DefaultLimits.ExportPerUser.Burst; i++ {
		e.expect(export(a, []string{"xlsx", "pdf"}[i%2]), 200)
	}
	assert429(t, export(a, "xlsx"))
	assert429(t, export(a, "pdf"))
	e.expect(export(b, "pdf"), 200)
}

// §17: PDF layouts run at most PDFAtOnce at once; the next one is a 429
// with Retry-After, Excel exports still pass, and a finished layout frees
// its slot.
func TestPDFLayoutsBoundedAtOnceByDefault(t *testing.T) {
	l := production()
	var slots *ratelimit.Slots
	e := serverEnv(t, trustedConfig(l, nil), func(svc *httpapi.Services) (*echo.Echo, error) {
		h, s, err := httpapi.NewWithPDFSlots(testdb.DB(t), *svc, trustedConfig(l, nil))
		slots = s
		return h, err
	})
	var tk tokens
	pdf := func() resp {
		return e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf", token: tk.Access})
	}
	// Each export frees its slot once done: more than PDFAtOnce in a row pass.
	for i := 0; i < 2*l.PDFAtOnce+1; i++ {
		tk = e.login(e.signUp("pdf"))
		e.expect(pdf(), 200)
	}
	tk = e.login(e.signUp("pdf"))
	var running []func()
	for i := 0; i < l.PDFAtOnce-1; i++ { // all but one slot taken
		release, ok := slots.TryAcquire()
		if !ok {
			t.Fatalf("slot %d: a finished export kept its slot", i)
		}
		running = append(running, release)
	}
	e.expect(pdf(), 200)
	release, ok := slots.TryAcquire()
	if !ok {
		t.Fatal("the last slot was not freed")
	}
	running = append(running, release)
	r := pdf()
	assert429(t, r)
	if !strings.Contains(r.JSON(t)["title"].(string), "PDF") {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx", token: tk.Access}), 200)
	// Refusals for lack of a slot did not use the user's allowance: with
	// a slot free, every export of their allowance but the two above passes.
	running[0]()
	for i := 0; i < l.ExportPerUser.Burst-2; i++ {
		e.expect(pdf(), 200)
	}
	r = pdf()
	assert429(t, r)
	if strings.Contains(r.JSON(t)["title"].(string), "PDF") {
		t.Fatalf("the user's allowance is spent, not the instance busy: %s", r.Body)
	}
	for _, f := range running {
		f()
	}
}

// §17: one address guessing a password is stopped, while the owner still
// logs in from another address.
func TestLoginGuessingFromOneAddressDoesNotLockOwnerOut(t *testing.T) {
	e := newEnv(t, production())
	victim := e.signUp("victime")
	for i := 0; i < httpapi.DefaultLimits.LoginPerAccountIP.Burst; i++ {
		e.expect(loginFrom(e, "203.0.113.66", victim, "devinette "+strconv.Itoa(i)), 401)
	}
	assert429(t, loginFrom(e, "203.0.113.66", victim, "devinette"))
	assert429(t, loginFrom(e, "203.0.113.66", victim, victim.Password))
	e.expect(loginFrom(e, "198.51.100.7", victim, victim.Password), 200)
	// The guessing address may still log in to other accounts.
	other := e.signUp("collegue")
	e.expect(loginFrom(e, "203.0.113.66", other, other.Password), 200)
}

// The per-address limit still holds whatever the accounts tried.
func TestLoginPerAddressLimitByDefault(t *testing.T) {
	e := newEnv(t, production())
	var last resp
	for i := 0; i <= httpapi.DefaultLimits.LoginPerIP.Burst; i++ {
		last = e.do(req{method: "POST", path: "/api/v1/auth/login", header: map[string]string{"X-Forwarded-For": "203.0.113.77"},
			body: map[string]any{"username": "personne" + strconv.Itoa(i) + testdb.Suffix(), "password": "devinette"}})
	}
	assert429(t, last)
}

// An IPv6 client holds a /64: its addresses count as one.
func TestLoginPerAddressCountsIPv6Per64(t *testing.T) {
	e := newEnv(t, tight()) // 5 per address
	var last resp
	for i := 0; i < 6; i++ {
		last = e.do(req{method: "POST", path: "/api/v1/auth/login", header: map[string]string{"X-Forwarded-For": "2001:db8:1:2::" + strconv.Itoa(i+1)},
			body: map[string]any{"username": "v6" + strconv.Itoa(i) + testdb.Suffix(), "password": "devinette"}})
	}
	assert429(t, last)
	if httpapi.AddressKey("2001:db8:1:2::1") != httpapi.AddressKey("2001:db8:1:2:ffff::9") ||
		httpapi.AddressKey("2001:db8:1:2::1") == httpapi.AddressKey("2001:db8:1:3::1") ||
		httpapi.AddressKey("192.0.2.1") == httpapi.AddressKey("192.0.2.2") ||
		httpapi.AddressKey("::ffff:192.0.2.1") != httpapi.AddressKey("192.0.2.1") {
		t.Fatal("addressKey")
	}
}

// Attempts on one account from many addresses meet a ceiling far above the
// per-address one.
func TestLoginCeilingPerAccountByDefault(t *testing.T) {
	l := production()
	l.LoginSlowdown.Step, l.LoginSlowdown.Max = time.Millisecond, time.Millisecond // the delays have their own test
	e := newEnv(t, l)
	target := e.signUp("assiegee")
	perAddress := l.LoginPerAccountIP.Burst
	for i := 0; i < l.LoginPerAccount.Burst; i++ { // perAddress attempts from each address
		addr := "192.0.2." + strconv.Itoa(1+i/perAddress)
		e.expect(loginFrom(e, addr, target, "devinette"), 401)
	}
	if l.LoginPerAccount.Burst < 5*perAddress {
		t.Fatalf("the ceiling per account (%d) must be well above the limit per address (%d)", l.LoginPerAccount.Burst, perAddress)
	}
	assert429(t, loginFrom(e, "198.51.100.99", target, target.Password))
	other := e.signUp("epargnee")
	e.expect(loginFrom(e, "198.51.100.99", other, other.Password), 200)
}

// Below the ceiling, answers on a busy account come slower and slower.
func TestLoginSlowdownGrowsByDefault(t *testing.T) {
	s := httpapi.DefaultLimits.LoginSlowdown
	for used, want := range map[int]time.Duration{1: 0, s.After: 0, s.After + 1: s.Step, s.After + 2: 2 * s.Step, s.After + 3: 4 * s.Step, s.After + 60: s.Max, 1 << 30: s.Max} {
		if got := s.Delay(used); got != want {
			t.Errorf("Delay(%d) = %v, want %v", used, got, want)
		}
	}
	if s.Max > 10*time.Second {
		t.Fatalf("the owner must not wait more than seconds: %v", s.Max)
	}
	e := newEnv(t, production())
	target := e.signUp("ralentie")
	for i := 0; i < s.After; i++ { // not held back (Delay above)
		e.expect(loginFrom(e, "192.0.2."+strconv.Itoa(100+i), target, "devinette"), 401)
	}
	for n := 1; n <= 3; n++ {
		start := time.Now()
		e.expect(loginFrom(e, "198.51.100."+strconv.Itoa(n), target, target.Password), 200)
		if d, want := time.Since(start), s.Delay(s.After+n); d < want {
			t.Fatalf("attempt %d after %d: answered in %v, want at least %v", n, s.After, d, want)
		}
	}
}

// §16: two instances on one database and one Redis count the login limit
// together: alternating between them gains nothing.
func TestTwoInstancesShareLoginLimitThroughRedis(t *testing.T) {
	prefix := redistest.Prefix(t)
	a := serverEnv(t, trustedConfig(production(), ratelimit.NewRedis(redistest.Client(t), prefix)), nil)
	b := serverEnv(t, trustedConfig(production(), ratelimit.NewRedis(redistest.Client(t), prefix)), nil)
	victim := a.signUp("partagee")
	burst := httpapi.DefaultLimits.LoginPerAccountIP.Burst
	for i := 0; i < burst; i++ {
		inst := []*env{a, b}[i%2]
		inst.expect(loginFrom(inst, "203.0.113.88", victim, "devinette"), 401)
	}
	assert429(t, loginFrom(a, "203.0.113.88", victim, victim.Password))
	assert429(t, loginFrom(b, "203.0.113.88", victim, victim.Password))
	b.expect(loginFrom(b, "198.51.100.8", victim, victim.Password), 200)
}

// Without Redis each instance counts alone (§16: per process), which the
// shared test above would not notice otherwise.
func TestInstancesWithoutRedisCountAlone(t *testing.T) {
	a := serverEnv(t, trustedConfig(production(), nil), nil)
	b := serverEnv(t, trustedConfig(production(), nil), nil)
	victim := a.signUp("separee")
	burst := httpapi.DefaultLimits.LoginPerAccountIP.Burst
	for i := 0; i < burst; i++ {
		a.expect(loginFrom(a, "203.0.113.89", victim, "devinette"), 401)
	}
	assert429(t, loginFrom(a, "203.0.113.89", victim, "devinette"))
	b.expect(loginFrom(b, "203.0.113.89", victim, victim.Password), 200)
}

// Redis unreachable at request time: logins are neither refused nor
// unlimited; each instance counts in its own memory (see ratelimit.Redis).
func TestLoginLimitHoldsWhenRedisIsDown(t *testing.T) {
	client, err := ratelimit.OpenRedis("redis://127.0.0.1:1/0") // nothing listens there
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	e := serverEnv(t, trustedConfig(production(), ratelimit.NewRedis(client, "x:")), nil)
	victim := e.signUp("panne")
	e.expect(loginFrom(e, "198.51.100.10", victim, victim.Password), 200)
	for i := 1; i < httpapi.DefaultLimits.LoginPerAccountIP.Burst; i++ {
		e.expect(loginFrom(e, "203.0.113.90", victim, "devinette"), 401)
	}
	e.expect(loginFrom(e, "203.0.113.90", victim, "devinette"), 401)
	assert429(t, loginFrom(e, "203.0.113.90", victim, victim.Password))
}

// Every limited operation documents its 429 in the contract.
func TestLimitedOperationsDocument429(t *testing.T) {
	spec := contract(t)
	limited := map[string]bool{"login": false, "createAccount": false, "requestPasswordReset": false, "resetPassword": false,
		"requestUsernameReminder": false, "searchDelegateCandidates": false, "changeMyPassword": false, "exportActivities": false,
		"exportAdminActivities": false}
	for _, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:] // the generator capitalises it
			if _, ok := limited[id]; ok {
				limited[id] = true
				if op.Responses.Value("429") == nil {
					t.Errorf("%s: no 429 response", id)
				}
			}
		}
	}
	for id, seen := range limited {
		if !seen {
			t.Errorf("%s: no such operation", id)
		}
	}
}

// §12, §17: reauthentication guesses the same password as a password change:
// attempts count together, per user.
func TestReauthenticationLimitedWithPasswordChange(t *testing.T) {
	e := newEnv(t, production())
	u, other := e.signUp("reauth"), e.signUp("reautre")
	tk := e.login(u)
	reauth := func(tk tokens, password string) resp {
		return e.do(req{method: "POST", path: "/api/v1/auth/reauthentication", token: tk.Access, body: map[string]any{"password": password}})
	}
	for i := 0; i < httpapi.DefaultLimits.PasswordChange.Burst; i++ {
		e.expect(reauth(tk, "essai "+strconv.Itoa(i)), 400)
	}
	assert429(t, reauth(tk, u.Password))
	assert429(t, reauth(e.login(u), u.Password))
	assert429(t, changePassword(e, tk, u.Password))
	e.expect(reauth(e.login(other), other.Password), 204)
}

// §17: an export the query refuses costs nothing of the user's allowance,
// whatever the journal or the format: past the limit, it is still a 400.
func TestInvalidExportsDoNotSpendTheAllowance(t *testing.T) {
	e := newEnv(t, production())
	tk := e.login(e.signUp("invalide"))
	for _, c := range []struct {
		path string
		tk   tokens
	}{{"/api/v1/activities/export", tk}, {"/api/v1/admin/activities/export", e.admin()}} {
		for i := 0; i < httpapi.DefaultLimits.ExportPerUser.Burst+2; i++ {
			format := []string{"xlsx", "pdf"}[i%2]
			r := e.do(req{method: "GET", path: c.path + "?format=" + format + "&from=2026-03-02&to=2026-03-01", token: c.tk.Access})
			if r.Status != 400 || r.JSON(t)["code"] != "validation_failed" {
				t.Fatalf("%s, export %d: %d %s", c.path, i, r.Status, r.Body)
			}
		}
		// The allowance is whole.
		for i := 0; i < httpapi.DefaultLimits.ExportPerUser.Burst; i++ {
			e.expect(e.do(req{method: "GET", path: c.path + "?format=xlsx", token: c.tk.Access}), 200)
		}
	}
}
