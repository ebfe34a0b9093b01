package portal

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/fixture"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "portal") }

// env is the portal's services on the package's database, with helpers
// that write people, delegations, dossiers and lots straight in it.
type env struct {
	*fixture.Env
	svc *Service
	// jean and claire are two surveyors of the env's own.
	jean, claire auth.Person
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{Env: fixture.New(t)}
	acc := &accounts.Service{DB: e.DB}
	e.svc = &Service{DB: e.DB, Accounts: acc, Delegation: &delegation.Service{DB: e.DB, Accounts: acc}, MailQueued: e.MailQueued}
	e.jean, e.claire = e.user("Jean", true), e.user("Claire", true)
	return e
}

// dossiers are the numbers of the dossiers the services' rules tell apart:
// Jean's of each kind, open and closed, and Claire's of each kind.
type dossiers struct {
	cadastre, survey, closedCadastre, closedSurvey, theirCadastre, theirSurvey string
}

func (e *env) dossiers() dossiers {
	e.T.Helper()
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

// user writes someone; a surveyor gets a fresh matricule.
func (e *env) user(first string, surveyor bool) auth.Person { return e.Person(first, surveyor, 0) }

// self is a surveyor acting in their own name.
func self(p auth.Person) *auth.Session { return &auth.Session{ID: uuid.New(), Actor: p, Principal: &p} }

// delegates records a delegation of the given services (all when none) and
// returns the délégataire's session acting for the surveyor, for service.
func (e *env) delegates(surveyor, delegate auth.Person, service string, services ...string) *auth.Session {
	e.T.Helper()
	if len(services) == 0 {
		services = delegation.DelegableServices
	}
	d := delegation.Delegation{ID: uuid.New(), DelegantID: surveyor.ID, DelegateID: delegate.ID, CreatedAt: time.Now().UTC(),
		CreatedBy: surveyor.ID, Services: strings.Join(services, ",")}
	e.Must(e.DB.Create(&d).Error)
	return &auth.Session{ID: uuid.New(), Actor: delegate, Principal: &surveyor, Services: services, Service: service}
}

// endDelegations ends every delegation of the surveyor to the délégataire.
func (e *env) endDelegations(surveyor, delegate auth.Person) {
	e.T.Helper()
	e.Must(e.DB.Model(&delegation.Delegation{}).Where("delegant_id = ? AND delegate_id = ?", surveyor.ID, delegate.ID).
		Updates(map[string]any{"ended_at": time.Now().UTC(), "end_reason": delegation.EndRemoved}).Error)
}

// dossier opens a dossier for the surveyor, straight in the database.
func (e *env) dossier(owner auth.Person, kind DossierKind, status DossierStatus) Dossier {
	e.T.Helper()
	d := Dossier{Number: fmt.Sprintf("%07d", 2000000+next()), Kind: kind, Title: "Dossier de test", Status: status,
		ResponsibleID: owner.ID, OpenedAt: time.Now().UTC()}
	e.Must(e.DB.Create(&d).Error)
	return d
}

// lot records a lot of the cadastre and returns its number.
func (e *env) lot(status LotStatus, note string) string {
	e.T.Helper()
	n := fmt.Sprintf("%07d", 3000000+next())
	e.Must(e.DB.Create(&Lot{Number: n, Status: status, Note: note, UpdatedAt: time.Now().UTC()}).Error)
	return n
}

// refused fails unless err is the domain error of that kind and code,
// naming the field pointers given (in order), if any.
func refused(t *testing.T, err error, kind apperr.Kind, code string, pointers ...string) {
	t.Helper()
	fixture.WantProblem(t, err, code, pointers...)
	if ae, _ := apperr.As(err); ae.Kind != kind {
		t.Fatalf("erreur %s de sorte %d attendue, reçu %d", code, kind, ae.Kind)
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
