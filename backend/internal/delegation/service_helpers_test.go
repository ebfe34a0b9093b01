package delegation

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// svcEnv runs the delegation service on the package's database.
type svcEnv struct {
	*fixture.Env
	svc *Service
}

func newSvcEnv(t *testing.T) *svcEnv {
	t.Helper()
	e := &svcEnv{Env: fixture.New(t)}
	acc := &accounts.Service{DB: e.DB, Now: e.Clock.Now}
	e.svc = &Service{DB: e.DB, Accounts: acc, Now: e.Clock.Now, MailQueued: e.MailQueued}
	return e
}

// newPairEnv is where most tests of the service start: a surveyor, Claire,
// and a user, Edith, who is not her délégataire yet.
func newPairEnv(t *testing.T) (e *svcEnv, surveyor, user auth.Person) {
	e = newSvcEnv(t)
	return e, e.surveyor("Claire"), e.user("Edith")
}

// surveyor is a surveyor whose password changed an hour ago (the first
// délégataire needs no password change).
func (e *svcEnv) surveyor(first string) auth.Person { return e.Person(first, true, time.Hour) }

// user is a non-surveyor.
func (e *svcEnv) user(first string) auth.Person { return e.Person(first, false, time.Hour) }

// login stores a web session of p whose password was entered ago, and
// returns the request session acting for principal (nil: p themself).
func (e *svcEnv) login(p auth.Person, ago time.Duration, principal *auth.Person) *auth.Session {
	e.T.Helper()
	now := e.Clock.Now().UTC()
	at := now.Add(-ago)
	s := store.Session{ID: uuid.New(), UserID: p.ID, CreatedAt: at, LastUsedAt: now, ExpiresAt: now.Add(time.Hour), AuthenticatedAt: &at}
	e.Must(e.DB.Create(&s).Error)
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
	e.T.Helper()
	v, err := e.svc.Add(e.Ctx, e.fresh(from), to.ID, terms)
	e.Must(err)
	return v
}

// delegations returns every delegation of the pair, oldest first.
func (e *svcEnv) delegations(from, to auth.Person) []Delegation {
	e.T.Helper()
	var rows []Delegation
	e.Must(e.DB.Where("delegant_id = ? AND delegate_id = ?", from.ID, to.ID).Order("created_at, id").Find(&rows).Error)
	return rows
}

// quebecDay is the Québec date n days from the service's now.
func (e *svcEnv) quebecDay(n int) string {
	return quebec.Day(e.Clock.Now().AddDate(0, 0, n))
}

// edithsName is the name the journal must give newPairEnv's user, spelled from
// what the fixture wrote (first name « Edith », last name « Essai » and the
// suffix it also appended to the username), not by the name's own builder.
func edithsName(d auth.Person) string {
	return "Edith Essai" + strings.TrimPrefix(d.Username, "Edith")
}
