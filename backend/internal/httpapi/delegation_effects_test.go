package httpapi_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/testdb"
)

func activitiesOf(t *testing.T, principalID string) []activity.Row {
	t.Helper()
	var rows []activity.Row
	if err := testdb.DB(t).Where("principal_id = ?", principalID).Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// Adding and removing write their activity rows and their e-mails (§5, §6, §8).
func TestAddRemoveRenounceWriteActivityAndMail(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("jean")
	d := e.signUp("edith")
	st := e.login(s)
	e.expect(e.addDelegate(st, d.ID), 201)

	toSurveyor := e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(s.Email)(m) && strings.Contains(m.Subject, "délégataire")
	}, 5*time.Second)
	if !strings.Contains(toSurveyor.Text, "Édith Descartes") {
		t.Fatalf("le courriel au délégant ne nomme pas le délégataire :\n%s", toSurveyor.Text)
	}
	toDelegate := e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(d.Email)(m) && strings.Contains(m.Subject, "délégataire")
	}, 5*time.Second)
	if !strings.Contains(toDelegate.Text, s.Matricule) {
		t.Fatalf("le courriel au délégataire ne nomme pas l'arpenteur-géomètre :\n%s", toDelegate.Text)
	}

	list := e.expect(e.delegates(st), 200)
	if !strings.Contains(string(list.Body), d.Email) || !strings.Contains(string(list.Body), `"since"`) {
		t.Fatalf("%s", list.Body)
	}

	e.expect(e.removeDelegate(st, d.ID), 204)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(d.Email)(m) && m.Subject != toDelegate.Subject && strings.Contains(m.Text, s.Matricule)
	}, 5*time.Second)
	if r := e.expect(e.delegates(st), 200); string(r.Body) != "[]" && string(r.Body) != "[]\n" {
		t.Fatalf("« Aucun délégataire à afficher » attendu : %s", r.Body)
	}

	// Renunciation: the surveyor is told.
	e.expect(e.addDelegate(st, d.ID), 201)
	e.expect(e.renounce(e.login(d), s.ID), 204)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(s.Email)(m) && strings.Contains(m.Text, "Édith Descartes") && m.Subject != toSurveyor.Subject
	}, 5*time.Second)
	e.expect(e.renounce(e.login(d), s.ID), 404)

	rows := activitiesOf(t, s.ID)
	want := []struct {
		typ          activity.Type
		actor, label string
	}{
		{activity.DelegateAdded, s.ID, "Ajout d'un délégataire"},
		{activity.DelegateRemoved, s.ID, "Suppression d'un délégataire"},
		{activity.DelegateAdded, s.ID, "Ajout d'un délégataire"},
		{activity.DelegationRenounced, d.ID, "Renonciation à une délégation"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d activités, %d attendues : %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r.Type != w.typ || r.ActorID.String() != w.actor || r.PrincipalID.String() != s.ID || r.Type.Label() != w.label {
			t.Errorf("activité %d : %+v", i, r)
		}
	}
}

// The délégataire acts in the surveyor's name: the dossier read is recorded
// « réalisée par » the délégataire « pour » the surveyor; what the surveyor
// acted for does not own stays out of sight (404).
func TestDossiersAreThePrincipals(t *testing.T) {
	e := newEnv(t)
	a, b := e.surveyor("a"), e.surveyor("b")
	na := e.dossier(a, "cadastre")
	nb := e.dossier(b, "arpentage")
	d := e.signUp("d")
	e.expect(e.addDelegate(e.login(a), d.ID), 201)
	dt := e.login(d)
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + na, token: dt.Access}), 200)
	if r.JSON(t)["responsible"].(map[string]any)["matricule"] != a.Matricule {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + nb, token: dt.Access}), 404)
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + nb, token: e.login(a).Access}), 404)
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/12", token: dt.Access}), 400)
	r = e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?kind=cadastre&number=" + na[2:5], token: dt.Access}), 200)
	if m := r.JSON(t); m["totalItems"].(float64) != 1 {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?kind=autre", token: dt.Access}), 400)
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?pageSize=101", token: dt.Access}), 400)

	rows := activitiesOf(t, a.ID)
	last := rows[len(rows)-1]
	if last.Type != activity.DossierViewed || last.ActorID.String() != d.ID || last.DossierNumber == nil || *last.DossierNumber != na {
		t.Fatalf("%+v", last)
	}
}

// §2.5 under concurrency: once the removal has committed, no request of the
// removed délégataire succeeds, and no action in the surveyor's name commits
// after the removal.
func TestRemovalRacesActions(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("course")
	n := e.dossier(s, "cadastre")
	d := e.signUp("rapide")
	st := e.login(s)
	e.expect(e.addDelegate(st, d.ID), 201)
	dt := e.login(d)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	okCount := 0
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				r := e.do(req{method: "GET", path: "/api/v1/dossiers/" + n, token: dt.Access})
				if r.Status == 200 {
					mu.Lock()
					okCount++
					mu.Unlock()
				} else if r.Status != 403 {
					t.Errorf("statut inattendu %d : %s", r.Status, r.Body)
					return
				}
			}
		}()
	}
	time.Sleep(150 * time.Millisecond)
	e.expect(e.removeDelegate(st, d.ID), 204)
	// From here on, every request of the délégataire is refused.
	for i := 0; i < 20; i++ {
		if r := e.do(req{method: "GET", path: "/api/v1/dossiers/" + n, token: dt.Access}); r.Status != 403 || code(r) != "delegation_not_active" {
			t.Fatalf("après la suppression : %d %s", r.Status, r.Body)
		}
	}
	close(stop)
	wg.Wait()
	if okCount == 0 {
		t.Fatal("aucune action avant la suppression : le test ne prouve rien")
	}
	// Every consultation recorded for the surveyor by the délégataire
	// committed before the removal's own activity row.
	var removalID int64
	for _, r := range activitiesOf(t, s.ID) {
		if r.Type == activity.DelegateRemoved {
			removalID = r.ID
		}
	}
	for _, r := range activitiesOf(t, s.ID) {
		if r.Type == activity.DossierViewed && r.ActorID.String() == d.ID && r.ID > removalID {
			t.Fatalf("action consignée après la suppression : %+v (suppression %d)", r, removalID)
		}
	}
}
