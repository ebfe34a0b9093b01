package accounts

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// inDays is the Québec calendar day n days from the service's now.
func (e *env) inDays(n int) time.Time {
	d := e.Clock.Now().In(quebec.Location)
	return time.Date(d.Year(), d.Month(), d.Day()+n, 0, 0, 0, 0, time.UTC)
}

// newAPIToken creates an API token of u, valid 30 days, from a web session.
func (e *env) newAPIToken(u UserView) (APITokenView, string) {
	e.T.Helper()
	_, sid := e.login(u)
	v, secret, err := e.svc.CreateAPIToken(e.Ctx, e.webSession(u, sid), "Logiciel de bureau", e.inDays(30))
	if err != nil {
		e.T.Fatal(err)
	}
	return v, secret
}

// exchange is POST /auth/token: the owner of the secret, then a session.
func (e *env) exchange(secret string) (Tokens, error) {
	t, _, err := e.svc.APITokenOwner(e.Ctx, secret)
	if err != nil {
		return Tokens{}, err
	}
	return e.svc.OpenAPITokenSession(e.Ctx, t, nil, ClientInfo{IP: "192.0.2.9"})
}

// apiSession opens a session with a new API token of u and returns its id.
func (e *env) apiSession(u UserView) uuid.UUID {
	e.T.Helper()
	_, secret := e.newAPIToken(u)
	tok, err := e.exchange(secret)
	if err != nil {
		e.T.Fatal(err)
	}
	a, err := e.svc.Authenticate(tok.AccessToken)
	if err != nil {
		e.T.Fatal(err)
	}
	return a.SessionID
}

// §14: a named token, shown once, stored hashed, at most a year ahead.
func TestCreateAPIToken(t *testing.T) {
	e := newEnv(t)
	u := e.user("Claire")
	_, sid := e.login(u)
	sess := e.webSession(u, sid)

	for name, c := range map[string]struct {
		name    string
		day     time.Time
		pointer string
	}{
		"sans nom":         {" ", e.inDays(1), "/name"},
		"nom trop long":    {strings.Repeat("é", 101), e.inDays(1), "/name"},
		"contrôle":         {"a\u0000b", e.inDays(1), "/name"},
		"hier":             {"Logiciel", e.inDays(-1), "/expiresOn"},
		"plus d'un an":     {"Logiciel", e.inDays(367), "/expiresOn"},
		"nom et date faux": {"", e.inDays(-1), "/name"},
	} {
		_, _, err := e.svc.CreateAPIToken(e.Ctx, sess, c.name, c.day)
		if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || len(f) == 0 || f[0] != c.pointer {
			t.Errorf("%s : %v %v", name, err, f)
		}
	}

	v, secret, err := e.svc.CreateAPIToken(e.Ctx, sess, "  Logiciel de bureau  ", e.inDays(365))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, APITokenPrefix) || len(secret) < 30 {
		t.Fatalf("secret %q", secret)
	}
	if v.Name != "Logiciel de bureau" || !v.ExpiresOn.Equal(e.inDays(365)) || v.LastUsedAt != nil {
		t.Fatalf("%+v", v)
	}
	var row store.APIToken
	if err := e.DB.Where("id = ?", v.ID).Take(&row).Error; err != nil || row.TokenHash == secret || strings.Contains(row.TokenHash, secret[len(APITokenPrefix):]) {
		t.Fatalf("secret stocké en clair : %v %+v", err, row)
	}
	// Today is allowed: the token lasts to the end of the Québec day.
	if _, _, err := e.svc.CreateAPIToken(e.Ctx, sess, "Aujourd'hui", e.inDays(0)); err != nil {
		t.Fatalf("aujourd'hui : %v", err)
	}
}

// Exchanging: a session of channel api, reused by the next exchange, and
// lastUsedAt set; unknown or malformed secrets are refused.
func TestExchangeAPIToken(t *testing.T) {
	e := newEnv(t)
	u := e.user("Pierre")
	v, secret := e.newAPIToken(u)

	first, err := e.exchange(secret)
	if err != nil {
		t.Fatal(err)
	}
	if first.RefreshToken != "" || first.UserID != u.ID {
		t.Fatalf("%+v", first)
	}
	a, err := e.svc.Authenticate(first.AccessToken)
	if err != nil || a.UserID != u.ID {
		t.Fatalf("%v %+v", err, a)
	}
	s := e.session(a.SessionID)
	if s.Channel != string(auth.ChannelAPI) || s.APITokenID == nil || *s.APITokenID != v.ID || s.AuthenticatedAt != nil {
		t.Fatalf("séance %+v", s)
	}
	second, err := e.exchange(secret)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := e.svc.Authenticate(second.AccessToken); b.SessionID != a.SessionID {
		t.Fatal("une séance par échange")
	}
	var row store.APIToken
	e.DB.Where("id = ?", v.ID).Take(&row)
	if row.LastUsedAt == nil {
		t.Fatal("lastUsedAt non renseigné")
	}

	for _, bad := range []string{"", "mec_inconnu", strings.TrimPrefix(secret, APITokenPrefix)} {
		if _, err := e.exchange(bad); fixture.Code(err) != "unauthenticated" {
			t.Errorf("%q : %v", bad, err)
		}
	}
}

// Revoking refuses the token and ends its sessions in the same
// transaction; another user's token is not found.
func TestRevokeAPIToken(t *testing.T) {
	e := newEnv(t)
	u, other := e.user("Sophie"), e.user("Alain")
	v, secret := e.newAPIToken(u)
	kept, keptSecret := e.newAPIToken(u)
	tok, err := e.exchange(secret)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.svc.Authenticate(tok.AccessToken)

	_, osid := e.login(other)
	if err := e.svc.RevokeAPIToken(e.Ctx, e.webSession(other, osid), v.ID); fixture.Code(err) != "not_found" {
		t.Fatalf("jeton d'autrui : %v", err)
	}
	_, sid := e.login(u)
	sess := e.webSession(u, sid)
	if err := e.svc.RevokeAPIToken(e.Ctx, sess, v.ID); err != nil {
		t.Fatal(err)
	}
	if r := e.revokedFor(a.SessionID); r != "api_token_revoked" {
		t.Fatalf("séance du jeton : %q", r)
	}
	if r := e.revokedFor(sid); r != "" {
		t.Fatalf("séance web : %q", r)
	}
	if _, err := e.exchange(secret); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("jeton révoqué échangé : %v", err)
	}
	if err := e.svc.RevokeAPIToken(e.Ctx, sess, v.ID); fixture.Code(err) != "not_found" {
		t.Fatalf("deuxième révocation : %v", err)
	}
	list, err := e.svc.ListAPITokens(e.Ctx, sess)
	if err != nil || len(list) != 1 || list[0].ID != kept.ID {
		t.Fatalf("%v %+v", err, list)
	}
	if _, err := e.exchange(keptSecret); err != nil {
		t.Fatalf("l'autre jeton : %v", err)
	}
}

// A token read before its revocation committed opens no session after it.
func TestRevokedBetweenOwnerAndSession(t *testing.T) {
	e := newEnv(t)
	u := e.user("Louis")
	v, secret := e.newAPIToken(u)
	row, _, err := e.svc.APITokenOwner(e.Ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	_, sid := e.login(u)
	if err := e.svc.RevokeAPIToken(e.Ctx, e.webSession(u, sid), v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.OpenAPITokenSession(e.Ctx, row, nil, ClientInfo{}); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("%v", err)
	}
	var n int64
	e.DB.Model(&store.Session{}).Where("api_token_id = ?", v.ID).Count(&n)
	if n != 0 {
		t.Fatalf("%d séances ouvertes", n)
	}
}

// A token works through its last day (Québec) and not after;
// its session ends with it.
func TestAPITokenExpiry(t *testing.T) {
	e := newEnv(t)
	u := e.user("Marie")
	_, sid := e.login(u)
	v, secret, err := e.svc.CreateAPIToken(e.Ctx, e.webSession(u, sid), "Un jour", e.inDays(0))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := e.exchange(secret)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.svc.Authenticate(tok.AccessToken)
	end := endOfDay(v.ExpiresOn)
	if s := e.session(a.SessionID); s.ExpiresAt.After(end) {
		t.Fatalf("la séance survit au jeton : %v > %v", s.ExpiresAt, end)
	}
	e.Clock.Advance(time.Until(end) - time.Minute)
	if _, err := e.exchange(secret); err != nil {
		t.Fatalf("dernière minute : %v", err)
	}
	e.Clock.Advance(time.Minute)
	if _, err := e.exchange(secret); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("jeton expiré : %v", err)
	}
}

// §14: an API token session cannot manage API tokens.
func TestAPITokenSessionCannotManageTokens(t *testing.T) {
	e := newEnv(t)
	u := e.user("Jean")
	v, _ := e.newAPIToken(u)
	api := &auth.Session{ID: e.apiSession(u), Actor: Person(u), Channel: auth.ChannelAPI}
	_, _, err := e.svc.CreateAPIToken(e.Ctx, api, "Autre", e.inDays(1))
	fixture.WantProblem(t, err, "api_token_not_allowed")
	_, err = e.svc.ListAPITokens(e.Ctx, api)
	fixture.WantProblem(t, err, "api_token_not_allowed")
	fixture.WantProblem(t, e.svc.RevokeAPIToken(e.Ctx, api, v.ID), "api_token_not_allowed")
	var row store.APIToken
	e.DB.Where("id = ?", v.ID).Take(&row)
	if row.RevokedAt != nil {
		t.Fatal("révoqué quand même")
	}
}

// An API-token session's acting-for claim names a surveyor only while their
// status is in force (§1, §14): once withdrawn, the exchange claims nobody.
func TestAPITokenSessionClaimsOnlyASurveyorInForce(t *testing.T) {
	e := newEnv(t)
	admin, u, surveyor := e.user("Admin"), e.user("Édith"), e.user("Claire")
	m := matricule()
	if _, err := e.svc.GrantSurveyor(e.Ctx, Person(admin), surveyor.Username, m); err != nil {
		t.Fatal(err)
	}
	_, secret := e.newAPIToken(u)
	claimFor := func() *auth.ActingForClaim {
		t.Helper()
		row, _, err := e.svc.APITokenOwner(e.Ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := e.svc.OpenAPITokenSession(e.Ctx, row, &surveyor.ID, ClientInfo{IP: "192.0.2.9"})
		if err != nil {
			t.Fatal(err)
		}
		claims, err := e.svc.Tokens.Verify(tok.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		return claims.ActingFor
	}
	if c := claimFor(); c == nil || c.Matricule != m || c.UserID != surveyor.ID.String() {
		t.Fatalf("statut en vigueur : %+v", c)
	}
	if err := e.svc.RevokeSurveyor(e.Ctx, Person(admin), m); err != nil {
		t.Fatal(err)
	}
	if c := claimFor(); c != nil {
		t.Fatalf("statut retiré : le jeton agit encore pour %+v", c)
	}
}
