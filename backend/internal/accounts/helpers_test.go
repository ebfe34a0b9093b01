package accounts

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "accounts") }

// cheapHash keeps the tests fast; the cost parameters play no part in
// the rules tested here.
var cheapHash = auth.Hasher{Params: auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}}

const password = "Une longue phrase de passe 2026"

type env struct {
	*fixture.Env
	svc *Service
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{Env: fixture.New(t)}
	e.svc = &Service{
		DB: e.DB, Hasher: cheapHash, Now: e.Clock.Now,
		Tokens:     &auth.TokenIssuer{Key: []byte("une clé de test d'au moins 32 octets"), Issuer: "https://espace.test", Audience: "espace-api", TTL: 10 * time.Minute},
		SessionTTL: 12 * time.Hour, ResetTTL: time.Hour, PublicURL: "https://espace.test",
		MailQueued: e.MailQueued,
	}
	return e
}

// user signs up a fresh person with the test password.
func (e *env) user(first string) UserView {
	e.T.Helper()
	s := testdb.Suffix()
	u, err := e.svc.SignUp(e.Ctx, SignUpInput{Username: first + "." + s, Email: first + "." + s + "@exemple.qc.ca",
		FirstName: first, LastName: "Essai", Password: password})
	e.Must(err)
	return u
}

// login opens a session and returns its tokens and its id.
func (e *env) login(u UserView) (Tokens, uuid.UUID) {
	e.T.Helper()
	tok, err := e.svc.Login(e.Ctx, u.Username, password, ClientInfo{IP: "192.0.2.1", UserAgent: "test"})
	e.Must(err)
	a, err := e.svc.Authenticate(tok.AccessToken)
	e.Must(err)
	return tok, a.SessionID
}

// webSession is the request session of a login, as the middleware builds it.
func (e *env) webSession(u UserView, sid uuid.UUID) *auth.Session {
	p := Person(u)
	return &auth.Session{ID: sid, Actor: p, Principal: &p}
}

// session reads a stored session.
func (e *env) session(id uuid.UUID) store.Session {
	e.T.Helper()
	var s store.Session
	e.Must(e.DB.Where("id = ?", id).Take(&s).Error)
	return s
}

// revokedFor tells whether the session was revoked, and why.
func (e *env) revokedFor(id uuid.UUID) string {
	e.T.Helper()
	s := e.session(id)
	if s.RevokedAt == nil {
		return ""
	}
	if s.RevokedReason == nil {
		return "?"
	}
	return *s.RevokedReason
}
