package httpapi_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/mail"
	"espace/backend/internal/quebec"
	"espace/backend/internal/testdb"
)

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, len(list))
	for i, x := range list {
		out[i], _ = x.(string)
	}
	return out
}

func quebecToday(t time.Time) string { return quebec.Day(t) }

// scopedPair is a surveyor with a délégataire added for the given terms.
func (e *env) scopedPair(body map[string]any) (surveyor user, st tokens, delegate user) {
	e.t.Helper()
	surveyor, delegate = e.surveyor("scarp"), e.signUp("scdeleg")
	st = e.login(surveyor)
	body["userId"] = delegate.ID
	e.expect(e.do(req{method: "POST", path: "/api/v1/delegates", token: st.Access, body: body}), 201)
	return surveyor, st, delegate
}

// §11: services chosen at creation bound what the délégataire may do; the
// lists and /me say so; a dossier list without a kind shows granted kinds.
func TestScopedDelegation(t *testing.T) {
	e := newEnv(t)
	ends := quebecToday(time.Now().AddDate(0, 2, 0))
	s, st, d := e.scopedPair(map[string]any{"services": []string{"survey_dossiers", "lot_reservation"}, "endsOn": ends})
	cad, arp := e.dossier(s, "cadastre"), e.dossier(s, "arpentage")

	list := e.expect(e.delegates(st), 200)
	var items []map[string]any
	if err := jsonUnmarshal(list.Body, &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !slices.Equal(stringsOf(items[0]["services"]), []string{"lot_reservation", "survey_dossiers"}) || items[0]["endsOn"] != ends {
		t.Fatalf("GET /delegates : %s", list.Body)
	}
	dt := e.login(d)
	me := e.expect(e.me(dt.Access), 200).JSON(t)
	af := me["actingFor"].(map[string]any)
	if !slices.Equal(stringsOf(af["services"]), []string{"lot_reservation", "survey_dossiers"}) || af["endsOn"] != ends {
		t.Fatalf("/me actingFor : %v", af)
	}
	var delegants []map[string]any
	if err := jsonUnmarshal(e.expect(e.do(req{method: "GET", path: "/api/v1/delegants", token: dt.Access}), 200).Body, &delegants); err != nil {
		t.Fatal(err)
	}
	if len(delegants) != 1 || delegants[0]["endsOn"] != ends || len(stringsOf(delegants[0]["services"])) != 2 {
		t.Fatalf("GET /delegants : %v", delegants)
	}
	// A surveyor for themself: every service, no end date.
	sme := e.expect(e.me(st.Access), 200).JSON(t)["actingFor"].(map[string]any)
	if len(stringsOf(sme["services"])) != 6 || sme["endsOn"] != nil {
		t.Fatalf("surveyor /me : %v", sme)
	}

	// Not granted: 403 service_not_delegated, and nothing is written.
	var before int64
	e.dbCount(&before, "SELECT count(*) FROM activities WHERE principal_id = ?", s.ID)
	for _, r := range []req{
		{method: "GET", path: "/api/v1/product-orders"},
		{method: "POST", path: "/api/v1/product-orders", body: map[string]any{"productType": "fiche_lot", "lots": []string{"1234567"}, "quantity": 1, "format": "pdf"}},
		{method: "GET", path: "/api/v1/dossiers/" + cad},
		{method: "GET", path: "/api/v1/dossiers/" + cad + "/messages"},
		{method: "GET", path: "/api/v1/dossiers?kind=cadastre"},
		{method: "GET", path: "/api/v1/dm-prevalidations"},
	} {
		r.token = dt.Access
		got := e.do(r)
		if got.Status != 403 || code(got) != "service_not_delegated" {
			t.Errorf("%s %s : %d %s", r.method, r.path, got.Status, got.Body)
		}
	}
	var after int64
	e.dbCount(&after, "SELECT count(*) FROM activities WHERE principal_id = ?", s.ID)
	if after != before {
		t.Errorf("activités écrites malgré le refus : %d → %d", before, after)
	}
	// Granted: the survey dossier, lot reservations, communiqués.
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + arp, token: dt.Access}), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/lot-reservations", token: dt.Access}), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/communiques", token: dt.Access}), 200)
	// Without a kind: only the survey dossiers.
	page := e.expect(e.dossiers(dt), 200).JSON(t)
	got := page["items"].([]any)
	if len(got) != 1 || got[0].(map[string]any)["number"] != arp {
		t.Fatalf("liste sans type : %v", got)
	}
	// The surveyor sees both.
	if n := len(e.expect(e.dossiers(st), 200).JSON(t)["items"].([]any)); n != 2 {
		t.Fatalf("l'arpenteur voit %d dossiers", n)
	}
}

// §11: bad services or dates are a 400 naming the field.
func TestScopeValidation(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("scval")
	st := e.login(s)
	d := e.signUp("scvald")
	today := quebecToday(time.Now())
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"liste vide", map[string]any{"services": []string{}}, "/services"},
		{"code inconnu", map[string]any{"services": []string{"teleportation"}}, "/services/0"},
		{"dépôt d'une DM", map[string]any{"services": []string{"lot_reservation", "dm_deposit"}}, "/services/1"},
		{"date passée", map[string]any{"endsOn": "2020-10-14"}, "/endsOn"},
		{"plus de trois ans", map[string]any{"endsOn": quebecToday(time.Now().AddDate(3, 0, 2))}, "/endsOn"},
		{"pas une date", map[string]any{"endsOn": "demain"}, "/endsOn"},
	}
	for _, c := range cases {
		c.body["userId"] = d.ID
		r := e.do(req{method: "POST", path: "/api/v1/delegates", token: st.Access, body: c.body})
		if r.Status != 400 {
			t.Errorf("%s : %d %s", c.name, r.Status, r.Body)
			continue
		}
		if _, ok := r.Fields(t)[c.field]; !ok {
			t.Errorf("%s : champ %s absent : %s", c.name, c.field, r.Body)
		}
	}
	// Today is accepted; so is PATCH's null.
	e.expect(e.do(req{method: "POST", path: "/api/v1/delegates", token: st.Access, body: map[string]any{"userId": d.ID, "endsOn": today}}), 201)
	for _, c := range cases {
		delete(c.body, "userId")
		r := e.do(req{method: "PATCH", path: "/api/v1/delegates/" + d.ID, token: st.Access, body: c.body})
		if r.Status != 400 {
			t.Errorf("PATCH %s : %d %s", c.name, r.Status, r.Body)
		} else if _, ok := r.Fields(t)[c.field]; !ok {
			t.Errorf("PATCH %s : champ %s absent : %s", c.name, c.field, r.Body)
		}
	}
}

// §11, §12: PATCH narrows freely, widens only after a recent
// authentication; endsOn null removes the date; each change is recorded.
func TestUpdateDelegationAndReauthentication(t *testing.T) {
	e := newEnv(t)
	ends := quebecToday(time.Now().AddDate(0, 1, 0))
	s, st, d := e.scopedPair(map[string]any{"endsOn": ends})
	patch := func(body map[string]any) resp {
		return e.do(req{method: "PATCH", path: "/api/v1/delegates/" + d.ID, token: st.Access, body: body})
	}
	e.clock.Advance(11 * time.Minute) // the login is no longer recent

	// Narrowing and an earlier date: no password asked.
	r := e.expect(patch(map[string]any{"services": []string{"lot_reservation"}, "endsOn": quebecToday(time.Now().AddDate(0, 0, 20))}), 200).JSON(t)
	if !slices.Equal(stringsOf(r["services"]), []string{"lot_reservation"}) {
		t.Fatalf("PATCH : %v", r)
	}
	// Widening, a later date, removing the date: 403 reauthentication_required, nothing changed.
	for _, body := range []map[string]any{
		{"services": []string{"lot_reservation", "product_order"}},
		{"endsOn": quebecToday(time.Now().AddDate(0, 2, 0))},
		{"endsOn": nil},
	} {
		got := patch(body)
		if got.Status != 403 || code(got) != "reauthentication_required" {
			t.Fatalf("%v : %d %s", body, got.Status, got.Body)
		}
	}
	// Adding a délégataire asks too; removing never does.
	other := e.signUp("scautre")
	if got := e.addDelegate(st, other.ID); got.Status != 403 || code(got) != "reauthentication_required" {
		t.Fatalf("ajout : %d %s", got.Status, got.Body)
	}

	// Wrong password: 400 on /password, still not recent.
	bad := e.do(req{method: "POST", path: "/api/v1/auth/reauthentication", token: st.Access, body: map[string]any{"password": "pas le bon"}})
	if bad.Status != 400 || bad.Fields(t)["/password"] == "" {
		t.Fatalf("mauvais mot de passe : %d %s", bad.Status, bad.Body)
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/reauthentication", token: st.Access, body: map[string]any{"password": s.Password}}), 204)
	r = e.expect(patch(map[string]any{"services": []string{"lot_reservation", "product_order"}, "endsOn": nil}), 200).JSON(t)
	if r["endsOn"] != nil || len(stringsOf(r["services"])) != 2 {
		t.Fatalf("après confirmation : %v", r)
	}
	e.expect(e.addDelegate(st, other.ID), 201)
	// The window closes again.
	e.clock.Advance(11 * time.Minute)
	if got := patch(map[string]any{"services": delegation.DelegableServices}); code(got) != "reauthentication_required" {
		t.Fatalf("fenêtre refermée : %d %s", got.Status, got.Body)
	}
	e.expect(e.removeDelegate(st, other.ID), 204)

	var n int64
	e.dbCount(&n, "SELECT count(*) FROM activities WHERE type = ? AND principal_id = ?", string(activity.DelegationModified), s.ID)
	if n != 2 {
		t.Fatalf("%d « Modification d'une délégation », 2 attendues", n)
	}
	// §13: the detail names the délégataire and what changed.
	var details []string
	if err := testdb.DB(t).Raw("SELECT detail FROM activities WHERE type = ? AND principal_id = ? ORDER BY occurred_at, id",
		string(activity.DelegationModified), s.ID).Scan(&details).Error; err != nil {
		t.Fatal(err)
	}
	for _, d := range details {
		if !strings.Contains(d, " — ") || !strings.Contains(d, "Services") {
			t.Errorf("détail de la modification : %q", d)
		}
	}
	// Unknown délégataire: 404.
	if got := e.do(req{method: "PATCH", path: "/api/v1/delegates/" + other.ID, token: st.Access, body: map[string]any{"services": []string{"lot_reservation"}}}); got.Status != 404 {
		t.Fatalf("délégataire retiré : %d", got.Status)
	}
}

// §5, §12: the first-délégataire password change counts as a recent
// authentication.
func TestFirstDelegatePasswordChangeCountsAsReauthentication(t *testing.T) {
	e := newEnv(t)
	s, st, d := e.passwordChangeDue("scprem")
	if got := e.addDelegate(st, d.ID); code(got) != "password_change_required" {
		t.Fatalf("%d %s", got.Status, got.Body)
	}
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: st.Access,
		body: map[string]any{"currentPassword": s.Password, "newPassword": "une toute nouvelle phrase"}}), 204)
	e.expect(e.addDelegate(st, d.ID), 201)
}

// §11: an end date of today holds until midnight, Québec time, and is
// refused from the first request after it, with no job run.
func TestEndsOnTodayEndsAtQuebecMidnight(t *testing.T) {
	e := newEnv(t)
	today := quebecToday(e.clock.Now())
	s, _, d := e.scopedPair(map[string]any{"endsOn": today})
	e.dossier(s, "cadastre")
	end, err := delegation.EndInstant(today)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(end.Add(-time.Minute)) // 23:59 in Québec
	dt := e.login(d)
	e.expect(e.dossiers(dt), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/lot-reservations", token: dt.Access}), 200)

	e.clock.Set(end.Add(time.Second)) // 00:00:01 the next day
	for _, path := range []string{"/api/v1/dossiers", "/api/v1/lot-reservations"} {
		got := e.do(req{method: "GET", path: path, token: dt.Access})
		if got.Status != 403 || code(got) != "delegation_not_active" {
			t.Fatalf("%s après minuit : %d %s", path, got.Status, got.Body)
		}
	}
	// A new login acts for nobody, and the lists leave it out.
	fresh := e.login(d)
	if got := e.dossiers(fresh); code(got) != "no_delegation" {
		t.Fatalf("nouvelle connexion : %d %s", got.Status, got.Body)
	}
	var delegants []any
	if err := jsonUnmarshal(e.expect(e.do(req{method: "GET", path: "/api/v1/delegants", token: fresh.Access}), 200).Body, &delegants); err != nil {
		t.Fatal(err)
	}
	if len(delegants) != 0 {
		t.Fatalf("délégants : %v", delegants)
	}
}

// §11: a narrowing committed after the request's decision is seen by the
// write's own check (Guard, under lock in the transaction).
func TestGuardSeesNarrowing(t *testing.T) {
	e := newEnv(t)
	_, st, d := e.scopedPair(map[string]any{})
	dt := e.login(d)
	sess, err := e.deleg.Establish(context.Background(), mustAccess(t, e, dt.Access))
	if err != nil || sess.Principal == nil {
		t.Fatalf("%v %v", sess, err)
	}
	sess.Service = delegation.ProductOrder
	e.expect(e.do(req{method: "PATCH", path: "/api/v1/delegates/" + d.ID, token: st.Access, body: map[string]any{"services": []string{"lot_reservation"}}}), 200)
	db := testdb.DB(t)
	if err := e.deleg.Guard(db.DB, sess); err != delegation.ErrServiceNotDelegated {
		t.Fatalf("Guard après restriction : %v", err)
	}
	sess.Service = delegation.LotReservation
	if err := e.deleg.Guard(db.DB, sess); err != nil {
		t.Fatalf("Guard, service accordé : %v", err)
	}
}

// §11: the end and the seven-day reminder are recorded and mailed once,
// with two workers (two instances) on one database, and never again.
func TestDeadlineWorkersOnce(t *testing.T) {
	e := newEnv(t)
	db := testdb.DB(t)
	soon := quebecToday(e.clock.Now().AddDate(0, 0, 9))
	s, _, d := e.scopedPair(map[string]any{"endsOn": soon})

	workers := []*delegation.DeadlineWorker{{DB: db, Now: e.clock.Now, BatchSize: 1}, {DB: db, Now: e.clock.Now, BatchSize: 1}}
	runBoth := func() (ended, reminded int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					en, re, err := w.RunOnce(context.Background())
					if err != nil && !isBusy(err) {
						t.Error(err)
					}
					mu.Lock()
					ended, reminded = ended+en, reminded+re
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return ended, reminded
	}
	countMail := func(subject string) int64 {
		var n int64
		e.dbCount(&n, "SELECT count(*) FROM outbox WHERE subject = ? AND recipient IN (?, ?)", subject, s.Email, d.Email)
		return n
	}
	countActivity := func() int64 {
		var n int64
		e.dbCount(&n, "SELECT count(*) FROM activities WHERE type = ? AND principal_id = ?", string(activity.DelegationExpired), s.ID)
		return n
	}

	// Nine days ahead: nothing yet.
	if en, re := runBoth(); en+re != 0 {
		t.Fatalf("trop tôt : %d fins, %d rappels", en, re)
	}
	// Seven days ahead: one reminder to each party.
	e.clock.Advance(2 * 24 * time.Hour)
	if _, re := runBoth(); re != 1 {
		t.Fatalf("%d rappels", re)
	}
	runBoth()
	if n := countMail(mail.SubjectDelegationEndingSoon); n != 2 {
		t.Fatalf("%d courriels de rappel, 2 attendus", n)
	}
	// The last day: still in force, nothing ends.
	e.clock.Advance(7 * 24 * time.Hour)
	if en, _ := runBoth(); en != 0 {
		t.Fatalf("fin avant l'échéance : %d", en)
	}
	// The day after: ended once, recorded once, both told once.
	e.clock.Advance(24 * time.Hour)
	if en, _ := runBoth(); en != 1 {
		t.Fatalf("%d fins", en)
	}
	runBoth()
	if n := countActivity(); n != 1 {
		t.Fatalf("%d « Fin d'une délégation (échéance) »", n)
	}
	if n := countMail(mail.SubjectDelegationExpired); n != 2 {
		t.Fatalf("%d courriels de fin, 2 attendus", n)
	}
	if n := countMail(mail.SubjectDelegationEndingSoon); n != 2 {
		t.Fatalf("rappel renvoyé : %d", n)
	}
	var reason string
	if err := db.Raw("SELECT end_reason FROM delegations WHERE delegant_id = ? AND delegate_id = ?", s.ID, d.ID).Scan(&reason).Error; err != nil || reason != "expired" {
		t.Fatalf("end_reason %q %v", reason, err)
	}
}

// mustAccess verifies an access token as the middleware does.
func mustAccess(t *testing.T, e *env, raw string) auth.Access {
	t.Helper()
	a, err := e.acc.Authenticate(raw)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// isBusy tells a SQLite writer that met the other one (the round is
// retried at the next tick, as in production).
func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")
}

// The deadline worker reports every round, so that the operator sees it run
// (metrics) even when there is nothing to do.
func TestDeadlineWorkerReportsRounds(t *testing.T) {
	e := newEnv(t)
	rounds := make(chan [2]int, 4)
	w := &delegation.DeadlineWorker{DB: testdb.DB(t), Now: e.clock.Now, Interval: 10 * time.Millisecond,
		Rounds: func(ended, reminded int) {
			select {
			case rounds <- [2]int{ended, reminded}:
			default:
			}
		}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for range 2 {
		select {
		case r := <-rounds:
			if r[0] < 0 || r[1] < 0 {
				t.Fatalf("tour : %v", r)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("aucun tour signalé")
		}
	}
}
