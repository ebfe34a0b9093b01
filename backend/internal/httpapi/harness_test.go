package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/portal"
	"espace/backend/internal/ratelimit"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	testdb.Main(m, "httpapi")
}

// testKey signs the access tokens of the test servers.
var testKey = []byte("clé de test de trente-deux octets au moins !!")

// fastHash keeps argon2id but cheap, so that -race runs stay quick.
var fastHash = auth.Hasher{Params: auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}}

// generous limits: only the rate-limit tests use tight ones.
var generous = httpapi.Limits{
	LoginPerIP: ratelimit.Rule{Burst: 10000, Every: time.Millisecond}, LoginPerAccount: ratelimit.Rule{Burst: 10000, Every: time.Millisecond},
	SignUpPerIP: ratelimit.Rule{Burst: 10000, Every: time.Millisecond}, RecoveryPerIP: ratelimit.Rule{Burst: 10000, Every: time.Millisecond},
	RecoveryPerAccount: ratelimit.Rule{Burst: 10000, Every: time.Millisecond},
	CandidateSearch:    ratelimit.Rule{Burst: 10000, Every: time.Millisecond},
}

// env is a whole running service: real database, real SMTP listener, the
// mail worker, and the HTTP API on a loopback port.
type env struct {
	// clock is the services' clock: tests move it instead of sleeping.
	clock  *testutil.Clock
	t      testing.TB
	srv    *httptest.Server
	acc    *accounts.Service
	deleg  *delegation.Service
	portal *portal.Service
	smtp   *mailtest.Server
}

func newEnv(t testing.TB, limits ...httpapi.Limits) *env {
	t.Helper()
	return buildEnv(t, []string{"127.0.0.1/32", "::1/128"}, limits...)
}

// newEnvUntrusted trusts no proxy: X-Forwarded-For is ignored.
func newEnvUntrusted(t *testing.T, limits ...httpapi.Limits) *env {
	t.Helper()
	return buildEnv(t, nil, limits...)
}

func buildEnv(t testing.TB, trusted []string, limits ...httpapi.Limits) *env {
	t.Helper()
	db := testdb.DB(t)
	smtp, sender := startSMTP(t)
	worker := mail.NewWorker(db, sender, mail.WorkerOptions{PollInterval: 50 * time.Millisecond, BaseBackoff: 50 * time.Millisecond})
	runWorker(t, worker)
	clock := &testutil.Clock{}
	e := wire(t, db, clock.Now, worker.Notify)
	e.clock, e.smtp = clock, smtp
	lim := generous
	if len(limits) > 0 {
		lim = limits[0]
	}
	e.serve(db, httpapi.Config{TrustedProxies: trusted, Limits: lim})
	return e
}

// wire builds the services on db as `espace serve` does, with the tests'
// cheap hash and signing key. now and mailQueued may be nil: the real time,
// no worker to wake.
func wire(t testing.TB, db *store.DB, now func() time.Time, mailQueued func()) *env {
	acc := &accounts.Service{Now: now,
		DB: db, Hasher: fastHash,
		Tokens:     &auth.TokenIssuer{Key: testKey, Issuer: "https://espace.test", Audience: "espace-api", TTL: 10 * time.Minute},
		SessionTTL: 12 * time.Hour, ResetTTL: time.Hour, PublicURL: "https://espace.test", MailQueued: mailQueued,
	}
	deleg := &delegation.Service{DB: db, Accounts: acc, MailQueued: mailQueued, Now: now}
	acc.DefaultActingFor = deleg.DefaultActingFor
	ps := &portal.Service{DB: db, Accounts: acc, Delegation: deleg, MailQueued: mailQueued}
	return &env{t: t, acc: acc, deleg: deleg, portal: ps}
}

func (e *env) services() httpapi.Services {
	return httpapi.Services{Accounts: e.acc, Delegation: e.deleg, Portal: e.portal, Activity: &activity.Service{DB: e.acc.DB, People: e.acc.People}}
}

// serve runs the API on a loopback port until the test ends; cfg's public
// URL is that port.
func (e *env) serve(db *store.DB, cfg httpapi.Config) {
	e.t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	cfg.PublicURL = "http://" + srv.Listener.Addr().String()
	h, err := httpapi.New(db, e.services(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	e.t.Cleanup(srv.Close)
	e.srv = srv
}

// startSMTP starts the test's mail system and a sender to it.
func startSMTP(t testing.TB) (*mailtest.Server, mail.Sender) {
	t.Helper()
	smtp := mailtest.Start(t)
	sender, err := mail.NewSender(smtp.URL(), "noreply@espace.test", nil)
	if err != nil {
		t.Fatal(err)
	}
	return smtp, sender
}

// runWorker runs w until the test ends, after the server it serves (cleanups
// run last registered first).
func runWorker(t testing.TB, w *mail.Worker) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r resp) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("réponse non JSON (%d) : %s", r.Status, r.Body)
	}
	return m
}

// Fields returns the problem's field pointers.
func (r resp) Fields(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	errs, _ := r.JSON(t)["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		out[m["pointer"].(string)] = m["detail"].(string)
	}
	return out
}

type req struct {
	method, path string
	body         any    // marshalled to JSON unless it is a string
	token        string // bearer
	header       map[string]string
}

// do sends a request. No request of the suite may get a 500.
func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 && res.StatusCode != http.StatusServiceUnavailable {
		e.t.Fatalf("%s %s → %d : %s", r.method, r.path, res.StatusCode, raw)
	}
	if res.StatusCode >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
		e.t.Fatalf("%s %s → %d sans problem+json : %q", r.method, r.path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	// Every code the suite sees is one the contract lists.
	if res.StatusCode >= 400 && len(raw) > 0 {
		var p api.Problem
		if err := json.Unmarshal(raw, &p); err != nil || !p.Code.Valid() {
			e.t.Fatalf("%s %s → %d, code hors du contrat (ProblemCode) : %s", r.method, r.path, res.StatusCode, raw)
		}
	}
	return resp{Status: res.StatusCode, Header: res.Header, Body: raw}
}

func (e *env) expect(r resp, status int) resp {
	e.t.Helper()
	if r.Status != status {
		e.t.Fatalf("statut %d attendu, reçu %d : %s", status, r.Status, r.Body)
	}
	return r
}

// user is an account created through the API.
type user struct {
	ID, Username, Email, Password, Matricule string
}

const goodPassword = "une phrase de passe solide"

func (e *env) signUp(prefix string) user {
	e.t.Helper()
	name := prefix + testdb.Suffix()
	u := user{Username: name, Email: name + "@exemple.qc.ca", Password: goodPassword}
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{
		"username": u.Username, "email": u.Email, "firstName": "Édith", "lastName": "Descartes", "password": u.Password,
	}}), 201)
	u.ID = r.JSON(e.t)["id"].(string)
	return u
}

type tokens struct{ Access, Refresh string }

func (e *env) login(u user) tokens {
	e.t.Helper()
	m := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": u.Username, "password": u.Password}}), 200).JSON(e.t)
	return tokens{Access: m["accessToken"].(string), Refresh: m["refreshToken"].(string)}
}

func newDossier(number, kind, matricule string) portal.NewDossier {
	return portal.NewDossier{Number: number, Kind: portal.DossierKind(kind), Matricule: matricule, Title: "Dossier " + number}
}
