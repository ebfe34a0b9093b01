package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

type dossierPage struct {
	Items []struct {
		Number         string
		Kind           string
		UnreadMessages int
		Responsible    struct{ UserId, Matricule string }
	}
	Page, PageSize, TotalItems, TotalPages int
}

// The dossier list, counted with its page in one statement, gives the same
// totals as a separate count, on every page, past the end too.
func TestDossierListPagesAndCounts(t *testing.T) {
	e := newEnv(t)
	o := e.office() // one cadastre and one arpentage dossier for o.s
	cadastre := []string{o.cadastre}
	for range 4 {
		cadastre = append(cadastre, e.dossier(o.s, "cadastre"))
	}
	adm := e.admin()
	for range 2 {
		e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + cadastre[1] + "/messages", token: adm.Access,
			body: map[string]any{"subject": "Pièce manquante", "body": "Veuillez joindre le plan."}}), 201)
	}
	list := func(query string) dossierPage {
		t.Helper()
		var p dossierPage
		r := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?" + query, token: o.dt.Access}), 200)
		if err := jsonUnmarshal(r.Body, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seen := map[string]bool{}
	for page, want := range []int{2, 2, 1, 0} {
		p := list(fmt.Sprintf("kind=cadastre&pageSize=2&page=%d", page+1))
		if len(p.Items) != want || p.TotalItems != 5 || p.TotalPages != 3 || p.Page != page+1 || p.PageSize != 2 {
			t.Fatalf("page %d : %+v", page+1, p)
		}
		for _, it := range p.Items {
			if it.Kind != "cadastre" || it.Responsible.UserId != o.s.ID || seen[it.Number] {
				t.Fatalf("page %d : %+v", page+1, it)
			}
			seen[it.Number] = true
			wantUnread := 0
			if it.Number == cadastre[1] {
				wantUnread = 2
			}
			if it.UnreadMessages != wantUnread {
				t.Fatalf("dossier %s : %d messages non lus, attendu %d", it.Number, it.UnreadMessages, wantUnread)
			}
		}
	}
	if len(seen) != 5 {
		t.Fatalf("%d dossiers vus sur 5", len(seen))
	}
	if p := list(""); p.TotalItems != 6 || len(p.Items) != 6 {
		t.Fatalf("les deux genres : %+v", p)
	}
	if p := list("number=" + cadastre[3]); p.TotalItems != 1 || len(p.Items) != 1 || p.Items[0].Number != cadastre[3] {
		t.Fatalf("par numéro : %+v", p)
	}
	// The stranger's dossier is never there; their own list holds only it.
	if p := list("kind=cadastre&pageSize=100"); strings.Contains(fmt.Sprint(p), o.otherDossier) {
		t.Fatal("dossier d'un autre arpenteur-géomètre listé")
	}
	var p dossierPage
	_ = jsonUnmarshal(e.expect(e.dossiers(o.ot), 200).Body, &p)
	if p.TotalItems != 1 || p.Items[0].Number != o.otherDossier {
		t.Fatalf("%+v", p)
	}
	// Other lists count with their page too, past the end included.
	for range 3 {
		e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access,
			body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 1, "complementaryPlans": 0}}), 201)
	}
	for page, want := range []int{2, 1, 0} {
		m := e.expect(e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/lot-reservations?pageSize=2&page=%d", page+1), token: o.st.Access}), 200).JSON(t)
		if n := len(m["items"].([]any)); n != want || m["totalItems"].(float64) != 3 {
			t.Fatalf("réservations page %d : %v", page+1, m)
		}
	}
}

// The délégataires list says when each last acted in the surveyor's name,
// and the message list who read each message first: one query each.
func TestDelegatesAndMessagesSayWho(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	other := e.signUp("aide")
	e.expect(e.addDelegate(o.st, other.ID), 201)
	e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access,
		body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 1, "complementaryPlans": 0}}), 201)
	var ds []struct {
		UserId         string
		Since          time.Time
		LastActivityAt *time.Time
	}
	if err := jsonUnmarshal(e.expect(e.delegates(o.st), 200).Body, &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 {
		t.Fatalf("%+v", ds)
	}
	for _, d := range ds {
		switch d.UserId {
		case o.d.ID:
			if d.LastActivityAt == nil || time.Since(*d.LastActivityAt) > time.Minute || d.Since.IsZero() {
				t.Fatalf("délégataire actif : %+v", d)
			}
		case other.ID:
			if d.LastActivityAt != nil || d.Since.IsZero() {
				t.Fatalf("délégataire sans activité : %+v", d)
			}
		default:
			t.Fatalf("%+v", d)
		}
	}

	adm := e.admin()
	var ids []string
	for _, s := range []string{"Premier", "Second"} {
		m := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + o.cadastre + "/messages", token: adm.Access,
			body: map[string]any{"subject": s, "body": "Texte."}}), 201).JSON(t)
		ids = append(ids, m["id"].(string))
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.cadastre + "/messages/" + ids[0] + "/read", token: o.dt.Access}), 200)
	e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.cadastre + "/messages/" + ids[1] + "/read", token: o.st.Access}), 200)
	var ms []struct {
		Id     string
		Read   bool
		ReadBy *struct{ UserId, FirstName, LastName, Matricule string }
	}
	if err := jsonUnmarshal(e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.cadastre + "/messages", token: o.dt.Access}), 200).Body, &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Fatalf("%+v", ms)
	}
	for _, m := range ms {
		switch {
		case !m.Read || m.ReadBy == nil:
			t.Fatalf("%+v", m)
		case m.Id == ids[0] && (m.ReadBy.UserId != o.d.ID || m.ReadBy.FirstName != "Édith" || m.ReadBy.LastName != "Descartes" || m.ReadBy.Matricule != ""):
			t.Fatalf("lu par le délégataire : %+v", m.ReadBy)
		case m.Id == ids[1] && (m.ReadBy.UserId != o.s.ID || m.ReadBy.Matricule != o.s.Matricule):
			t.Fatalf("lu par l'arpenteur-géomètre : %+v", m.ReadBy)
		}
	}
}

// A read is authorized by the request's decision and takes no lock: it is
// served while the delegation row is locked. A write still re-checks the
// delegation in its own transaction: it waits for the lock, then sees the
// removal and is refused (§2.5).
func TestReadsDoNotLockWritesGuard(t *testing.T) {
	db := testdb.DB(t)
	if db.Dialect != store.Postgres {
		t.Skip("row locks: PostgreSQL")
	}
	e := newEnv(t)
	o := e.office()
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Exec("SELECT id FROM delegations WHERE delegant_id = ? AND delegate_id = ? AND ended_at IS NULL FOR UPDATE", o.s.ID, o.d.ID).Error; err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?kind=cadastre", token: o.dt.Access}), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/lot-reservations", token: o.dt.Access}), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.cadastre + "/messages", token: o.dt.Access}), 200)
	e.expect(e.do(req{method: "GET", path: "/api/v1/communiques", token: o.dt.Access}), 200)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("lectures bloquées par le verrou : %s", d)
	}

	done := make(chan resp, 1)
	go func() {
		done <- e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access,
			body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 1, "complementaryPlans": 0}})
	}()
	select {
	case r := <-done:
		t.Fatalf("écriture servie malgré le verrou : %d %s", r.Status, r.Body)
	case <-time.After(300 * time.Millisecond):
	}
	// The surveyor's removal commits while the write waits.
	if err := tx.Exec("UPDATE delegations SET ended_at = now(), ended_by = delegant_id, end_reason = 'removed' WHERE delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", o.s.ID, o.d.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		if r.Status != 403 || code(r) != "delegation_not_active" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("écriture toujours en attente")
	}
	var n int64
	e.dbCount(&n, "SELECT count(*) FROM lot_reservations WHERE surveyor_id = ?", o.s.ID)
	if n != 0 {
		t.Fatalf("%d réservation(s) faite(s) après le retrait", n)
	}
}
