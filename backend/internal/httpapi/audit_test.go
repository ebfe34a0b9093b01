package httpapi_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/portal"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

// detailsByType reads the surveyor's log through the API: type → details,
// newest first, and fails unless every entry came through the portal.
func (e *env) detailsByType(tok tokens) map[string][]string {
	e.t.Helper()
	out := map[string][]string{}
	for _, it := range e.activities(tok, "all=true").Items {
		if it.Channel != "web" {
			e.t.Fatalf("canal %q pour %s, web attendu", it.Channel, it.Type)
		}
		d := "<null>"
		if it.Detail != nil {
			d = *it.Detail
		}
		out[it.Type] = append(out[it.Type], d)
	}
	return out
}

// §13: every service writes a French « Détail » naming what the action was
// about, and the channel web for a portal session.
func TestEveryServiceWritesItsDetail(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	lot := digits("5" + testdb.Suffix()[:6])
	testdb.DB(t).Create(&portal.Lot{Number: lot, Status: "en_vigueur", UpdatedAt: time.Now().UTC()})

	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.cadastre, token: o.dt.Access}), 200)
	e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access,
		body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 2, "complementaryPlans": 1}}), 201)
	e.expect(e.do(req{method: "POST", path: "/api/v1/lot-correction-checks", token: o.dt.Access,
		body: map[string]any{"lots": []string{lot}}}), 201)
	order := e.expect(e.do(req{method: "POST", path: "/api/v1/product-orders", token: o.dt.Access,
		body: map[string]any{"productType": "plan_cadastral", "lots": []string{lot}, "quantity": 2, "format": "dwg"}}), 201).JSON(t)
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.arpentage + "/closing-date-extensions", token: o.dt.Access,
		body: map[string]any{"newClosingDate": next, "reason": "Attente des servitudes"}}), 201)
	good := dmXML(o.s.Matricule, o.cadastre, "6500001", "6500002")
	e.expect(e.upload("/api/v1/dm-prevalidations", o.dt, "dm-lévis.xml", good), 201)
	e.expect(e.upload("/api/v1/dm-deposits", o.st, "dépôt-5003.xml", good), 201)
	d2 := e.signUp("second")
	e.expect(e.addDelegate(o.st, d2.ID), 201)
	e.expect(e.removeDelegate(o.st, d2.ID), 204)
	e.expect(e.renounce(o.dt, o.s.ID), 204)

	got := e.detailsByType(o.st)
	lotShown := portal.DisplayLot(lot)
	want := map[string]string{
		"dossier_viewed":         "Dossier " + o.cadastre,
		"lot_correction_check":   "Lot " + lotShown,
		"product_order":          order["orderNumber"].(string) + " : Plan cadastral (DWG) × 2 — Lot " + lotShown,
		"closing_date_extension": "Nouvelle date de fermeture : " + next,
		"dm_prevalidation":       "dm-lévis.xml",
		"dm_deposit":             "dépôt-5003.xml",
		"delegate_removed":       "Édith Descartes",
		"delegation_renounced":   "Édith Descartes",
	}
	for typ, w := range want {
		if len(got[typ]) == 0 || got[typ][0] != w {
			t.Errorf("%s : détail %q, attendu %q", typ, got[typ], w)
		}
	}
	if ds := got["delegate_added"]; len(ds) != 2 || ds[0] != "Édith Descartes" || ds[1] != "Édith Descartes" {
		t.Errorf("ajouts : %q", ds)
	}
	if ds := got["lot_reservation"]; len(ds) != 1 || !regexp.MustCompile(`^Lots \d \d{3} \d{3}, \d \d{3} \d{3}; 1 plan complémentaire$`).MatchString(ds[0]) {
		t.Errorf("réservation : %q", ds)
	}
	// As stored: channel web, detail on the row itself.
	row := lastActivity(t, o.s.ID)
	if row.Channel != auth.ChannelWeb || row.Detail == nil {
		t.Fatalf("%+v", row)
	}
}

// Entries written before §13 keep a null detail, shown as null.
func TestOlderEntriesHaveNoDetail(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("ancien")
	p := auth.Person{ID: uuid.MustParse(s.ID), FirstName: "Édith", LastName: "Descartes", Matricule: s.Matricule}
	if err := testdb.DB(t).Exec(`INSERT INTO activities (occurred_at, type, actor_id, actor_name, actor_first_name, actor_last_name, actor_sort,
		principal_id, principal_name, principal_first_name, principal_last_name, principal_sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		time.Now().UTC(), activity.ProductOrder, p.ID, p.FullName(), p.FirstName, p.LastName, "edith descartes",
		p.ID, p.FullName(), p.FirstName, p.LastName, "edith descartes").Error; err != nil {
		t.Fatal(err)
	}
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/activities", token: e.login(s).Access}), 200)
	var raw struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(r.Body, &raw); err != nil || len(raw.Items) != 1 {
		t.Fatalf("%s", r.Body)
	}
	if string(raw.Items[0]["detail"]) != "null" || string(raw.Items[0]["channel"]) != `"web"` {
		t.Fatalf("detail %s, channel %s", raw.Items[0]["detail"], raw.Items[0]["channel"])
	}
}

// The request's channel reaches the log: a session marked api writes api.
func TestActivityChannelComesFromTheSession(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("canal")
	p := auth.Person{ID: uuid.MustParse(s.ID), FirstName: "Édith", LastName: "Descartes", Matricule: s.Matricule}
	db := testdb.DB(t)
	ctx := auth.WithSession(context.Background(), &auth.Session{Actor: p, Principal: &p, Channel: auth.ChannelAPI})
	if err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return activity.Record(tx, activity.ProductOrder, p, p, "", activity.Detail("  par logiciel  "))
	}); err != nil {
		t.Fatal(err)
	}
	it := e.activities(e.login(s), "").Items[0]
	if it.Channel != "api" || it.Detail == nil || *it.Detail != "par logiciel" {
		t.Fatalf("%+v", it)
	}
}

// adminJournal reads GET /api/v1/admin/activities.
func (e *env) adminJournal(tok tokens, query string) actPage {
	e.t.Helper()
	return e.actPage(tok, "/api/v1/admin/activities?"+query)
}

// §13: administrators' actions go to the administration journal, for
// administrators only, with the table's filters; never to a user's log.
func TestAdministrationJournal(t *testing.T) {
	e := newEnv(t)
	adm := e.admin()
	admID := e.expect(e.me(adm.Access), 200).JSON(t)["id"].(string)
	u := e.signUp("futur")
	mat := newMatricule()
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": u.Username, "matricule": mat}}), 201)
	number := digits("8" + testdb.Suffix()[:6])
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers", token: adm.Access,
		body: map[string]any{"number": number, "kind": "cadastre", "matricule": mat, "title": "Lot 1 234 567, Sherbrooke"}}), 201)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + number + "/messages", token: adm.Access,
		body: map[string]any{"subject": "Pièce manquante à l'étude", "body": "Veuillez compléter."}}), 201)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/communiques", token: adm.Access,
		body: map[string]any{"subject": "Maintenance samedi", "body": "Le portail sera fermé."}}), 201)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + mat, token: adm.Access}), 204)

	// Only administrators read it.
	tk := e.login(u)
	if c := code(e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activities", token: tk.Access}), 403)); c != "admin_only" {
		t.Fatal(c)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activities/export?format=xlsx", token: tk.Access}), 403)

	mine := e.adminJournal(adm, "actor="+admID+"&sort=date&order=asc")
	type line struct{ typ, dossier, detail, principal string }
	var got []line
	for _, it := range mine.Items {
		d := ""
		if it.DossierNumber != nil {
			d = *it.DossierNumber
		}
		if it.Detail == nil || it.Channel != "web" || it.Actor.UserID != admID {
			t.Fatalf("%+v", it)
		}
		got = append(got, line{it.Type, d, *it.Detail, it.Principal.UserID})
	}
	want := []line{
		{"surveyor_granted", "", "Matricule " + mat, u.ID},
		{"dossier_opened", number, "Lot 1 234 567, Sherbrooke", u.ID},
		{"message_posted", number, "Pièce manquante à l'étude", u.ID},
		{"communique_posted", "", "Maintenance samedi", admID},
		{"surveyor_withdrawn", "", "Matricule " + mat, u.ID},
	}
	if len(got) != len(want) {
		t.Fatalf("%+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ligne %d : %+v, attendu %+v", i, got[i], want[i])
		}
	}
	// Filters, sort and paging of the table.
	if p := e.adminJournal(adm, "actor="+admID+"&type=surveyor_granted&type=surveyor_withdrawn"); p.TotalItems != 2 {
		t.Fatalf("%+v", p)
	}
	if p := e.adminJournal(adm, "actor="+admID+"&dossier="+number); p.TotalItems != 2 {
		t.Fatalf("%+v", p)
	}
	if p := e.adminJournal(adm, "actor="+admID+"&pageSize=2&page=3&sort=activity"); p.TotalItems != 5 || p.TotalPages != 3 || len(p.Items) != 1 {
		t.Fatalf("%+v", p)
	}
	// Each journal refuses the other's types.
	if f := e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activities?type=lot_reservation", token: adm.Access}), 400).Fields(t); f["/type"] == "" {
		t.Fatal("type du suivi accepté par le journal")
	}
	if f := e.expect(e.do(req{method: "GET", path: "/api/v1/activities?type=surveyor_granted", token: adm.Access}), 400).Fields(t); f["/type"] == "" {
		t.Fatal("type du journal accepté par le suivi")
	}
	// Nothing of it in the users' log, theirs or the administrator's.
	if p := e.activities(tk, ""); p.TotalItems != 0 {
		t.Fatalf("%+v", p)
	}
	if p := e.activities(adm, ""); p.TotalItems != 0 {
		t.Fatalf("%+v", p)
	}
	// The export holds the journal with « Détail ».
	r := e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activities/export?format=xlsx&sort=date&order=asc&actor=" + admID, token: adm.Access}), 200)
	if !strings.Contains(r.Header.Get("Content-Disposition"), "journal-administration-") {
		t.Fatal(r.Header)
	}
	rows := xlsxRows(t, r.Body)
	if len(rows) != 6 || rows[0][5] != "Détail" || rows[3][5] != "Pièce manquante à l'étude" || rows[3][2] != "Publication d'un message sur un dossier" {
		t.Fatalf("%q", rows)
	}
	r = e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activities/export?format=pdf&actor=" + admID, token: adm.Access}), 200)
	txt := testutil.PDFText(t, r.Body)
	for _, s := range []string{"Journal d'administration", "Détail", "Pièce manquante à l'étude", "Matricule " + mat} {
		if !strings.Contains(txt, s) {
			t.Fatalf("%q absent du PDF :\n%s", s, txt)
		}
	}
	// Append-only, like the activity log.
	if err := testdb.DB(t).Exec("DELETE FROM admin_activities").Error; err == nil {
		t.Fatal("journal d'administration effacé")
	}
	if err := testdb.DB(t).Exec("UPDATE admin_activities SET detail = 'x'").Error; err == nil {
		t.Fatal("journal d'administration modifié")
	}
}

// §13: withdrawal keeps the record (who, when); the former surveyor's
// délégataires are refused; the status can be granted again, to them or,
// with the same matricule, to someone else.
func TestWithdrawalIsSoftAndRegrantWorks(t *testing.T) {
	e := newEnv(t)
	adm := e.admin()
	admID := e.expect(e.me(adm.Access), 200).JSON(t)["id"].(string)
	a := e.surveyor("retrait")
	e.dossier(a, "cadastre")
	d := e.signUp("deleg")
	e.expect(e.addDelegate(e.login(a), d.ID), 201)
	dt := e.login(d)
	e.expect(e.dossiers(dt), 200)

	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + a.Matricule, token: adm.Access}), 204)
	var sv store.Surveyor
	if err := testdb.DB(t).Where("user_id = ?", a.ID).Take(&sv).Error; err != nil {
		t.Fatalf("fiche effacée : %v", err)
	}
	if sv.WithdrawnAt == nil || sv.WithdrawnBy == nil || sv.WithdrawnBy.String() != admID || sv.Matricule != a.Matricule {
		t.Fatalf("%+v", sv)
	}
	// The former surveyor acts for nobody; their délégataire is refused.
	if c := code(e.expect(e.dossiers(dt), 403)); c != "delegation_not_active" {
		t.Fatal(c)
	}
	if c := code(e.expect(e.dossiers(e.login(a)), 403)); c != "no_delegation" {
		t.Fatal(c)
	}
	if m := e.expect(e.me(e.login(a).Access), 200).JSON(t); m["surveyor"] != nil {
		t.Fatalf("%v", m)
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/admin/surveyors", token: adm.Access}), 200)
	if strings.Contains(string(list.Body), a.ID) {
		t.Fatal("ancien arpenteur listé")
	}
	// The matricule is free among those in office: someone else may get it.
	b := e.signUp("releve")
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": b.Username, "matricule": a.Matricule}}), 201)
	// And the former surveyor may be granted again, with another matricule;
	// the delegation they had made holds again.
	again := newMatricule()
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": a.Username, "matricule": a.Matricule}}), 409)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": a.Username, "matricule": again}}), 201)
	if m := e.expect(e.me(e.login(a).Access), 200).JSON(t); m["surveyor"].(map[string]any)["matricule"] != again {
		t.Fatalf("%v", m)
	}
	e.expect(e.dossiers(e.login(d)), 200)
	var back store.Surveyor
	if err := testdb.DB(t).Where("user_id = ?", a.ID).Take(&back).Error; err != nil || back.WithdrawnAt != nil || back.Matricule != again {
		t.Fatalf("%+v %v", back, err)
	}
	if p := e.adminJournal(adm, "principal="+a.ID+"&type=surveyor_granted&type=surveyor_withdrawn&sort=date&order=asc"); p.TotalItems != 3 ||
		p.Items[0].Type != "surveyor_granted" || p.Items[1].Type != "surveyor_withdrawn" || p.Items[2].Type != "surveyor_granted" {
		t.Fatalf("%+v", p)
	}
}

// §13: command-line actions are recorded with the named system actor, who
// cannot log in.
func TestCommandLineActionsNameTheSystem(t *testing.T) {
	e := newEnv(t)
	adm := e.admin() // SetAdmin: the command line's « Attribution du rôle d'administrateur »
	u := e.signUp("cli")
	if _, err := e.acc.GrantSurveyor(context.Background(), auth.Person{}, u.Username, newMatricule()); err != nil {
		t.Fatal(err)
	}
	view, err := e.acc.User(context.Background(), uuid.MustParse(u.ID))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.acc.RecordAccountCreated(context.Background(), view); err != nil {
		t.Fatal(err)
	}
	p := e.adminJournal(adm, "actor="+store.SystemUserID.String()+"&principal="+u.ID+"&sort=activity&order=asc")
	if p.TotalItems != 2 {
		t.Fatalf("%+v", p)
	}
	for _, it := range p.Items {
		if it.Actor.FirstName+" "+it.Actor.LastName != "Système (ligne de commande)" || it.Actor.UserID != accounts.System.ID.String() {
			t.Fatalf("%+v", it)
		}
	}
	// « Attribution du statut... » sorts before « Création d'un identifiant ».
	if p.Items[0].Type != "surveyor_granted" || p.Items[1].Type != "account_created" || *p.Items[1].Detail != u.Username {
		t.Fatalf("%+v", p.Items)
	}
	admID := e.expect(e.me(adm.Access), 200).JSON(t)["id"].(string)
	if p := e.adminJournal(adm, "principal="+admID+"&type=administrator_named"); p.TotalItems != 1 || p.Items[0].Actor.UserID != store.SystemUserID.String() {
		t.Fatalf("%+v", p)
	}
	// Nobody logs in as the system, whatever they type.
	for _, name := range []string{"systeme", " systeme", ""} {
		r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": name, "password": "!"}})
		if r.Status != 401 && r.Status != 400 {
			t.Fatalf("%q : %d %s", name, r.Status, r.Body)
		}
	}
}
