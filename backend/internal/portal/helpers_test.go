package portal

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "portal") }

// env is the portal's services on the package's database, with helpers
// that write people, delegations, dossiers and lots straight in it.
type env struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	svc   *Service
	woken atomic.Int32 // how many times the mail worker was woken
	// jean and claire are two surveyors of the env's own.
	jean, claire auth.Person
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := testdb.DB(t)
	acc := &accounts.Service{DB: db}
	e := &env{t: t, ctx: context.Background(), db: db}
	e.svc = &Service{DB: db, Accounts: acc, Delegation: &delegation.Service{DB: db, Accounts: acc}, MailQueued: func() { e.woken.Add(1) }}
	e.jean, e.claire = e.user("Jean", true), e.user("Claire", true)
	return e
}

// dossiers are the numbers of the dossiers the services' rules tell apart:
// Jean's of each kind, open and closed, and Claire's of each kind.
type dossiers struct {
	cadastre, survey, closedCadastre, closedSurvey, theirCadastre, theirSurvey string
}

func (e *env) dossiers() dossiers {
	e.t.Helper()
	number := func(p auth.Person, k DossierKind, s DossierStatus) string { return e.dossier(p, k, s).Number }
	return dossiers{
		cadastre: number(e.jean, CadastreDossier, DossierOpen), survey: number(e.jean, SurveyDossier, DossierOpen),
		closedCadastre: number(e.jean, CadastreDossier, DossierClosed), closedSurvey: number(e.jean, SurveyDossier, DossierClosed),
		theirCadastre: number(e.claire, CadastreDossier, DossierOpen), theirSurvey: number(e.claire, SurveyDossier, DossierOpen),
	}
}

// seq numbers what must be unique in the database across the tests.
var seq atomic.Int64

func next() int64 { return seq.Add(1) }

// user creates someone; a surveyor gets a fresh matricule.
func (e *env) user(first string, surveyor bool) auth.Person {
	e.t.Helper()
	now := time.Now().UTC()
	s := testdb.Suffix()
	u := store.User{ID: uuid.New(), Username: first + s, UsernameKey: strings.ToLower(first + s), Email: first + s + "@x.qc.ca",
		EmailKey: strings.ToLower(first + s + "@x.qc.ca"), FirstName: first, LastName: "Test", PasswordHash: "x",
		PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}
	e.must(e.db.Create(&u).Error)
	p := auth.Person{ID: u.ID, Username: u.Username, FirstName: first, LastName: "Test"}
	if surveyor {
		p.Matricule = fmt.Sprintf("%04d", 1000+next())
		e.must(e.db.Create(&store.Surveyor{UserID: u.ID, Matricule: p.Matricule, GrantedAt: now}).Error)
	}
	return p
}

// self is a surveyor acting in their own name.
func self(p auth.Person) *auth.Session { return &auth.Session{ID: uuid.New(), Actor: p, Principal: &p} }

// delegates records a delegation of the given services (all when none) and
// returns the délégataire's session acting for the surveyor, for service.
func (e *env) delegates(surveyor, delegate auth.Person, service string, services ...string) *auth.Session {
	e.t.Helper()
	if len(services) == 0 {
		services = delegation.DelegableServices
	}
	d := delegation.Delegation{ID: uuid.New(), DelegantID: surveyor.ID, DelegateID: delegate.ID, CreatedAt: time.Now().UTC(),
		CreatedBy: surveyor.ID, Services: strings.Join(services, ",")}
	e.must(e.db.Create(&d).Error)
	return &auth.Session{ID: uuid.New(), Actor: delegate, Principal: &surveyor, Services: services, Service: service}
}

// endDelegations ends every delegation of the surveyor to the délégataire.
func (e *env) endDelegations(surveyor, delegate auth.Person) {
	e.t.Helper()
	e.must(e.db.Model(&delegation.Delegation{}).Where("delegant_id = ? AND delegate_id = ?", surveyor.ID, delegate.ID).
		Updates(map[string]any{"ended_at": time.Now().UTC(), "end_reason": delegation.EndRemoved}).Error)
}

// dossier opens a dossier for the surveyor, straight in the database.
func (e *env) dossier(owner auth.Person, kind DossierKind, status DossierStatus) Dossier {
	e.t.Helper()
	d := Dossier{Number: fmt.Sprintf("%07d", 2000000+next()), Kind: kind, Title: "Dossier de test", Status: status,
		ResponsibleID: owner.ID, OpenedAt: time.Now().UTC()}
	e.must(e.db.Create(&d).Error)
	return d
}

// lot records a lot of the cadastre and returns its number.
func (e *env) lot(status LotStatus, note string) string {
	e.t.Helper()
	n := fmt.Sprintf("%07d", 3000000+next())
	e.must(e.db.Create(&Lot{Number: n, Status: status, Note: note, UpdatedAt: time.Now().UTC()}).Error)
	return n
}

// activities are the journal entries of one type about the surveyor.
func (e *env) activities(t activity.Type, principal auth.Person) []activity.Row {
	e.t.Helper()
	var rows []activity.Row
	e.must(e.db.Where("type = ? AND principal_id = ?", t, principal.ID).Order("id").Find(&rows).Error)
	return rows
}

// adminActivities are the administration journal's entries of one type.
func (e *env) adminActivities(t activity.Type, principal auth.Person) []activity.Row {
	e.t.Helper()
	var rows []activity.Row
	e.must(e.db.Table("admin_activities").Where("type = ? AND principal_id = ?", t, principal.ID).Order("id").Find(&rows).Error)
	return rows
}

// outbox is the e-mail queued for an address.
func (e *env) outbox(to string) []store.OutboxMessage {
	e.t.Helper()
	var rows []store.OutboxMessage
	e.must(e.db.Where("recipient = ?", to).Order("id").Find(&rows).Error)
	return rows
}

func (e *env) email(p auth.Person) string {
	e.t.Helper()
	var u store.User
	e.must(e.db.Where("id = ?", p.ID).Take(&u).Error)
	return u.Email
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// refused fails unless err is the domain error of that kind and code,
// naming the field pointers given (in order), if any.
func refused(t *testing.T, err error, kind apperr.Kind, code string, pointers ...string) {
	t.Helper()
	ae, ok := apperr.As(err)
	if !ok {
		t.Fatalf("erreur attendue %s, reçu %v", code, err)
	}
	if ae.Kind != kind || string(ae.Code) != code {
		t.Fatalf("erreur attendue %d/%s, reçu %d/%s (%s)", kind, code, ae.Kind, ae.Code, ae.Title)
	}
	if len(pointers) > 0 {
		var got []string
		for _, f := range ae.Fields {
			got = append(got, f.Pointer)
		}
		if strings.Join(got, " ") != strings.Join(pointers, " ") {
			t.Fatalf("champs attendus %v, reçu %v", pointers, got)
		}
	}
}

// is fails unless err is target (a sentinel of delegation).
func is(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("erreur attendue %v, reçu %v", target, err)
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
