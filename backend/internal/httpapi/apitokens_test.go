package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/delegation"
	"espace/backend/internal/ratelimit"
)

// API tokens for surveyor-office software (SPEC §14).

var quebecZone = func() *time.Location {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		panic(err)
	}
	return loc
}()

// quebecDay is the date, in Québec, days from today.
func quebecDay(days int) string {
	return time.Now().In(quebecZone).AddDate(0, 0, days).Format(time.DateOnly)
}

// createAPIToken makes an API token through the API and returns the answer.
func (e *env) createAPIToken(t tokens, name, expiresOn string) map[string]any {
	e.t.Helper()
	return e.expect(e.do(req{method: "POST", path: "/api/v1/me/api-tokens", token: t.Access,
		body: map[string]any{"name": name, "expiresOn": expiresOn}}), 201).JSON(e.t)
}

// exchange trades an API token for an access token (delegantId optional).
func (e *env) exchange(secret string, delegantID ...string) resp {
	body := map[string]any{"apiToken": secret}
	if len(delegantID) > 0 {
		body["delegantId"] = delegantID[0]
	}
	return e.do(req{method: "POST", path: "/api/v1/auth/token", body: body})
}

// apiAccess exchanges and returns the access token (as tokens, no refresh).
func (e *env) apiAccess(secret string, delegantID ...string) tokens {
	e.t.Helper()
	m := e.expect(e.exchange(secret, delegantID...), 200).JSON(e.t)
	if _, ok := m["refreshToken"]; ok {
		e.t.Fatalf("un échange de jeton d'intégration ne rend pas de jeton de renouvellement : %v", m)
	}
	if m["tokenType"] != "Bearer" || m["expiresIn"].(float64) <= 0 {
		e.t.Fatalf("réponse inattendue : %v", m)
	}
	return tokens{Access: m["accessToken"].(string)}
}

// jsonArray decodes a JSON array of objects.
func jsonArray(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := jsonUnmarshal(b, &out); err != nil {
		t.Fatalf("tableau JSON attendu : %s", b)
	}
	return out
}

// apiTokenInUse signs u in, creates an API token with its name and last
// day, and exchanges it for a session that works.
func (e *env) apiTokenInUse(u user, name, expiresOn string) (web tokens, secret string, api tokens) {
	e.t.Helper()
	web = e.login(u)
	secret = e.createAPIToken(web, name, expiresOn)["token"].(string)
	api = e.apiAccess(secret)
	e.expect(e.me(api.Access), 200)
	return web, secret, api
}

func TestAPITokenLifecycle(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("jetarp")
	web := e.login(s)

	created := e.createAPIToken(web, "Logiciel du bureau de Lévis", quebecDay(30))
	secret, _ := created["token"].(string)
	if !strings.HasPrefix(secret, "mec_") || len(secret) < 40 {
		t.Fatalf("secret inattendu : %q", secret)
	}
	if created["name"] != "Logiciel du bureau de Lévis" || created["expiresOn"] != quebecDay(30) ||
		created["lastUsedAt"] != nil || created["createdAt"] == nil || created["id"] == nil {
		t.Fatalf("jeton créé : %v", created)
	}
	id := created["id"].(string)

	// Stored hashed: no row holds the secret, one holds its digest.
	var n int64
	e.dbCount(&n, "SELECT count(*) FROM api_tokens WHERE token_hash = ? OR name = ?", secret, secret)
	if n != 0 {
		t.Fatal("le secret est conservé en clair")
	}
	sum := sha256.Sum256([]byte(secret))
	e.dbCount(&n, "SELECT count(*) FROM api_tokens WHERE id = ? AND token_hash = ?", id, hex.EncodeToString(sum[:]))
	if n != 1 {
		t.Fatal("l'empreinte du secret n'est pas conservée")
	}

	// Exchange and use: the claims of a login (a surveyor acts for themself).
	api := e.apiAccess(secret)
	me := e.expect(e.me(api.Access), 200).JSON(t)
	if af, _ := me["actingFor"].(map[string]any); af == nil || af["matricule"] != s.Matricule {
		t.Fatalf("acting-for attendu pour %s : %v", s.Matricule, me)
	}
	e.dossier(s, "cadastre")
	e.expect(e.dossiers(api), 200)

	// A second exchange reuses the token's session, of channel api.
	api2 := e.apiAccess(secret)
	e.dbCount(&n, "SELECT count(*) FROM sessions WHERE api_token_id = ? AND channel = 'api'", id)
	if n != 1 {
		t.Fatalf("%d sessions pour le jeton, 1 attendue", n)
	}

	// Listed without the secret, with when it was last used.
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/me/api-tokens", token: web.Access}), 200)
	if strings.Contains(string(list.Body), secret) || strings.Contains(string(list.Body), `"token"`) {
		t.Fatalf("la liste montre le secret : %s", list.Body)
	}
	items := jsonArray(t, list.Body)
	if len(items) != 1 || items[0]["id"] != id || items[0]["lastUsedAt"] == nil {
		t.Fatalf("liste : %s", list.Body)
	}

	// Revoked: its access tokens are refused from the next request, and it
	// no longer exchanges.
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/me/api-tokens/" + id, token: web.Access}), 204)
	for _, tk := range []tokens{api, api2} {
		if r := e.me(tk.Access); r.Status != 401 || code(r) != "unauthenticated" {
			t.Fatalf("jeton d'accès d'un jeton révoqué : %d %s", r.Status, r.Body)
		}
	}
	e.expect(e.exchange(secret), 401)
	list = e.expect(e.do(req{method: "GET", path: "/api/v1/me/api-tokens", token: web.Access}), 200)
	if len(jsonArray(t, list.Body)) != 0 {
		t.Fatalf("un jeton révoqué reste listé : %s", list.Body)
	}
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/me/api-tokens/" + id, token: web.Access}), 404)
	// The web session is untouched.
	e.expect(e.me(web.Access), 200)
}

func TestAPITokenExpiry(t *testing.T) {
	e := newEnv(t)
	_, secret, _ := e.apiTokenInUse(e.surveyor("jetexp"), "Poste 2", quebecDay(0))

	// One second before 00:00 in Québec the day after its last day: valid
	// (a new exchange: a session lasts at most the session lifetime).
	today := time.Now().In(quebecZone)
	end := time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, quebecZone)
	e.clock.Set(end.Add(-time.Second))
	api := e.apiAccess(secret)
	e.expect(e.me(api.Access), 200)
	// At 00:00: ended, from the very next request.
	e.clock.Set(end.Add(time.Millisecond))
	if r := e.me(api.Access); r.Status != 401 || code(r) != "unauthenticated" {
		t.Fatalf("jeton d'accès d'un jeton expiré : %d %s", r.Status, r.Body)
	}
	e.expect(e.exchange(secret), 401)
}

func TestAPITokenPasswordChange(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("jetmdp")
	web, secret, api := e.apiTokenInUse(s, "Poste 3", quebecDay(10))

	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: web.Access,
		body: map[string]any{"currentPassword": s.Password, "newPassword": "une toute nouvelle phrase"}}), 204)
	if r := e.me(api.Access); r.Status != 401 {
		t.Fatalf("jeton d'accès après un changement de mot de passe : %d %s", r.Status, r.Body)
	}
	// The API token itself survives (README: the owner revokes it if it
	// leaked); a new exchange opens a new session.
	e.expect(e.me(e.apiAccess(secret).Access), 200)
}

func TestAPITokenSessionRefusals(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("jetrefus")
	web := e.login(s)
	created := e.createAPIToken(web, "Poste 4", quebecDay(10))
	api := e.apiAccess(created["token"].(string))

	for _, r := range []req{
		{method: "GET", path: "/api/v1/me/api-tokens"},
		{method: "POST", path: "/api/v1/me/api-tokens", body: map[string]any{"name": "Autre", "expiresOn": quebecDay(5)}},
		{method: "DELETE", path: "/api/v1/me/api-tokens/" + created["id"].(string)},
		{method: "PUT", path: "/api/v1/me/password", body: map[string]any{"currentPassword": s.Password, "newPassword": "une toute nouvelle phrase"}},
	} {
		r.token = api.Access
		if got := e.do(r); got.Status != 403 || code(got) != "api_token_not_allowed" {
			t.Errorf("%s %s avec un jeton d'intégration : %d %s", r.method, r.path, got.Status, got.Body)
		}
	}
	var n int64
	e.dbCount(&n, "SELECT count(*) FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL", s.ID)
	if n != 1 {
		t.Fatalf("%d jetons actifs, 1 attendu", n)
	}
	// « Sélection d'un délégant » stays open to it, under the same rules.
	if _, r := e.actFor(api, s.ID); r.Status != 200 {
		t.Fatalf("acting-for avec un jeton d'intégration : %d %s", r.Status, r.Body)
	}
	e.expect(e.me(api.Access), 200)
}

func TestAPITokenOfAnotherUser(t *testing.T) {
	e := newEnv(t)
	a, b := e.surveyor("jetpropa"), e.surveyor("jetpropb")
	ta, tb := e.login(a), e.login(b)
	created := e.createAPIToken(ta, "Poste A", quebecDay(10))
	if r := e.do(req{method: "DELETE", path: "/api/v1/me/api-tokens/" + created["id"].(string), token: tb.Access}); r.Status != 404 || code(r) != "not_found" {
		t.Fatalf("révoquer le jeton d'un autre : %d %s", r.Status, r.Body)
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/me/api-tokens", token: tb.Access}), 200)
	if len(jsonArray(t, list.Body)) != 0 {
		t.Fatalf("la liste montre le jeton d'un autre : %s", list.Body)
	}
	e.expect(e.me(e.apiAccess(created["token"].(string)).Access), 200)
}

func TestAPITokenActsForDelegantLive(t *testing.T) {
	e := newEnv(t)
	a, z := e.surveyor("jetdela"), e.surveyor("jetdelz")
	d := e.signUp("jetdeld")
	ta := e.login(a)
	e.expect(e.addDelegate(ta, d.ID), 201)
	e.dossier(a, "cadastre")
	td := e.login(d)
	secret := e.createAPIToken(td, "Logiciel du délégataire", quebecDay(10))["token"].(string)

	// By default, as after a login: the only délégant.
	me := e.expect(e.me(e.apiAccess(secret).Access), 200).JSON(t)
	if af, _ := me["actingFor"].(map[string]any); af == nil || af["userId"] != a.ID {
		t.Fatalf("délégant par défaut attendu : %v", me)
	}
	// Named: the same decision as « Sélection d'un délégant ».
	api := e.apiAccess(secret, a.ID)
	e.expect(e.dossiers(api), 200)
	if r := e.exchange(secret, z.ID); r.Status != 403 || code(r) != "delegation_not_active" {
		t.Fatalf("délégant qui n'a rien délégué : %d %s", r.Status, r.Body)
	}

	// Removed: its access token is refused from the next request, and it
	// can no longer be named.
	e.expect(e.removeDelegate(ta, d.ID), 204)
	if r := e.dossiers(api); r.Status != 403 || code(r) != "delegation_not_active" {
		t.Fatalf("après le retrait : %d %s", r.Status, r.Body)
	}
	if r := e.exchange(secret, a.ID); r.Status != 403 || code(r) != "delegation_not_active" {
		t.Fatalf("échange après le retrait : %d %s", r.Status, r.Body)
	}
}

func TestAPITokenValidation(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("jetval")
	web := e.login(s)
	create := func(body map[string]any) resp {
		return e.do(req{method: "POST", path: "/api/v1/me/api-tokens", token: web.Access, body: body})
	}
	oneYear := time.Now().In(quebecZone).AddDate(1, 0, 0)
	for name, c := range map[string]struct {
		body    map[string]any
		pointer string
	}{
		"hier":                  {map[string]any{"name": "P", "expiresOn": quebecDay(-1)}, "/expiresOn"},
		"plus d'un an":          {map[string]any{"name": "P", "expiresOn": oneYear.AddDate(0, 0, 1).Format(time.DateOnly)}, "/expiresOn"},
		"nom vide":              {map[string]any{"name": "", "expiresOn": quebecDay(1)}, "/name"},
		"nom blanc":             {map[string]any{"name": "   ", "expiresOn": quebecDay(1)}, "/name"},
		"caractère de contrôle": {map[string]any{"name": "Poste\u0001", "expiresOn": quebecDay(1)}, "/name"},
		"NUL":                   {map[string]any{"name": "Poste\u0000", "expiresOn": quebecDay(1)}, "/name"},
		"trop long":             {map[string]any{"name": strings.Repeat("é", 101), "expiresOn": quebecDay(1)}, "/name"},
		"date invalide":         {map[string]any{"name": "P", "expiresOn": "2026-13-01"}, "/expiresOn"},
		"sans date":             {map[string]any{"name": "P"}, "/expiresOn"},
	} {
		r := create(c.body)
		if r.Status != 400 || code(r) != "validation_failed" || r.Fields(t)[c.pointer] == "" {
			t.Errorf("%s : %d %s", name, r.Status, r.Body)
		}
	}
	e.expect(create(map[string]any{"name": "Un an", "expiresOn": oneYear.Format(time.DateOnly)}), 201)

	for name, body := range map[string]map[string]any{
		"inconnu":      {"apiToken": "mec_inconnu"},
		"sans préfixe": {"apiToken": "pas-un-jeton"},
	} {
		if r := e.do(req{method: "POST", path: "/api/v1/auth/token", body: body}); r.Status != 401 || code(r) != "unauthenticated" {
			t.Errorf("%s : %d %s", name, r.Status, r.Body)
		}
	}
	if r := e.do(req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{}}); r.Status != 400 {
		t.Errorf("sans jeton : %d %s", r.Status, r.Body)
	}
}

func TestAPITokenExchangeRateLimited(t *testing.T) {
	lim := generous
	lim.APITokenPerToken = ratelimit.Rule{Burst: 2, Every: time.Hour}
	lim.APITokenPerIP = ratelimit.Rule{Burst: 5, Every: time.Hour}
	e := newEnv(t, lim)
	s := e.surveyor("jetlim")
	web := e.login(s)
	one := e.createAPIToken(web, "Un", quebecDay(10))["token"].(string)
	two := e.createAPIToken(web, "Deux", quebecDay(10))["token"].(string)

	e.apiAccess(one)
	e.apiAccess(one)
	r := e.exchange(one)
	if r.Status != 429 || code(r) != "rate_limited" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("troisième échange du même jeton : %d %s", r.Status, r.Body)
	}
	// Another token from the same address still passes, up to the
	// address's own limit (5 attempts, the refused one included).
	e.apiAccess(two)
	e.apiAccess(two)
	if r := e.exchange("mec_autre"); r.Status != 429 {
		t.Fatalf("sixième échange de la même adresse : %d %s", r.Status, r.Body)
	}
}

func TestAPITokenSecurityEvents(t *testing.T) {
	logs := captureLog(t)
	e := newEnv(t)
	s := e.surveyor("jetjournal")
	web := e.login(s)
	created := e.createAPIToken(web, "Poste journal", quebecDay(10))
	id := created["id"].(string)
	e.apiAccess(created["token"].(string))
	e.expect(e.exchange("mec_inconnu"), 401)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/me/api-tokens/" + id, token: web.Access}), 204)
	e.expect(e.exchange(created["token"].(string)), 401)

	evs := logs.events(t)
	for _, want := range []map[string]string{
		{"event": "api_token_created", "outcome": "success", "actor": s.ID, "target": id},
		{"event": "api_token_exchange", "outcome": "success", "actor": s.ID, "target": id},
		{"event": "api_token_exchange", "outcome": "failure", "reason": "unknown_token"},
		{"event": "api_token_revoked", "outcome": "success", "actor": s.ID, "target": id},
		{"event": "api_token_exchange", "outcome": "failure", "reason": "revoked", "target": id},
	} {
		if len(find(evs, want)) == 0 {
			t.Errorf("événement absent : %v", want)
		}
	}
	for _, ev := range evs {
		for k, v := range ev {
			if s, ok := v.(string); ok && strings.Contains(s, created["token"].(string)) {
				t.Fatalf("le secret figure au journal (%s) : %v", k, ev)
			}
		}
	}
}

// failingUserLoader loads the facts of a decision as usual, but by user
// fails once told to: the database failing during an exchange.
type failingUserLoader struct {
	delegation.Loader
	fail atomic.Bool
}

func (l *failingUserLoader) ForUser(ctx context.Context, userID uuid.UUID, claimed *uuid.UUID) (delegation.Loaded, error) {
	if l.fail.Load() {
		return delegation.Loaded{}, errors.New("base de données indisponible")
	}
	return l.Loader.ForUser(ctx, userID, claimed)
}

// §14, §17: a délégant refused at the exchange is a denied exchange event
// naming the user, the token and the refusal's code; a failure is no
// refusal.
func TestAPITokenExchangeRefusalIsLogged(t *testing.T) {
	e := newEnv(t)
	loader := &failingUserLoader{Loader: delegation.NewSQLLoader(e.acc.DB)}
	e.deleg.Loader = loader
	z, d := e.surveyor("jetrefz"), e.signUp("jetrefd")
	created := e.createAPIToken(e.login(d), "Logiciel du délégataire", quebecDay(10))
	logs := captureLog(t)
	denied := map[string]string{"event": "api_token_exchange", "outcome": "denied"}

	if r := e.exchange(created["token"].(string), z.ID); r.Status != 403 || code(r) != "delegation_not_active" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	got := find(logs.events(t), denied)
	if len(got) != 1 || got[0]["code"] != "delegation_not_active" || got[0]["actor"] != d.ID || got[0]["target"] != created["id"] {
		t.Fatalf("%v", got)
	}

	loader.fail.Store(true)
	body := `{"apiToken":"` + created["token"].(string) + `","delegantId":"` + z.ID + `"}`
	res, err := http.Post(e.srv.URL+"/api/v1/auth/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode != 500 {
		t.Fatalf("panne : %d", res.StatusCode)
	}
	if got := find(logs.events(t), denied); len(got) != 1 {
		t.Fatalf("une panne journalisée comme un refus : %v", got)
	}
}
