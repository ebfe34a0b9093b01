package delegation

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/store"
)

// Guard, inside a write, re-checks the delegation against live data: the
// surveyor acts for themself freely; a délégataire only while the
// delegation is in force and grants the operation's service.
func TestGuard(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{Services: []string{LotReservation, SurveyDossiers}})

	self := e.fresh(s)
	self.Service = ProductOrder
	if err := e.svc.Guard(e.DB.DB, self); err != nil {
		t.Fatalf("pour soi-même : %v", err)
	}
	sess := e.login(d, 0, &s)
	sess.Service = LotReservation
	if err := e.svc.Guard(e.DB.DB, sess); err != nil {
		t.Fatalf("service accordé : %v", err)
	}
	sess.Service = ProductOrder
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, sess), "service_not_delegated")
	// A dossier's service is known once the dossier is loaded: checked on
	// the grant read under lock.
	sess.Service = ByDossierKind
	g, err := e.svc.Lock(e.DB.DB, sess)
	if err != nil {
		t.Fatalf("service selon le dossier : %v", err)
	}
	if err := g.Check(DossierService("arpentage")); err != nil {
		t.Fatalf("dossiers d'arpentage : %v", err)
	}
	fixture.WantProblem(t, g.Check(DossierService("cadastre")), "service_not_delegated")
	if err := g.Check(AnyService); err != nil {
		t.Fatalf("n'importe quel service : %v", err)
	}
	if g, _ := e.svc.Lock(e.DB.DB, self); g.Check(DossierService("cadastre")) != nil {
		t.Fatal("pour soi-même, tout service est permis")
	}

	// Narrowed: from the next write on.
	if _, err := e.svc.Update(e.Ctx, e.fresh(s), d.ID, Change{Services: []string{SurveyDossiers}}); err != nil {
		t.Fatal(err)
	}
	sess.Service = LotReservation
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, sess), "service_not_delegated")

	// Removed: the very next write is refused, whatever the session says.
	if err := e.svc.Remove(e.Ctx, e.fresh(s), d.ID); err != nil {
		t.Fatal(err)
	}
	sess.Service = SurveyDossiers
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, sess), "delegation_not_active")

	// No principal; someone else's délégant.
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, &auth.Session{ID: sess.ID, Actor: d}), "delegation_not_active")
	other := e.surveyor("Jean")
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, e.login(d, 0, &other)), "delegation_not_active")
}

// On PostgreSQL, Guard locks the delegation row (FOR SHARE) until the
// action commits: a removal racing the action waits for it, so nothing is
// done in the surveyor's name after the removal has committed.
func TestGuardHoldsOffARemoval(t *testing.T) {
	e := newSvcEnv(t)
	if e.DB.Dialect != store.Postgres {
		t.Skip("SQLite has a single writer: the transactions cannot interleave")
	}
	s, d := e.surveyor("Claire"), e.user("Edith")
	e.add(s, d, Terms{})
	sess := e.login(d, 0, &s)
	sess.Service = LotReservation

	remover := e.fresh(s)
	removed := make(chan time.Time, 1)
	var committed time.Time
	err := e.DB.WithTx(e.Ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := e.svc.Guard(tx, sess); err != nil {
			return err
		}
		go func() {
			if err := e.svc.Remove(e.Ctx, remover, d.ID); err != nil {
				t.Error(err)
			}
			removed <- time.Now()
		}()
		select {
		case <-removed:
			return errors.New("la suppression n'a pas attendu la fin de l'action")
		case <-time.After(300 * time.Millisecond):
		}
		committed = time.Now()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case at := <-removed:
		if at.Before(committed) {
			t.Fatal("suppression avant la fin de l'action")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("suppression bloquée")
	}
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, sess), "delegation_not_active")
}

// §4: whom a new session acts for. A surveyor: themself; a non-surveyor
// with exactly one délégant in force: that one; with several, or none, or
// one whose delegation has passed its last day: nobody yet.
func TestDefaultActingFor(t *testing.T) {
	e := newSvcEnv(t)
	s1, s2 := e.surveyor("Claire"), e.surveyor("Jean")
	one, two, none, dated, withdrawn := e.user("Edith"), e.user("Pierre"), e.user("Personne"), e.user("Louis"), e.user("Marie")
	e.add(s1, one, Terms{})
	e.add(s1, two, Terms{})
	e.add(s2, two, Terms{})
	e.add(s2, s1, Terms{}) // Claire is also délégataire of Jean (§2.4)
	e.add(s2, dated, Terms{EndsOn: e.quebecDay(0)})
	former := e.surveyor("Alain")
	e.add(former, withdrawn, Terms{})
	if err := e.DB.Model(&store.Surveyor{}).Where("user_id = ?", former.ID).Update("withdrawn_at", time.Now().UTC()).Error; err != nil {
		t.Fatal(err)
	}

	want := func(who auth.Person, expect *auth.Person) {
		t.Helper()
		got, err := e.svc.DefaultActingFor(e.Ctx, who.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case expect == nil && got != nil:
			t.Errorf("%s agit pour %v, personne attendu", who.FirstName, *got)
		case expect != nil && (got == nil || *got != expect.ID):
			t.Errorf("%s agit pour %v, %s attendu", who.FirstName, got, expect.FirstName)
		}
	}
	want(s1, &s1)
	want(one, &s1)
	want(two, nil)
	want(none, nil)
	want(dated, &s2)
	want(withdrawn, nil)
	e.Clock.Advance(24 * time.Hour)
	want(dated, nil)

	if _, err := e.svc.DefaultActingFor(e.Ctx, uuid.New()); fixture.Code(err) != "not_found" {
		t.Fatalf("inconnu : %v", err)
	}
}

// Selecting a délégant (§4): only a surveyor who delegates to the actor,
// or the surveyor themself; a removal holds from the next request (§2.5).
func TestSelectAndEstablish(t *testing.T) {
	e := newSvcEnv(t)
	s, other, d := e.surveyor("Claire"), e.surveyor("Jean"), e.user("Edith")
	e.add(s, d, Terms{Services: []string{ProductOrder}, EndsOn: e.quebecDay(40)})

	p, err := e.svc.Select(e.Ctx, d, s.ID)
	if err != nil || p.ID != s.ID || p.Matricule != s.Matricule {
		t.Fatalf("%v %+v", err, p)
	}
	_, err = e.svc.Select(e.Ctx, d, other.ID)
	fixture.WantProblem(t, err, "delegation_not_active", "/delegantId")
	_, err = e.svc.Select(e.Ctx, d, d.ID) // §2.6
	fixture.WantProblem(t, err, "delegation_not_active")
	if p, err := e.svc.Select(e.Ctx, s, s.ID); err != nil || p.ID != s.ID {
		t.Fatalf("pour soi-même : %v", err)
	}

	sess := e.login(d, 0, &s)
	sess2, err := e.svc.Establish(e.Ctx, auth.Access{SessionID: sess.ID, UserID: d.ID, Claimed: &s.ID})
	if err != nil || sess2.Principal == nil || sess2.Principal.ID != s.ID || !slices.Equal(sess2.Services, []string{ProductOrder}) ||
		sess2.EndsOn != e.quebecDay(40) || sess2.Via() != auth.ChannelWeb {
		t.Fatalf("%v %+v", err, sess2)
	}
	if err := e.svc.Remove(e.Ctx, e.fresh(s), d.ID); err != nil {
		t.Fatal(err)
	}
	sess3, err := e.svc.Establish(e.Ctx, auth.Access{SessionID: sess.ID, UserID: d.ID, Claimed: &s.ID})
	if err != nil || sess3.Principal != nil || sess3.Standing != auth.DelegationEnded {
		t.Fatalf("après suppression : %v %+v", err, sess3)
	}
	// A session that is not the token's subject's.
	if _, err := e.svc.Establish(e.Ctx, auth.Access{SessionID: sess.ID, UserID: s.ID}); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("séance d'autrui : %v", err)
	}
}
