package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

// actPerson is an account of the suite together with the name the log
// records for it (the log keeps names as they were at the time).
type actPerson struct {
	user
	rec auth.Person // as the log records them
	tok tokens
}

func (e *env) actPerson(prefix, first, last, matricule string) actPerson {
	e.t.Helper()
	u := e.signUp(prefix)
	// The session carries the account's names (who exported a file).
	if err := testdb.DB(e.t).Model(&store.User{}).Where("id = ?", u.ID).
		Updates(map[string]any{"first_name": first, "last_name": last}).Error; err != nil {
		e.t.Fatal(err)
	}
	return actPerson{user: u, tok: e.login(u),
		rec: auth.Person{ID: uuid.MustParse(u.ID), Username: u.Username, FirstName: first, LastName: last, Matricule: matricule}}
}

// actWrite appends entries to the log the way services do: inside a
// transaction, at chosen instants so that dates are known.
func (e *env) actWrite(rows ...*activity.Row) {
	e.t.Helper()
	db := testdb.DB(e.t)
	err := db.WithTx(context.Background(), func(_ context.Context, tx *gorm.DB) error {
		return tx.CreateInBatches(rows, 500).Error
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

type actPage struct {
	Items []struct {
		ID            int64     `json:"id"`
		OccurredAt    time.Time `json:"occurredAt"`
		DossierNumber *string   `json:"dossierNumber"`
		Type          string    `json:"type"`
		Label         string    `json:"label"`
		Actor         actRef    `json:"actor"`
		Principal     actRef    `json:"principal"`
		Detail        *string   `json:"detail"`
		Channel       string    `json:"channel"`
	} `json:"items"`
	Page, PageSize, TotalItems, TotalPages int
}

type actRef struct {
	UserID    string  `json:"userId"`
	Username  string  `json:"username"`
	FirstName string  `json:"firstName"`
	LastName  string  `json:"lastName"`
	Matricule *string `json:"matricule"`
}

func (e *env) activities(tok tokens, query string) actPage {
	e.t.Helper()
	return e.actPage(tok, "/api/v1/activities?"+query)
}

// orEmpty is what an export writes for an optional field.
func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// actPage reads a page of the activity log at path.
func (e *env) actPage(tok tokens, path string) actPage {
	e.t.Helper()
	var p actPage
	e.getJSON(tok, path, &p)
	return p
}

// getJSON reads path, which must answer 200, into v.
func (e *env) getJSON(tok tokens, path string, v any) {
	e.t.Helper()
	r := e.expect(e.do(req{method: "GET", path: path, token: tok.Access}), 200)
	if err := json.Unmarshal(r.Body, v); err != nil {
		e.t.Fatal(err)
	}
}

func (p actPage) ids() []int64 {
	out := []int64{}
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}

// actWorld is the guide's situation: Jean Piette (surveyor) has two
// délégataires, Édith Descartes and Zoé Arsenault; Édith also acts for
// Françoise Lèvesque (surveyor), for whom Jean acts too.
type actWorld struct {
	jean, francoise, edith, zoe actPerson
	r                           map[string]int64 // entry name → id
}

func quebecAt(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, quebec.Location)
	if err != nil {
		panic(err)
	}
	return t
}

func (e *env) actWorld() actWorld {
	e.t.Helper()
	w := actWorld{
		jean:      e.actPerson("jean", "Jean", "Piette", "5001"),
		francoise: e.actPerson("francoise", "Françoise", "Lèvesque « Ça »", "5002"),
		edith:     e.actPerson("edith", "Édith", "Descartes", ""),
		zoe:       e.actPerson("zoe", "Zoé", "Arsenault", ""),
		r:         map[string]int64{},
	}
	type entry struct {
		name     string
		at       string
		t        activity.Type
		by, forP actPerson
		dossier  string
	}
	entries := []entry{
		{"r1", "2020-10-14 13:05", activity.LotReservation, w.edith, w.jean, "1096429"},
		{"r2", "2020-10-14 10:00", activity.LotReservation, w.edith, w.francoise, ""},
		{"r3", "2020-10-13 09:00", activity.ProductOrder, w.edith, w.jean, ""},
		{"r4", "2020-10-12 08:00", activity.ClosingDateExtension, w.zoe, w.jean, "1096430"},
		{"r5", "2020-10-11 23:30", activity.DelegateAdded, w.jean, w.jean, ""},
		{"r6", "2020-10-10 12:00", activity.DMDeposit, w.francoise, w.francoise, "2000001"},
		{"r7", "2020-10-09 07:15", activity.ProductOrder, w.jean, w.francoise, ""},
	}
	for _, en := range entries {
		row := activity.NewRow(quebecAt(en.at), en.t, en.by.rec, en.forP.rec, en.dossier)
		e.actWrite(row)
		w.r[en.name] = row.ID
	}
	return w
}

func (w actWorld) ids(names ...string) []int64 {
	out := []int64{}
	for _, n := range names {
		out = append(out, w.r[n])
	}
	return out
}

func TestActivityVisibilityFollowsTheActor(t *testing.T) {
	e := newEnv(t)
	w := e.actWorld()
	all := "all=true&sort=date&order=desc"

	// Jean sees what was done in his name (by Édith, Zoé, himself) and what he
	// did for Françoise; not what Édith did for Françoise, nor Françoise's own.
	if got := e.activities(w.jean.tok, all).ids(); !slices.Equal(got, w.ids("r1", "r3", "r4", "r5", "r7")) {
		t.Fatalf("arpenteur : %v", got)
	}
	// A délégataire sees only their own actions: never Zoé's for the same
	// surveyor, nor the surveyor's own.
	if got := e.activities(w.edith.tok, all).ids(); !slices.Equal(got, w.ids("r1", "r2", "r3")) {
		t.Fatalf("Édith : %v", got)
	}
	if got := e.activities(w.zoe.tok, all).ids(); !slices.Equal(got, w.ids("r4")) {
		t.Fatalf("Zoé : %v", got)
	}
	if got := e.activities(w.francoise.tok, all).ids(); !slices.Equal(got, w.ids("r2", "r6", "r7")) {
		t.Fatalf("Françoise : %v", got)
	}
	// Filtering on someone else's id does not widen the view.
	if got := e.activities(w.zoe.tok, "actor="+w.edith.ID).ids(); len(got) != 0 {
		t.Fatalf("Zoé voit Édith : %v", got)
	}
	if got := e.activities(w.edith.tok, "principal="+w.jean.ID+"&actor="+w.zoe.ID).ids(); len(got) != 0 {
		t.Fatalf("Édith voit Zoé : %v", got)
	}

	// Lines carry the recorded people, labels in French and null dossiers.
	p := e.activities(w.jean.tok, "pageSize=1")
	it := p.Items[0]
	if it.ID != w.r["r1"] || it.Type != "lot_reservation" || it.Label != "Réservation de lots et plans complémentaires en TR" ||
		it.DossierNumber == nil || *it.DossierNumber != "1096429" || !it.OccurredAt.Equal(quebecAt("2020-10-14 13:05")) {
		t.Fatalf("%+v", it)
	}
	// The log records names; the username, for office software to match people, is the account's.
	if it.Actor != (actRef{UserID: w.edith.ID, Username: w.edith.Username, FirstName: "Édith", LastName: "Descartes"}) ||
		it.Principal.UserID != w.jean.ID || it.Principal.Username != w.jean.Username || it.Principal.Matricule == nil || *it.Principal.Matricule != "5001" {
		t.Fatalf("personnes : %+v / %+v", it.Actor, it.Principal)
	}
	if last := e.activities(w.jean.tok, "sort=date&order=asc&pageSize=1").Items[0]; last.DossierNumber != nil {
		t.Fatalf("dossier absent attendu à null : %v", *last.DossierNumber)
	}

	// The filter values stay within one's own log.
	f := e.filterChoices("/api/v1/activity-filters", w.edith.tok)
	if len(f.Types) != len(activity.Types) || f.Types[0].Code != "delegate_added" || f.Types[0].Label != "Ajout d'un délégataire" {
		t.Fatalf("types : %+v", f.Types)
	}
	if names(f.Actors) != "Édith Descartes" || names(f.Principals) != "Françoise Lèvesque « Ça », Jean Piette" {
		t.Fatalf("Édith : %s / %s", names(f.Actors), names(f.Principals))
	}
	if f.Actors[0].Username != w.edith.Username || f.Principals[1].Username != w.jean.Username {
		t.Fatalf("noms d'utilisateur : %+v / %+v", f.Actors, f.Principals)
	}
	f = e.filterChoices("/api/v1/activity-filters", w.jean.tok)
	// French order: É sorts with E, before J and Z.
	if names(f.Actors) != "Édith Descartes, Jean Piette, Zoé Arsenault" || names(f.Principals) != "Françoise Lèvesque « Ça », Jean Piette" {
		t.Fatalf("Jean : %s / %s", names(f.Actors), names(f.Principals))
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activity-filters"}), 401)
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities"}), 401)
}

func names(ps []actRef) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.FirstName+" "+p.LastName)
	}
	return strings.Join(out, ", ")
}

func TestActivityFiltersAndSorts(t *testing.T) {
	e := newEnv(t)
	w := e.actWorld()
	j := w.jean.tok
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"from=2020-10-12&to=2020-10-13", []string{"r3", "r4"}},
		{"from=2020-10-11", []string{"r1", "r3", "r4", "r5"}},
		// 23:30 on the 11th in Québec is already the 12th in UTC: still the 11th.
		{"to=2020-10-11", []string{"r5", "r7"}},
		{"from=2020-10-14&to=2020-10-14", []string{"r1"}},
		{"dossier=10964", []string{"r1", "r4"}},
		{"dossier=6430", []string{"r4"}},
		{"dossier=999", []string{}},
		{"type=product_order", []string{"r3", "r7"}},
		{"type=product_order&type=delegate_added", []string{"r3", "r5", "r7"}},
		{"actor=" + w.edith.ID, []string{"r1", "r3"}},
		{"actor=" + w.jean.ID, []string{"r5", "r7"}},
		{"principal=" + w.francoise.ID, []string{"r7"}},
		{"principal=" + w.jean.ID + "&actor=" + w.zoe.ID, []string{"r4"}},
		{"principal=" + w.jean.ID + "&type=product_order&from=2020-10-13", []string{"r3"}},
	} {
		if got := e.activities(j, c.query).ids(); !slices.Equal(got, w.ids(c.want...)) {
			t.Errorf("%s : %v, attendu %v", c.query, got, w.ids(c.want...))
		}
	}

	// Every column sorts both ways; equal keys fall back on the id, in the
	// same direction.
	for _, c := range []struct {
		sort string
		asc  []string
	}{
		{"date", []string{"r7", "r5", "r4", "r3", "r1"}},
		{"dossier", []string{"r3", "r5", "r7", "r1", "r4"}},   // no dossier first
		{"activity", []string{"r5", "r3", "r7", "r4", "r1"}},  // Ajout, Commande ×2, Prolongement, Réservation
		{"actor", []string{"r1", "r3", "r5", "r7", "r4"}},     // Édith ×2, Jean ×2, Zoé
		{"principal", []string{"r7", "r1", "r3", "r4", "r5"}}, // Françoise, Jean ×4
	} {
		if got := e.activities(j, "sort="+c.sort+"&order=asc").ids(); !slices.Equal(got, w.ids(c.asc...)) {
			t.Errorf("tri %s croissant : %v, attendu %v", c.sort, got, w.ids(c.asc...))
		}
		desc := slices.Clone(c.asc)
		slices.Reverse(desc)
		if got := e.activities(j, "sort="+c.sort+"&order=desc").ids(); !slices.Equal(got, w.ids(desc...)) {
			t.Errorf("tri %s décroissant : %v, attendu %v", c.sort, got, w.ids(desc...))
		}
	}
	// Default: most recent first.
	if got := e.activities(j, "").ids(); !slices.Equal(got, w.ids("r1", "r3", "r4", "r5", "r7")) {
		t.Errorf("tri par défaut : %v", got)
	}

	for _, bad := range []string{"dossier=abc", "dossier=12345678", "type=inconnu", "sort=actor_name", "order=up",
		"from=2020-13-01", "actor=pas-un-uuid", "from=2020-10-14&to=2020-10-13"} {
		r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities?" + bad, token: j.Access}), 400)
		if r.JSON(t)["code"] != "validation_failed" {
			t.Fatalf("%s : %s", bad, r.Body)
		}
		e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx&" + bad, token: j.Access}), 400)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=csv", token: j.Access}), 400)
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export", token: j.Access}), 400)
}

func TestActivityPaging(t *testing.T) {
	e := newEnv(t)
	w := e.actWorld()
	j := w.jean.tok

	p := e.activities(j, "pageSize=2")
	if !slices.Equal(p.ids(), w.ids("r1", "r3")) || p.Page != 1 || p.PageSize != 2 || p.TotalItems != 5 || p.TotalPages != 3 {
		t.Fatalf("page 1 : %+v", p)
	}
	p = e.activities(j, "pageSize=2&page=3") // the last page, partly filled
	if !slices.Equal(p.ids(), w.ids("r7")) || p.Page != 3 || p.TotalItems != 5 || p.TotalPages != 3 {
		t.Fatalf("dernière page : %+v", p)
	}
	p = e.activities(j, "pageSize=2&page=4") // past the end: empty, totals intact
	if len(p.Items) != 0 || p.Page != 4 || p.TotalItems != 5 || p.TotalPages != 3 {
		t.Fatalf("après la fin : %+v", p)
	}
	p = e.activities(j, "page=1000000000")
	if len(p.Items) != 0 || p.TotalItems != 5 {
		t.Fatalf("page lointaine : %+v", p)
	}
	p = e.activities(j, "") // 10 by default
	if p.PageSize != 10 || p.TotalPages != 1 || len(p.Items) != 5 {
		t.Fatalf("défauts : %+v", p)
	}
	p = e.activities(j, "pageSize=100")
	if p.PageSize != 100 || len(p.Items) != 5 {
		t.Fatalf("100 : %+v", p)
	}
	nobody := e.actPerson("personne", "Aucune", "Activité", "")
	p = e.activities(nobody.tok, "")
	if p.Items == nil || len(p.Items) != 0 || p.TotalItems != 0 || p.TotalPages != 0 || p.Page != 1 {
		t.Fatalf("vide : %+v", p)
	}
	if r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities", token: nobody.tok.Access}), 200); !bytes.Contains(r.Body, []byte(`"items":[]`)) {
		t.Fatalf("items doit être une liste vide : %s", r.Body)
	}
	for _, bad := range []string{"pageSize=0", "pageSize=101", "page=0", "page=-1", "pageSize=dix"} {
		r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities?" + bad, token: j.Access}), 400)
		if r.JSON(t)["code"] != "validation_failed" || len(r.Fields(t)) == 0 {
			t.Fatalf("%s : %s", bad, r.Body)
		}
	}

	// « Afficher toutes les activités »: one page with everything.
	p = e.activities(j, "all=true&pageSize=2&page=3")
	if len(p.Items) != 5 || p.Page != 1 || p.PageSize != 5 || p.TotalPages != 1 || p.TotalItems != 5 {
		t.Fatalf("tout : %+v", p)
	}
	p = e.activities(nobody.tok, "all=true")
	if len(p.Items) != 0 || p.TotalItems != 0 || p.TotalPages != 0 {
		t.Fatalf("tout, vide : %+v", p)
	}
}

func TestShowAllIsCappedAt5000(t *testing.T) {
	e := newEnv(t)
	s := e.actPerson("beaucoup", "Jean", "Piette", "5001")
	e.actBulk(s.rec, activity.MaxAll)
	// Exactly the cap is still shown. (Reading 5 000 lines back costs seconds
	// with SQLite under -race; the code path does not depend on the engine.)
	if testdb.Dialect() == store.Postgres {
		if p := e.activities(s.tok, "all=true"); len(p.Items) != activity.MaxAll || p.TotalItems != activity.MaxAll || p.TotalPages != 1 {
			t.Fatalf("%d lignes", len(p.Items))
		}
	}
	e.actWrite(activity.NewRow(time.Now().Add(-48*time.Hour), activity.ProductOrder, s.rec, s.rec, ""))
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities?all=true", token: s.tok.Access}), 400)
	if r.JSON(t)["code"] != "validation_failed" || !strings.Contains(r.Fields(t)["/all"], "export") {
		t.Fatalf("%s", r.Body)
	}
	// Narrowing the filters brings it back under the cap.
	if p := e.activities(s.tok, "all=true&type=product_order"); p.TotalItems != 1 || len(p.Items) != 1 {
		t.Fatalf("%+v", p)
	}
	if p := e.activities(s.tok, "pageSize=100&page=51"); p.TotalItems != activity.MaxAll+1 || p.TotalPages != 51 || len(p.Items) != 1 {
		t.Fatalf("%+v", p)
	}
}

// actBulk writes n « Consultation d'un dossier » entries of p for p in one
// statement (row by row is slow with SQLite under -race).
func (e *env) actBulk(p auth.Person, n int) {
	e.t.Helper()
	r := activity.NewRow(time.Now().Add(-24*time.Hour), activity.DossierViewed, p, p, "1096429")
	err := testdb.DB(e.t).Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO activities (occurred_at, type, dossier_number, actor_id, actor_name, actor_first_name, actor_last_name, actor_matricule, actor_sort,
			principal_id, principal_name, principal_first_name, principal_last_name, principal_matricule, principal_sort)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM n`, n,
		r.OccurredAt, r.Type, r.DossierNumber, r.ActorID, r.ActorName, r.ActorFirstName, r.ActorLastName, r.ActorMatricule, r.ActorSort,
		r.PrincipalID, r.PrincipalName, r.PrincipalFirstName, r.PrincipalLastName, r.PrincipalMatricule, r.PrincipalSort).Error
	if err != nil {
		e.t.Fatal(err)
	}
}

// The exports hold exactly the lines of the list, in the same order, with
// French headers, Québec dates and accents intact.
func TestExportsMatchTheList(t *testing.T) {
	e := newEnv(t)
	w := e.actWorld()
	j := w.jean.tok
	for _, query := range []string{"sort=actor&order=asc", "sort=date&order=desc", "type=product_order&type=lot_reservation&sort=activity&order=desc",
		"principal=" + w.jean.ID + "&sort=dossier&order=asc", "dossier=999"} {
		list := e.activities(j, "all=true&"+query)
		var want [][]string
		for _, it := range list.Items {
			want = append(want, []string{it.OccurredAt.In(quebec.Location).Format("2006-01-02 15:04"), orEmpty(it.DossierNumber), it.Label,
				it.Actor.FirstName + " " + it.Actor.LastName, it.Principal.FirstName + " " + it.Principal.LastName, orEmpty(it.Detail)})
		}

		today := time.Now().In(quebec.Location).Format("2006-01-02")
		r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx&" + query, token: j.Access}), 200)
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("type %q", ct)
		}
		name := "suivi-des-activites-" + today + ".xlsx"
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="`+name+`"; filename*=UTF-8''`+name {
			t.Fatalf("Content-Disposition %q", cd)
		}
		got := xlsxRows(t, r.Body)
		if fmt.Sprintf("%q", got[0]) != fmt.Sprintf("%q", []string{"Date activité", "No Dossier", "Activité", "Réalisée par", "Réalisée pour", "Détail"}) {
			t.Fatalf("en-têtes %q", got[0])
		}
		if fmt.Sprintf("%q", got[1:]) != fmt.Sprintf("%q", want) {
			t.Fatalf("%s : xlsx\n%q\nliste\n%q", query, got[1:], want)
		}

		r = e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf&" + query, token: j.Access}), 200)
		if r.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(r.Header.Get("Content-Disposition"), `filename="suivi-des-activites-`+today+`.pdf"`) {
			t.Fatalf("%v", r.Header)
		}
		txt := testutil.PDFText(t, r.Body)
		if rows := pdfRows(txt); fmt.Sprintf("%q", rows) != fmt.Sprintf("%q", want) {
			t.Fatalf("%s : pdf\n%q\nliste\n%q\n%s", query, rows, want, txt)
		}
		for _, s := range []string{"Suivi des activités", "Exporté par Jean Piette le " + today, "Date activité", "Réalisée pour", "Page 1 de 1"} {
			if !strings.Contains(txt, s) {
				t.Fatalf("%q absent du PDF :\n%s", s, txt)
			}
		}
	}

	// The PDF says which filters made the view, in French.
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf&from=2020-10-01&to=2020-10-14&dossier=109&type=product_order&actor=" +
		w.edith.ID + "&principal=" + w.jean.ID + "&sort=principal&order=asc", token: j.Access}), 200)
	txt := strings.Join(strings.Fields(testutil.PDFText(t, r.Body)), " ")
	for _, s := range []string{"Date activité du 2020-10-01 au 2020-10-14", "No Dossier contient « 109 »", "Activité : Commande de produits cadastraux",
		"Réalisée par : Édith Descartes", "Réalisée pour : Jean Piette", "Tri : Réalisée pour, ordre croissant", "Aucune activité à afficher"} {
		if !strings.Contains(txt, s) {
			t.Fatalf("%q absent du PDF :\n%s", s, txt)
		}
	}
	r = e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf", token: j.Access}), 200)
	if txt := testutil.PDFText(t, r.Body); !strings.Contains(txt, "Filtres : aucun") || !strings.Contains(txt, "Tri : Date activité, du plus récent au plus ancien") {
		t.Fatal(txt)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx"}), 401)
}

// A name that looks like a formula stays text: in the workbook it is a text
// cell holding the literal, in the PDF it reads as typed.
func TestExportsNeverWriteFormulas(t *testing.T) {
	e := newEnv(t)
	s := e.actPerson("formule", "=HYPERLINK(\"http://x\";\"y\")", "+Nom", "5001")
	odd := e.actPerson("arobas", "@SOMME(A1)", "-Ç", "")
	e.actWrite(activity.NewRow(quebecAt("2020-10-14 13:05"), activity.ProductOrder, odd.rec, s.rec, "1096429"))

	r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx", token: s.tok.Access}), 200)
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for cell, want := range map[string]string{"D2": "@SOMME(A1) -Ç", "E2": "=HYPERLINK(\"http://x\";\"y\") +Nom", "B2": "1096429"} {
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Fatalf("%s : formule %q", cell, fm)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeInlineString {
			t.Fatalf("%s : type %v, texte attendu", cell, typ)
		}
		if v, _ := f.GetCellValue(sheet, cell); v != want {
			t.Fatalf("%s : %q, attendu %q", cell, v, want)
		}
	}
	r = e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=pdf", token: s.tok.Access}), 200)
	if txt := testutil.PDFText(t, r.Body); !strings.Contains(txt, "=HYPERLINK(\"http://x\";\"y\") +Nom") || !strings.Contains(txt, "@SOMME(A1) -Ç") {
		t.Fatal(txt)
	}
}

// The log is append-only: the contract has no way to change or remove an
// entry, and the server refuses any attempt.
func TestNoEndpointChangesTheLog(t *testing.T) {
	spec := contract(t)
	for path, item := range spec.Paths.Map() {
		if !strings.Contains(path, "activit") {
			continue
		}
		for method := range item.Operations() {
			if method != "GET" {
				t.Errorf("%s %s : le journal des activités ne se modifie pas", method, path)
			}
		}
	}
	e := newEnv(t)
	w := e.actWorld()
	id := fmt.Sprint(w.r["r1"])
	for _, m := range []string{"PUT", "PATCH", "DELETE", "POST"} {
		for _, p := range []string{"/api/v1/activities", "/api/v1/activities/" + id} {
			r := e.do(req{method: m, path: p, token: w.jean.tok.Access, body: map[string]any{"type": "dm_deposit"}})
			if r.Status != 404 && r.Status != 405 {
				t.Fatalf("%s %s → %d", m, p, r.Status)
			}
		}
	}
	if got := e.activities(w.jean.tok, "all=true").ids(); len(got) != 5 {
		t.Fatalf("%v", got)
	}
}

func xlsxRows(t *testing.T, body []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < 6 {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

var pdfLine = regexp.MustCompile(`^\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s{2,}(.*)$`)
var columnGap = regexp.MustCompile(`\s{2,}`)

// pdfRows reads the table lines back from pdftotext -layout: columns are
// separated by runs of spaces; an empty No Dossier leaves four values.
func pdfRows(txt string) [][]string {
	var out [][]string
	for _, line := range strings.Split(txt, "\n") {
		m := pdfLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rest := columnGap.Split(strings.TrimSpace(m[2]), -1)
		if len(rest) == 3 {
			rest = append([]string{""}, rest...)
		}
		row := append([]string{m[1]}, rest...)
		for len(row) < 6 { // no « Détail » (entries of this world have none)
			row = append(row, "")
		}
		out = append(out, row)
	}
	return out
}
