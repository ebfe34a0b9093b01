package delegation

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

// svcEnv runs the delegation service on the package's database.
type svcEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	svc    *Service
	clock  *testutil.Clock
	queued atomic.Int64 // MailQueued calls
}

func newSvcEnv(t *testing.T) *svcEnv {
	t.Helper()
	e := &svcEnv{t: t, ctx: context.Background(), db: testdb.DB(t), clock: &testutil.Clock{}}
	acc := &accounts.Service{DB: e.db, Now: e.clock.Now}
	e.svc = &Service{DB: e.db, Accounts: acc, Now: e.clock.Now, MailQueued: func() { e.queued.Add(1) }}
	return e
}

// newPairEnv is where most tests of the service start: a surveyor, Claire,
// and a user, Edith, who is not her délégataire yet.
func newPairEnv(t *testing.T) (e *svcEnv, surveyor, user auth.Person) {
	e = newSvcEnv(t)
	return e, e.surveyor("Claire"), e.user("Edith")
}

// person creates a user (a surveyor when surveyor is true) whose password
// was changed passwordAge ago.
func (e *svcEnv) person(first string, surveyor bool, passwordAge time.Duration) auth.Person {
	e.t.Helper()
	now := e.clock.Now().UTC()
	s := testdb.Suffix()
	u := store.User{ID: uuid.New(), Username: first + s, UsernameKey: accounts.FoldKey(first + s), Email: first + s + "@exemple.qc.ca",
		EmailKey: accounts.FoldKey(first + s + "@exemple.qc.ca"), FirstName: first, LastName: "Essai" + s, PasswordHash: "x",
		PasswordChangedAt: now.Add(-passwordAge), CreatedAt: now, UpdatedAt: now}
	if err := e.db.Create(&u).Error; err != nil {
		e.t.Fatal(err)
	}
	p := auth.Person{ID: u.ID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName}
	if surveyor {
		p.Matricule = "6" + s
		if err := e.db.Create(&store.Surveyor{UserID: u.ID, Matricule: p.Matricule, GrantedAt: now}).Error; err != nil {
			e.t.Fatal(err)
		}
	}
	return p
}

// surveyor is a surveyor whose password changed an hour ago (the first
// délégataire needs no password change).
func (e *svcEnv) surveyor(first string) auth.Person { return e.person(first, true, time.Hour) }

// user is a non-surveyor.
func (e *svcEnv) user(first string) auth.Person { return e.person(first, false, time.Hour) }

// login stores a web session of p whose password was entered ago, and
// returns the request session acting for principal (nil: p themself).
func (e *svcEnv) login(p auth.Person, ago time.Duration, principal *auth.Person) *auth.Session {
	e.t.Helper()
	now := e.clock.Now().UTC()
	at := now.Add(-ago)
	s := store.Session{ID: uuid.New(), UserID: p.ID, CreatedAt: at, LastUsedAt: now, ExpiresAt: now.Add(time.Hour), AuthenticatedAt: &at}
	if err := e.db.Create(&s).Error; err != nil {
		e.t.Fatal(err)
	}
	if principal == nil {
		principal = &p
	}
	pr := *principal
	return &auth.Session{ID: s.ID, Actor: p, Principal: &pr}
}

// fresh is a session of p acting for themself, password entered just now.
func (e *svcEnv) fresh(p auth.Person) *auth.Session { return e.login(p, 0, nil) }

// add makes to a délégataire of from with every service, or fails the test.
func (e *svcEnv) add(from, to auth.Person, terms Terms) DelegateView {
	e.t.Helper()
	v, err := e.svc.Add(e.ctx, e.fresh(from), to.ID, terms)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// delegations returns every delegation of the pair, oldest first.
func (e *svcEnv) delegations(from, to auth.Person) []Delegation {
	e.t.Helper()
	var rows []Delegation
	if err := e.db.Where("delegant_id = ? AND delegate_id = ?", from.ID, to.ID).Order("created_at, id").Find(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// activities returns the log's entries of type typ for principal.
func (e *svcEnv) activities(typ activity.Type, principal auth.Person) []activity.Row {
	e.t.Helper()
	var rows []activity.Row
	if err := e.db.Where("type = ? AND principal_id = ?", typ, principal.ID).Order("id").Find(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// mails counts the outbox messages to p with subject.
func (e *svcEnv) mails(p auth.Person, subject string) int {
	e.t.Helper()
	var n int64
	if err := e.db.Model(&store.OutboxMessage{}).Where("recipient = ? AND subject = ?", e.email(p), subject).Count(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return int(n)
}

func (e *svcEnv) email(p auth.Person) string {
	e.t.Helper()
	var u store.User
	if err := e.db.Where("id = ?", p.ID).Take(&u).Error; err != nil {
		e.t.Fatal(err)
	}
	return u.Email
}

// quebecDay is the Québec date n days from the service's now.
func (e *svcEnv) quebecDay(n int) string {
	return quebec.Day(e.clock.Now().AddDate(0, 0, n))
}

// problemOf is the stable problem code of err ("" when it carries none)
// and the JSON pointers of its field errors. The tests compare the code as
// a string, whatever type the codes take.
func problemOf(err error) (code string, fields []string) {
	if ae, ok := apperr.As(err); ok {
		for _, f := range ae.Fields {
			fields = append(fields, f.Pointer)
		}
		return string(ae.Code), fields
	}
	return "", nil
}

func problem(err error) string { c, _ := problemOf(err); return c }

func pointers(err error) []string { _, f := problemOf(err); return f }

// wantProblem fails unless err carries the problem code want (and, when
// given, exactly these field pointers).
func wantProblem(t *testing.T, err error, want string, fields ...string) {
	t.Helper()
	code, got := problemOf(err)
	if code != want || (fields != nil && !slices.Equal(got, fields)) {
		t.Fatalf("%q %v attendus, reçus %q %v (%v)", want, fields, code, got, err)
	}
}
