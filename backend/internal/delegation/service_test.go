package delegation

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/mail"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// §5, §6, §8: adding a délégataire writes the delegation, « Ajout d'un
// délégataire » and both e-mails, and wakes the mail worker.
func TestAddDelegate(t *testing.T) {
	e, s, d := newPairEnv(t)
	v, err := e.svc.Add(e.Ctx, e.fresh(s), d.ID, Terms{})
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != d.ID || !slices.Equal(v.Services, DelegableServices) || v.EndsOn != "" {
		t.Fatalf("%+v", v)
	}
	rows := e.delegations(s, d)
	if len(rows) != 1 || rows[0].EndedAt != nil || rows[0].CreatedBy != s.ID || !slices.Equal(rows[0].Scope(), DelegableServices) {
		t.Fatalf("%+v", rows)
	}
	acts := e.Activities(activity.DelegateAdded, s.ID)
	if len(acts) != 1 || acts[0].ActorID != s.ID || acts[0].Detail == nil || *acts[0].Detail != edithsName(d) ||
		acts[0].PrincipalMatricule == nil || *acts[0].PrincipalMatricule != s.Matricule {
		t.Fatalf("journal : %+v", acts)
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegateAddedToSurveyor)) != 1 || len(e.Mails(e.Email(d), mail.SubjectDelegateAddedToDelegate)) != 1 {
		t.Fatal("courriels manquants")
	}
	if e.Queued.Load() != 1 {
		t.Fatalf("travailleur réveillé %d fois", e.Queued.Load())
	}

	// §2.6: one active delegation per pair.
	_, err = e.svc.Add(e.Ctx, e.fresh(s), d.ID, Terms{})
	fixture.WantProblem(t, err, "conflict", "/userId")
	if n := len(e.Activities(activity.DelegateAdded, s.ID)); n != 1 {
		t.Fatalf("refus journalisé : %d", n)
	}

	// §11: scoped and dated.
	d2 := e.user("Pierre")
	end := e.quebecDay(30)
	v, err = e.svc.Add(e.Ctx, e.fresh(s), d2.ID, Terms{Services: []string{ProductOrder, LotReservation, ProductOrder}, EndsOn: end})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(v.Services, []string{LotReservation, ProductOrder}) || v.EndsOn != end {
		t.Fatalf("%+v", v)
	}
	if r := e.delegations(s, d2)[0]; r.Services != "lot_reservation,product_order" || r.LastDay() != end || r.ReminderSentAt != nil {
		t.Fatalf("%+v", r)
	}
}

// The delegation, its activity and its e-mails commit together: when the
// e-mail cannot be queued, nothing of the action remains.
func TestAddIsOneTransaction(t *testing.T) {
	e, s, d := newPairEnv(t)
	// An address the outbox refuses makes the last write of Add fail.
	if err := e.DB.Model(&store.User{}).Where("id = ?", d.ID).Update("email", "pas une adresse").Error; err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Add(e.Ctx, e.fresh(s), d.ID, Terms{}); err == nil {
		t.Fatal("ajout malgré le courriel refusé")
	}
	if n := len(e.delegations(s, d)); n != 0 {
		t.Fatalf("%d délégations restées", n)
	}
	if n := len(e.Activities(activity.DelegateAdded, s.ID)); n != 0 {
		t.Fatalf("%d activités restées", n)
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegateAddedToSurveyor)) != 0 {
		t.Fatal("courriel au délégant resté")
	}
	if e.Queued.Load() != 0 {
		t.Fatal("travailleur réveillé pour rien")
	}
}

// The refusals of Add, each with its code and field, and none writes.
func TestAddRefusals(t *testing.T) {
	e := newSvcEnv(t)
	s, other, d := e.surveyor("Claire"), e.surveyor("Jean"), e.user("Edith")
	e.add(other, s, Terms{}) // Claire is also Jean's délégataire (§2.4)

	cases := []struct {
		name   string
		sess   *auth.Session
		to     uuid.UUID
		terms  Terms
		code   string
		fields []string
	}{
		{"§5 a délégataire acting for their délégant", e.login(s, 0, &other), d.ID, Terms{}, "surveyor_only", nil},
		{"§2.1 a non-surveyor", e.fresh(d), s.ID, Terms{}, "surveyor_only", nil},
		{"§2.6 oneself", e.fresh(s), s.ID, Terms{}, "cannot_delegate_to_self", []string{"/userId"}},
		{"unknown user", e.fresh(s), uuid.New(), Terms{}, "not_found", []string{"/userId"}},
		{"§11 no service", e.fresh(s), d.ID, Terms{Services: []string{}}, "validation_failed", []string{"/services"}},
		{"§3 dépôt never delegated", e.fresh(s), d.ID, Terms{Services: []string{LotReservation, DMDeposit}}, "validation_failed", []string{"/services/1"}},
		{"unknown service", e.fresh(s), d.ID, Terms{Services: []string{"inconnu"}}, "validation_failed", []string{"/services/0"}},
		{"§11 end date past", e.fresh(s), d.ID, Terms{EndsOn: e.quebecDay(-1)}, "validation_failed", []string{"/endsOn"}},
		{"§11 end date beyond 3 years", e.fresh(s), d.ID, Terms{EndsOn: e.quebecDay(3*366 + 1)}, "validation_failed", []string{"/endsOn"}},
		{"§11 end date not a date", e.fresh(s), d.ID, Terms{EndsOn: "2027-02-30"}, "validation_failed", []string{"/endsOn"}},
		{"§12 password entered 11 minutes ago", e.login(s, 11*time.Minute, nil), d.ID, Terms{}, "reauthentication_required", nil},
		{"§14 API token session", apiSession(e.fresh(s)), d.ID, Terms{}, "reauthentication_required", nil},
	}
	for _, c := range cases {
		_, err := e.svc.Add(e.Ctx, c.sess, c.to, c.terms)
		if fixture.Code(err) != c.code || (c.fields != nil && !slices.Equal(fixture.Pointers(err), c.fields)) {
			t.Errorf("%s : %v %v", c.name, err, fixture.Pointers(err))
		}
	}
	if n := len(e.delegations(s, d)); n != 0 {
		t.Fatalf("%d délégations écrites", n)
	}
	if n := len(e.Activities(activity.DelegateAdded, s.ID)); n != 0 {
		t.Fatalf("%d activités écrites", n)
	}
	// Today is a valid last day; three years ahead too.
	e.add(s, d, Terms{EndsOn: e.quebecDay(0)})
	e.add(s, e.user("Pierre"), Terms{EndsOn: quebec.Day(e.Clock.Now().In(quebec.Location).AddDate(MaxEndsOnAhead, 0, 0))})
}

func apiSession(s *auth.Session) *auth.Session {
	s.Channel = auth.ChannelAPI
	return s
}

// §12: the window is configurable.
func TestReauthWindow(t *testing.T) {
	e := newSvcEnv(t)
	s := e.surveyor("Claire")
	e.svc.ReauthWindow = 30 * time.Minute
	if _, err := e.svc.Add(e.Ctx, e.login(s, 20*time.Minute, nil), e.user("Edith").ID, Terms{}); err != nil {
		t.Fatalf("20 min dans une fenêtre de 30 : %v", err)
	}
	_, err := e.svc.Add(e.Ctx, e.login(s, 31*time.Minute, nil), e.user("Pierre").ID, Terms{})
	fixture.WantProblem(t, err, "reauthentication_required")
}

// §5: the first délégataire needs a password changed within 24 hours;
// the next ones do not, even when the first was removed since.
func TestFirstDelegatePasswordRule(t *testing.T) {
	e := newSvcEnv(t)
	s := e.Person("Claire", true, 25*time.Hour)
	d := e.user("Edith")
	_, err := e.svc.Add(e.Ctx, e.fresh(s), d.ID, Terms{})
	fixture.WantProblem(t, err, "password_change_required")

	recent := e.Person("Jean", true, 23*time.Hour)
	e.add(recent, d, Terms{})

	// Claire changes her password: she may add; a day later, removing and
	// adding again needs no new change.
	if err := e.DB.Model(&store.User{}).Where("id = ?", s.ID).Update("password_changed_at", e.Clock.Now().UTC()).Error; err != nil {
		t.Fatal(err)
	}
	e.add(s, d, Terms{})
	e.Clock.Advance(48 * time.Hour)
	if err := e.svc.Remove(e.Ctx, e.fresh(s), d.ID); err != nil {
		t.Fatal(err)
	}
	e.add(s, d, Terms{})
}

// §2.5, §5: removal ends the delegation at once, keeps the record, is
// logged and mailed; re-adding makes a new record. Removing never asks
// for the password again (§12).
func TestRemoveDelegate(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{})
	late := e.login(s, 5*time.Hour, nil)
	if err := e.svc.Remove(e.Ctx, late, d.ID); err != nil {
		t.Fatal(err)
	}
	rows := e.delegations(s, d)
	if len(rows) != 1 || rows[0].EndedAt == nil || rows[0].EndedBy == nil || *rows[0].EndedBy != s.ID ||
		rows[0].EndReason == nil || *rows[0].EndReason != EndRemoved {
		t.Fatalf("%+v", rows)
	}
	acts := e.Activities(activity.DelegateRemoved, s.ID)
	if len(acts) != 1 || acts[0].ActorID != s.ID || *acts[0].Detail != edithsName(d) {
		t.Fatalf("%+v", acts)
	}
	if len(e.Mails(e.Email(d), mail.SubjectDelegateRemovedToDelegate)) != 1 {
		t.Fatal("délégataire non avisé")
	}
	fixture.WantProblem(t, e.svc.Remove(e.Ctx, late, d.ID), "not_found")
	fixture.WantProblem(t, e.svc.Remove(e.Ctx, e.fresh(d), s.ID), "surveyor_only")

	e.add(s, d, Terms{})
	if rows := e.delegations(s, d); len(rows) != 2 || rows[0].ID == rows[1].ID || rows[1].EndedAt != nil {
		t.Fatalf("historique : %+v", rows)
	}
	if n := len(e.Activities(activity.DelegateRemoved, s.ID)); n != 1 {
		t.Fatalf("%d retraits journalisés", n)
	}
}

// A délégataire may give up a delegation; the surveyor is told.
func TestRenounce(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{})
	if err := e.svc.Renounce(e.Ctx, d, s.ID); err != nil {
		t.Fatal(err)
	}
	rows := e.delegations(s, d)
	if len(rows) != 1 || rows[0].EndedAt == nil || *rows[0].EndReason != EndRenounced || *rows[0].EndedBy != d.ID {
		t.Fatalf("%+v", rows)
	}
	acts := e.Activities(activity.DelegationRenounced, s.ID)
	if len(acts) != 1 || acts[0].ActorID != d.ID || acts[0].PrincipalID != s.ID {
		t.Fatalf("%+v", acts)
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegationRenounced)) != 1 {
		t.Fatal("arpenteur non avisé")
	}
	fixture.WantProblem(t, e.svc.Renounce(e.Ctx, d, s.ID), "not_found")
	// Nobody renounces in someone else's place.
	other := e.user("Pierre")
	e.add(s, d, Terms{})
	fixture.WantProblem(t, e.svc.Renounce(e.Ctx, other, s.ID), "not_found")
	if rows := e.delegations(s, d); rows[1].EndedAt != nil {
		t.Fatal("délégation d'autrui terminée")
	}
}

// §11, §12: narrowing needs no recent password; widening does, and a
// refused widening changes nothing. Each change is logged with its detail.
func TestUpdateDelegation(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{})
	late := e.login(s, time.Hour, nil)

	end := e.quebecDay(60)
	v, err := e.svc.Update(e.Ctx, late, d.ID, Change{Services: []string{LotReservation, ProductOrder}, SetEndsOn: true, EndsOn: end})
	if err != nil {
		t.Fatalf("restreindre : %v", err)
	}
	if !slices.Equal(v.Services, []string{LotReservation, ProductOrder}) || v.EndsOn != end || v.ID != d.ID {
		t.Fatalf("%+v", v)
	}
	acts := e.Activities(activity.DelegationModified, s.ID)
	if len(acts) != 1 || acts[0].Detail == nil || !strings.HasPrefix(*acts[0].Detail, edithsName(d)+" — ") ||
		!strings.Contains(*acts[0].Detail, "Services retirés : ") || !strings.Contains(*acts[0].Detail, "fin le "+end) {
		t.Fatalf("%+v", acts)
	}

	for name, c := range map[string]Change{
		"a service added":      {Services: []string{LotReservation, ProductOrder, DMPrevalidation}},
		"the end moved later":  {SetEndsOn: true, EndsOn: e.quebecDay(61)},
		"the end date removed": {SetEndsOn: true},
		"both, with narrowing": {Services: []string{LotReservation, CadastreDossiers}},
	} {
		_, err := e.svc.Update(e.Ctx, late, d.ID, c)
		if fixture.Code(err) != "reauthentication_required" {
			t.Errorf("%s : %v", name, err)
		}
	}
	r := e.delegations(s, d)[0]
	if r.Services != "lot_reservation,product_order" || r.LastDay() != end {
		t.Fatalf("élargissement refusé mais écrit : %+v", r)
	}
	if n := len(e.Activities(activity.DelegationModified, s.ID)); n != 1 {
		t.Fatalf("%d modifications journalisées", n)
	}

	// With a fresh password: widened; the end date removed.
	if _, err := e.svc.Update(e.Ctx, e.fresh(s), d.ID, Change{SetEndsOn: true}); err != nil {
		t.Fatal(err)
	}
	if r := e.delegations(s, d)[0]; r.EndsOn != nil {
		t.Fatalf("date gardée : %v", *r.EndsOn)
	}
	// An earlier end date narrows.
	if _, err := e.svc.Update(e.Ctx, late, d.ID, Change{SetEndsOn: true, EndsOn: e.quebecDay(10)}); err != nil {
		t.Fatalf("date plus proche : %v", err)
	}

	_, err = e.svc.Update(e.Ctx, late, d.ID, Change{Services: []string{DMDeposit}})
	fixture.WantProblem(t, err, "validation_failed", "/services/0")
	_, err = e.svc.Update(e.Ctx, late, d.ID, Change{SetEndsOn: true, EndsOn: e.quebecDay(-1)})
	fixture.WantProblem(t, err, "validation_failed", "/endsOn")
	_, err = e.svc.Update(e.Ctx, late, e.user("Pierre").ID, Change{Services: []string{LotReservation}})
	fixture.WantProblem(t, err, "not_found")
	_, err = e.svc.Update(e.Ctx, e.fresh(d), s.ID, Change{Services: []string{LotReservation}})
	fixture.WantProblem(t, err, "surveyor_only")

	// Past its last day, the delegation is no longer there to change.
	e.Clock.Advance(11 * 24 * time.Hour)
	_, err = e.svc.Update(e.Ctx, e.fresh(s), d.ID, Change{Services: []string{LotReservation}})
	fixture.WantProblem(t, err, "not_found")
}

// §11: a date set within seven days gets no reminder (the parties just
// chose it); moving it further away arms the reminder again.
func TestEndDateReminderState(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{EndsOn: e.quebecDay(5)})
	if r := e.delegations(s, d)[0]; r.ReminderSentAt == nil {
		t.Fatal("rappel à prévoir pour une date si proche")
	}
	if _, err := e.svc.Update(e.Ctx, e.fresh(s), d.ID, Change{SetEndsOn: true, EndsOn: e.quebecDay(20)}); err != nil {
		t.Fatal(err)
	}
	if r := e.delegations(s, d)[0]; r.ReminderSentAt != nil {
		t.Fatal("rappel non réarmé")
	}
	// The worker handles every delegation of the database: the tests look
	// at this pair's e-mails only.
	w := &DeadlineWorker{DB: e.DB, Now: e.Clock.Now}
	if _, _, err := w.RunOnce(e.Ctx); err != nil {
		t.Fatal(err)
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegationEndingSoon))+len(e.Mails(e.Email(d), mail.SubjectDelegationEndingSoon)) != 0 {
		t.Fatal("rappel 20 jours avant")
	}
	e.Clock.Advance(13 * 24 * time.Hour)
	for range 2 {
		if _, _, err := w.RunOnce(e.Ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegationEndingSoon)) != 1 || len(e.Mails(e.Email(d), mail.SubjectDelegationEndingSoon)) != 1 {
		t.Fatal("un rappel à chacun, une fois")
	}
}

// §11: past its last day, refused from the first instant (before the
// worker runs); the worker then ends it once, at the end instant, logs
// and mails it.
func TestDeadlineEndsTheDelegation(t *testing.T) {
	e, s, d := newPairEnv(t)
	last := e.quebecDay(2)
	e.add(s, d, Terms{EndsOn: last})
	sess := e.login(d, 0, &s)
	sess.Service = LotReservation
	if err := e.svc.Guard(e.DB.DB, sess); err != nil {
		t.Fatal(err)
	}
	end, _ := EndInstant(last)
	e.Clock.Advance(time.Until(end))
	fixture.WantProblem(t, e.svc.Guard(e.DB.DB, sess), "delegation_not_active")
	if p, st, err := e.svc.Resolve(e.Ctx, d, &s.ID); err != nil || p != nil || st != auth.DelegationEnded {
		t.Fatalf("%v %v %v", p, st, err)
	}

	w := &DeadlineWorker{DB: e.DB, Now: e.Clock.Now}
	ended, _, err := w.RunOnce(e.Ctx)
	if err != nil || ended < 1 {
		t.Fatalf("%d fins, %v", ended, err)
	}
	r := e.delegations(s, d)[0]
	if r.EndedAt == nil || !r.EndedAt.Equal(end) || *r.EndReason != EndExpired || r.EndedBy != nil {
		t.Fatalf("%+v", r)
	}
	if acts := e.Activities(activity.DelegationExpired, s.ID); len(acts) != 1 || *acts[0].Detail != edithsName(d) {
		t.Fatalf("%+v", acts)
	}
	if len(e.Mails(e.Email(s), mail.SubjectDelegationExpired)) != 1 || len(e.Mails(e.Email(d), mail.SubjectDelegationExpired)) != 1 {
		t.Fatal("courriels de fin")
	}
	if _, _, err := w.RunOnce(e.Ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(e.Activities(activity.DelegationExpired, s.ID)); n != 1 {
		t.Fatalf("fin journalisée %d fois", n)
	}
}

// The surveyor's table lists délégataires in force only, by name, with
// what they were granted; the délégataire's list names themself first
// when a surveyor, then their délégants by matricule.
func TestListDelegatesAndDelegants(t *testing.T) {
	e := newSvcEnv(t)
	s, other := e.surveyor("Claire"), e.surveyor("Jean")
	a, b, gone, past := e.user("Zoé"), e.user("Alice"), e.user("Parti"), e.user("Passé")
	for _, u := range []struct {
		p    auth.Person
		last string
	}{{a, "Arsenault"}, {b, "Bélanger"}, {gone, "Côté"}, {past, "Dion"}} {
		e.DB.Model(&store.User{}).Where("id = ?", u.p.ID).Update("last_name", u.last)
	}
	e.add(s, b, Terms{Services: []string{LotReservation}})
	e.add(s, a, Terms{EndsOn: e.quebecDay(3)})
	e.add(s, gone, Terms{})
	e.add(s, past, Terms{EndsOn: e.quebecDay(0)})
	if err := e.svc.Remove(e.Ctx, e.fresh(s), gone.ID); err != nil {
		t.Fatal(err)
	}
	e.add(other, s, Terms{})
	e.Clock.Advance(24 * time.Hour) // Dion's last day is over

	list, err := e.svc.ListDelegates(e.Ctx, e.fresh(s))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range list {
		names = append(names, v.LastName)
	}
	if !slices.Equal(names, []string{"Arsenault", "Bélanger"}) {
		t.Fatalf("%v", names)
	}
	if list[0].EndsOn == "" || !slices.Equal(list[0].Services, DelegableServices) || !slices.Equal(list[1].Services, []string{LotReservation}) {
		t.Fatalf("%+v", list)
	}
	_, err = e.svc.ListDelegates(e.Ctx, e.login(s, 0, &other))
	fixture.WantProblem(t, err, "surveyor_only")

	delegants, err := e.svc.ListDelegants(e.Ctx, s)
	if err != nil || len(delegants) != 2 || !delegants[0].Self || delegants[0].Person.ID != s.ID || delegants[1].Person.ID != other.ID ||
		delegants[1].Person.Matricule != other.Matricule || delegants[1].Since == nil {
		t.Fatalf("%v %+v", err, delegants)
	}
	if ds, err := e.svc.ListDelegants(e.Ctx, past); err != nil || len(ds) != 0 {
		t.Fatalf("délégation échue listée : %+v", ds)
	}
}

// The délégataire search (§5): an exact match of username or e-mail, case
// aside, and nothing else.
func TestSearchCandidate(t *testing.T) {
	e := newSvcEnv(t)
	u := e.user("Edith")
	got, err := e.svc.SearchCandidate(e.Ctx, strings.ToUpper(u.Username), "")
	if err != nil || got == nil || got.ID != u.ID {
		t.Fatalf("%v %v", err, got)
	}
	got, err = e.svc.SearchCandidate(e.Ctx, "", strings.ToUpper(e.Email(u)))
	if err != nil || got == nil || got.ID != u.ID {
		t.Fatalf("%v %v", err, got)
	}
	if got, err := e.svc.SearchCandidate(e.Ctx, u.Username[:len(u.Username)-1], ""); err != nil || got != nil {
		t.Fatalf("préfixe trouvé : %v %v", err, got)
	}
	for _, c := range [][2]string{{"", ""}, {u.Username, e.Email(u)}} {
		_, err := e.svc.SearchCandidate(e.Ctx, c[0], c[1])
		fixture.WantProblem(t, err, "validation_failed", "/username")
	}
}

// A delegation ends at the service's time, the clock every rule of §11 reads,
// not the machine's: its history and end dates agree with each other.
func TestRemovalIsDatedByTheServiceClock(t *testing.T) {
	e, s, d := newPairEnv(t)
	e.add(s, d, Terms{})
	e.Clock.Advance(72 * time.Hour)
	if err := e.svc.Remove(e.Ctx, e.fresh(s), d.ID); err != nil {
		t.Fatal(err)
	}
	rows := e.delegations(s, d)
	if len(rows) != 1 || rows[0].EndedAt == nil {
		t.Fatalf("%+v", rows)
	}
	if gap := e.Clock.Now().Sub(*rows[0].EndedAt); gap < 0 || gap > time.Minute {
		t.Fatalf("fin datée %v, horloge du service %v", rows[0].EndedAt, e.Clock.Now())
	}
}
