package accounts

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

func TestMain(m *testing.M) { testdb.Main(m, "accounts") }

// cheapHash keeps the tests fast; the cost parameters play no part in
// the rules tested here.
var cheapHash = auth.Hasher{Params: auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}}

const password = "Une longue phrase de passe 2026"

type env struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	svc    *Service
	clock  *testutil.Clock
	queued atomic.Int64 // MailQueued calls
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: testdb.DB(t), clock: &testutil.Clock{}}
	e.svc = &Service{
		DB: e.db, Hasher: cheapHash, Now: e.clock.Now,
		Tokens:     &auth.TokenIssuer{Key: []byte("une clé de test d'au moins 32 octets"), Issuer: "https://espace.test", Audience: "espace-api", TTL: 10 * time.Minute},
		SessionTTL: 12 * time.Hour, ResetTTL: time.Hour, PublicURL: "https://espace.test",
		MailQueued: func() { e.queued.Add(1) },
	}
	return e
}

// code is the stable problem code of err, "" when err carries none. The
// tests compare it as a string, whatever type the codes take.
func code(err error) string {
	if ae, ok := apperr.As(err); ok {
		return string(ae.Code)
	}
	return ""
}

// fields are the JSON pointers of err's field errors.
func fields(err error) []string {
	ae, ok := apperr.As(err)
	if !ok {
		return nil
	}
	out := make([]string, len(ae.Fields))
	for i, f := range ae.Fields {
		out[i] = f.Pointer
	}
	return out
}

// wantCode fails unless err carries the problem code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := code(err); got != want {
		t.Fatalf("code %q attendu, reçu %q (%v)", want, got, err)
	}
}

// user signs up a fresh person with the test password.
func (e *env) user(first string) UserView {
	e.t.Helper()
	s := testdb.Suffix()
	u, err := e.svc.SignUp(e.ctx, SignUpInput{Username: first + "." + s, Email: first + "." + s + "@exemple.qc.ca",
		FirstName: first, LastName: "Essai", Password: password})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// login opens a session and returns its tokens and its id.
func (e *env) login(u UserView) (Tokens, uuid.UUID) {
	e.t.Helper()
	tok, err := e.svc.Login(e.ctx, u.Username, password, ClientInfo{IP: "192.0.2.1", UserAgent: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	a, err := e.svc.Authenticate(tok.AccessToken)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok, a.SessionID
}

// webSession is the request session of a login, as the middleware builds it.
func (e *env) webSession(u UserView, sid uuid.UUID) *auth.Session {
	p := Person(u)
	return &auth.Session{ID: sid, Actor: p, Principal: &p}
}

// session reads a stored session.
func (e *env) session(id uuid.UUID) store.Session {
	e.t.Helper()
	var s store.Session
	if err := e.db.Where("id = ?", id).Take(&s).Error; err != nil {
		e.t.Fatal(err)
	}
	return s
}

// revokedFor tells whether the session was revoked, and why.
func (e *env) revokedFor(id uuid.UUID) string {
	e.t.Helper()
	s := e.session(id)
	if s.RevokedAt == nil {
		return ""
	}
	if s.RevokedReason == nil {
		return "?"
	}
	return *s.RevokedReason
}

// mails returns the outbox messages to recipient with subject.
func (e *env) mails(recipient, subject string) []store.OutboxMessage {
	e.t.Helper()
	var rows []store.OutboxMessage
	if err := e.db.Where("recipient = ? AND subject = ?", recipient, subject).Order("id").Find(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// adminEntries returns the administration journal's entries of type typ about principal.
func (e *env) adminEntries(typ string, principal uuid.UUID) []struct {
	ActorID uuid.UUID
	Detail  *string
} {
	e.t.Helper()
	var rows []struct {
		ActorID uuid.UUID
		Detail  *string
	}
	if err := e.db.Table("admin_activities").Select("actor_id, detail").Where("type = ? AND principal_id = ?", typ, principal).
		Order("id").Scan(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	return rows
}
