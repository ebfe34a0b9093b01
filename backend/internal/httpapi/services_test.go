package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/portal"
	"espace/backend/internal/testdb"
)

// office is a surveyor with a délégataire and a stranger, the cast of every
// service test.
type office struct {
	s, d, other         user
	st, dt, ot          tokens
	cadastre, arpentage string
	otherDossier        string
}

func (e *env) office() office {
	e.t.Helper()
	o := office{s: e.surveyor("arp"), d: e.signUp("tech"), other: e.surveyor("autre")}
	o.cadastre = e.dossier(o.s, "cadastre")
	o.arpentage = e.dossier(o.s, "arpentage")
	o.otherDossier = e.dossier(o.other, "cadastre")
	o.st = e.login(o.s)
	e.expect(e.addDelegate(o.st, o.d.ID), 201)
	o.dt = e.login(o.d) // default: acts for o.s
	o.ot = e.login(o.other)
	return o
}

// lastActivity is the newest row written for a surveyor.
func lastActivity(t *testing.T, surveyorID string) activity.Row {
	t.Helper()
	rows := activitiesOf(t, surveyorID)
	if len(rows) == 0 {
		t.Fatal("aucune activité")
	}
	return rows[len(rows)-1]
}

func assertActivity(t *testing.T, row activity.Row, typ activity.Type, actor, principal user, dossier string) {
	t.Helper()
	got := ""
	if row.DossierNumber != nil {
		got = *row.DossierNumber
	}
	if row.Type != typ || row.ActorID.String() != actor.ID || row.PrincipalID.String() != principal.ID || got != dossier {
		t.Fatalf("activité %+v ; attendu %s par %s pour %s, dossier %q", row, typ, actor.Username, principal.Username, dossier)
	}
}

func TestLotReservation(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	body := func(n string, count int) map[string]any {
		return map[string]any{"dossierNumber": n, "lotCount": count, "complementaryPlans": 1}
	}
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access, body: body(o.cadastre, 3)}), 201)
	m := r.JSON(t)
	if lots := m["lots"].([]any); len(lots) != 3 || len(lots[0].(string)) != 7 {
		t.Fatalf("%s", r.Body)
	}
	if m["doneBy"].(map[string]any)["userId"] != o.d.ID || m["doneFor"].(map[string]any)["userId"] != o.s.ID {
		t.Fatalf("par/pour : %s", r.Body)
	}
	if m["doneBy"].(map[string]any)["username"] != o.d.Username || m["doneFor"].(map[string]any)["username"] != o.s.Username {
		t.Fatalf("noms d'utilisateur par/pour : %s", r.Body)
	}
	assertActivity(t, lastActivity(t, o.s.ID), activity.LotReservation, o.d, o.s, o.cadastre)

	// Validation, scoping and kind.
	for _, c := range []struct {
		body    any
		status  int
		pointer string
	}{
		{body(o.cadastre, 0), 400, "/lotCount"},
		{body(o.cadastre, 51), 400, "/lotCount"},
		{body("12", 1), 400, "/dossierNumber"},
		{map[string]any{"dossierNumber": o.cadastre}, 400, "/lotCount"},
		{body(o.arpentage, 1), 422, "/dossierNumber"},
	} {
		r := e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access, body: c.body}), c.status)
		if r.Fields(t)[c.pointer] == "" {
			t.Fatalf("%v → %s", c.body, r.Body)
		}
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access, body: body(o.otherDossier, 1)}), 404)
	e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.ot.Access, body: body(o.cadastre, 1)}), 404)

	list := e.expect(e.do(req{method: "GET", path: "/api/v1/lot-reservations", token: o.st.Access}), 200).JSON(t)
	if list["totalItems"].(float64) != 1 {
		t.Fatalf("%v", list)
	}
	// The surveyor's list names the délégataire who did it, loaded with the page.
	if by := list["items"].([]any)[0].(map[string]any)["doneBy"].(map[string]any); by["userId"] != o.d.ID || by["username"] != o.d.Username || by["lastName"] == "" {
		t.Fatalf("par, dans la liste de l'arpenteur : %v", by)
	}
	// Removed: refused.
	e.expect(e.removeDelegate(o.st, o.d.ID), 204)
	if c := code(e.expect(e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: o.dt.Access, body: body(o.cadastre, 1)}), 403)); c != "delegation_not_active" {
		t.Fatal(c)
	}
}

func TestConcurrentReservationsNeverShareALot(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	const workers, each = 8, 5
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(tok tokens) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				r := e.do(req{method: "POST", path: "/api/v1/lot-reservations", token: tok.Access,
					body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 4}})
				if r.Status != 201 {
					t.Errorf("%d %s", r.Status, r.Body)
					return
				}
				var m struct{ Lots []string }
				_ = jsonUnmarshal(r.Body, &m)
				mu.Lock()
				all = append(all, m.Lots...)
				mu.Unlock()
			}
		}(map[bool]tokens{true: o.st, false: o.dt}[w%2 == 0])
	}
	wg.Wait()
	sort.Strings(all)
	for i := 1; i < len(all); i++ {
		if all[i] == all[i-1] {
			t.Fatalf("lot %s réservé deux fois", all[i])
		}
	}
	if len(all) != workers*each*4 {
		t.Fatalf("%d lots", len(all))
	}
}

func TestLotCorrectionCheck(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	db := testdb.DB(t)
	now := time.Now().UTC()
	ok, fix := "3"+testdb.Suffix()[:6], "4"+testdb.Suffix()[:6]
	ok, fix = digits(ok), digits(fix)
	db.Create(&portal.Lot{Number: ok, Status: "en_vigueur", UpdatedAt: now})
	db.Create(&portal.Lot{Number: fix, Status: "correction_requise", Note: "Mesure du côté nord à revoir.", UpdatedAt: now})
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/lot-correction-checks", token: o.dt.Access,
		body: map[string]any{"lots": []string{ok, fix, "9999999"}}}), 201)
	var m struct {
		Results []struct{ Lot, Status, Detail string }
	}
	_ = jsonUnmarshal(r.Body, &m)
	want := []string{"conforme", "correction_requise", "inexistant"}
	for i, w := range want {
		if m.Results[i].Status != w {
			t.Fatalf("%s", r.Body)
		}
	}
	if !strings.Contains(m.Results[2].Detail, "9 999 999") {
		t.Fatalf("numéro non affiché à la québécoise : %s", m.Results[2].Detail)
	}
	assertActivity(t, lastActivity(t, o.s.ID), activity.LotCorrectionCheck, o.d, o.s, "")
	for _, bad := range []any{[]string{}, []string{"123"}, []string{ok, ok}, "1234567"} {
		e.expect(e.do(req{method: "POST", path: "/api/v1/lot-correction-checks", token: o.dt.Access, body: map[string]any{"lots": bad}}), 400)
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/lot-correction-checks", token: o.st.Access}), 200).JSON(t)
	if list["totalItems"].(float64) != 1 {
		t.Fatalf("%v", list)
	}
	if list := e.expect(e.do(req{method: "GET", path: "/api/v1/lot-correction-checks", token: o.ot.Access}), 200).JSON(t); list["totalItems"].(float64) != 0 {
		t.Fatalf("visible par un autre arpenteur : %v", list)
	}
}

func digits(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < '0' || c > '9' {
			b[i] = '0' + c%10
		}
	}
	return string(b)
}

func TestProductOrder(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	lot := digits("5" + testdb.Suffix()[:6])
	testdb.DB(t).Create(&portal.Lot{Number: lot, Status: "en_vigueur", UpdatedAt: time.Now().UTC()})
	order := func(tok tokens, body map[string]any) resp {
		return e.do(req{method: "POST", path: "/api/v1/product-orders", token: tok.Access, body: body})
	}
	good := map[string]any{"productType": "plan_cadastral", "lots": []string{lot}, "quantity": 2, "format": "dwg"}
	r := e.expect(order(o.dt, good), 201).JSON(t)
	if !strings.HasPrefix(r["orderNumber"].(string), "CP-") || r["status"] != "recue" {
		t.Fatalf("%v", r)
	}
	assertActivity(t, lastActivity(t, o.s.ID), activity.ProductOrder, o.d, o.s, "")
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	for _, c := range []struct {
		body    map[string]any
		pointer string
	}{
		{with("format", "dwg") /* for fiche_lot below */, ""},
		{with("quantity", 0), "/quantity"},
		{with("quantity", 21), "/quantity"},
		{with("productType", "carte"), "/productType"},
		{with("lots", []string{}), "/lots"},
		{with("lots", []string{"8888888"}), "/lots/0"},
	} {
		if c.pointer == "" {
			b := with("productType", "fiche_lot")
			if f := e.expect(order(o.dt, b), 400).Fields(t); f["/format"] == "" {
				t.Fatal("fiche_lot en dwg acceptée")
			}
			continue
		}
		if f := e.expect(order(o.dt, c.body), 400).Fields(t); f[c.pointer] == "" {
			t.Fatalf("%v : %v", c.body, f)
		}
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/product-orders", token: o.st.Access}), 200).JSON(t)
	if list["totalItems"].(float64) != 1 {
		t.Fatalf("%v", list)
	}
	e.expect(e.removeDelegate(o.st, o.d.ID), 204)
	e.expect(order(o.dt, good), 403)
}

func TestClosingDateExtension(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	path := "/api/v1/dossiers/" + o.arpentage + "/closing-date-extensions"
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	r := e.expect(e.do(req{method: "POST", path: path, token: o.dt.Access, body: map[string]any{"newClosingDate": next, "reason": "Attente des servitudes"}}), 201)
	if r.JSON(t)["newClosingDate"] != next {
		t.Fatalf("%s", r.Body)
	}
	assertActivity(t, lastActivity(t, o.s.ID), activity.ClosingDateExtension, o.d, o.s, o.arpentage)
	d := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.arpentage, token: o.st.Access}), 200).JSON(t)
	if d["closingDate"] != next {
		t.Fatalf("date non prolongée : %v", d)
	}
	// Not after the current date; not in the past; a reason; a real date; only arpentage.
	for _, b := range []map[string]any{
		{"newClosingDate": next, "reason": "Encore"},
		{"newClosingDate": "2020-01-01", "reason": "Passé"},
		{"newClosingDate": next},
		{"newClosingDate": "2027-02-30", "reason": "Date impossible"},
	} {
		if f := e.expect(e.do(req{method: "POST", path: path, token: o.dt.Access, body: b}), 400).Fields(t); len(f) == 0 {
			t.Fatalf("%v", b)
		}
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.cadastre + "/closing-date-extensions", token: o.dt.Access,
		body: map[string]any{"newClosingDate": time.Now().AddDate(2, 0, 0).Format("2006-01-02"), "reason": "Mauvais type"}}), 422)
	e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.otherDossier + "/closing-date-extensions", token: o.dt.Access,
		body: map[string]any{"newClosingDate": time.Now().AddDate(2, 0, 0).Format("2006-01-02"), "reason": "Pas le mien"}}), 404)
}

// upload posts a DM file as multipart/form-data.
func (e *env) upload(path string, tok tokens, name, content string) resp {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, _ := w.CreateFormFile("file", name)
	_, _ = io.WriteString(part, content)
	_ = w.Close()
	return e.do(req{method: "POST", path: path, token: tok.Access, body: buf.String(), header: map[string]string{"Content-Type": w.FormDataContentType()}})
}

func dmXML(matricule, dossier string, lots ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<DemandeMiseAJour matricule="%s" dossier="%s">`, matricule, dossier)
	for _, l := range lots {
		fmt.Fprintf(&b, `<Lot numero="%s" operation="creation"/>`, l)
	}
	b.WriteString("</DemandeMiseAJour>\n")
	return b.String()
}

func TestDMPrevalidationAndDeposit(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	good := dmXML(o.s.Matricule, o.cadastre, "6500001", "6500002")
	r := e.expect(e.upload("/api/v1/dm-prevalidations", o.dt, "dm.xml", good), 201).JSON(t)
	if r["valid"] != true || len(r["findings"].([]any)) != 8 {
		t.Fatalf("%v", r)
	}
	assertActivity(t, lastActivity(t, o.s.ID), activity.DMPrevalidation, o.d, o.s, "")

	failing := map[string]string{
		"R1": "", "R2": "<DemandeMiseAJour", "R3": "<Autre/>",
		"R4": dmXML("9999", o.cadastre, "6500001"),
		"R5": dmXML(o.s.Matricule, o.otherDossier, "6500001"),
		"R6": dmXML(o.s.Matricule, o.cadastre),
		"R7": dmXML(o.s.Matricule, o.cadastre, "123", "6500001", "6500001"),
		"R8": strings.Replace(dmXML(o.s.Matricule, o.cadastre, "6500001"), "creation", "demolition", 1),
	}
	for rule, content := range failing {
		name := "dm.xml"
		if rule == "R1" {
			name, content = "dm.pdf", good
		}
		r := e.expect(e.upload("/api/v1/dm-prevalidations", o.dt, name, content), 201).JSON(t)
		if r["valid"] != false {
			t.Fatalf("%s : %v", rule, r)
		}
		for _, f := range r["findings"].([]any) {
			f := f.(map[string]any)
			if f["rule"] == rule && f["passed"] != false {
				t.Fatalf("%s devait échouer : %v", rule, r)
			}
		}
	}
	if f := e.expect(e.upload("/api/v1/dm-prevalidations", o.dt, "dm.xml", strings.Repeat("x", 5<<20+10)), 400).Fields(t); f["/file"] == "" {
		t.Fatal("fichier trop gros accepté")
	}

	// Dépôt: never delegated.
	r2 := e.upload("/api/v1/dm-deposits", o.dt, "dm.xml", good)
	if r2.Status != 403 || code(r2) != "surveyor_only" {
		t.Fatalf("%d %s", r2.Status, r2.Body)
	}
	// Not even by a surveyor acting as délégataire of another.
	b := e.surveyor("collegue")
	e.expect(e.addDelegate(o.st, b.ID), 201)
	bt, _ := e.actFor(e.login(b), o.s.ID)
	if r := e.upload("/api/v1/dm-deposits", bt, "dm.xml", good); r.Status != 403 || code(r) != "surveyor_only" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/dm-deposits", token: o.dt.Access}), 403)
	// An invalid DM is not filed.
	bad := e.expect(e.upload("/api/v1/dm-deposits", o.st, "dm.xml", failing["R4"]), 422)
	if !strings.Contains(bad.Fields(t)["/file"], "R4") {
		t.Fatalf("%s", bad.Body)
	}
	dep := e.expect(e.upload("/api/v1/dm-deposits", o.st, "dm.xml", good), 201).JSON(t)
	n := dep["dossierNumber"].(string)
	assertActivity(t, lastActivity(t, o.s.ID), activity.DMDeposit, o.s, o.s, n)
	d := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + n, token: o.st.Access}), 200).JSON(t)
	if d["kind"] != "cadastre" {
		t.Fatalf("%v", d)
	}
	var stored portal.Deposit
	if err := testdb.DB(t).Where("dossier_number = ?", n).Take(&stored).Error; err != nil {
		t.Fatal(err)
	}
	if string(stored.Content) != good {
		t.Fatal("le fichier déposé n'est pas conservé tel quel")
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/dm-deposits", token: o.st.Access}), 200).JSON(t)
	if list["totalItems"].(float64) != 1 {
		t.Fatalf("%v", list)
	}
	e.expect(e.upload("/api/v1/dm-deposits", o.st, "dm.xml", ""), 422)
	e.expect(e.do(req{method: "POST", path: "/api/v1/dm-deposits", token: o.st.Access, body: map[string]any{"file": "x"}}), 415)
}

// §7: alerts go to the responsible surveyor only; what a délégataire reads
// is read for the surveyor.
func TestMessagesAlertsAndReadState(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	adm := e.admin()
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + o.cadastre + "/messages", token: adm.Access,
		body: map[string]any{"subject": "Pièce manquante : plan signé", "body": "Veuillez joindre le plan signé."}}), 201)
	msgID := r.JSON(t)["id"].(string)
	alert := e.smtp.WaitFor(t, func(m mailtest.Received) bool { return strings.Contains(m.Subject, o.cadastre) }, 5*time.Second)
	if len(alert.To) != 1 || alert.To[0] != o.s.Email {
		t.Fatalf("alerte envoyée à %v", alert.To)
	}
	time.Sleep(200 * time.Millisecond)
	if n := e.smtp.Count(func(m mailtest.Received) bool {
		return mailtest.To(o.d.Email)(m) && (strings.Contains(m.Subject, o.cadastre) || strings.Contains(m.Text, o.cadastre))
	}); n != 0 {
		t.Fatalf("%d alerte(s) au délégataire", n)
	}
	unread := func(tok tokens) float64 {
		l := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers?kind=cadastre", token: tok.Access}), 200)
		var p struct {
			Items []struct {
				Number         string
				UnreadMessages float64
			}
		}
		_ = jsonUnmarshal(l.Body, &p)
		for _, it := range p.Items {
			if it.Number == o.cadastre {
				return it.UnreadMessages
			}
		}
		t.Fatal("dossier absent")
		return 0
	}
	if unread(o.st) != 1 {
		t.Fatal("message non compté comme non lu")
	}
	m := e.expect(e.do(req{method: "POST", path: "/api/v1/dossiers/" + o.cadastre + "/messages/" + msgID + "/read", token: o.dt.Access}), 200).JSON(t)
	if m["read"] != true || m["readBy"].(map[string]any)["userId"] != o.d.ID {
		t.Fatalf("%v", m)
	}
	if unread(o.st) != 0 {
		t.Fatal("lu par le délégataire, le message doit être lu pour l'arpenteur-géomètre")
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.cadastre + "/messages", token: o.st.Access}), 200)
	if !strings.Contains(string(list.Body), `"read":true`) {
		t.Fatalf("%s", list.Body)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.cadastre + "/messages", token: o.ot.Access}), 404)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + o.cadastre + "/messages", token: o.st.Access,
		body: map[string]any{"subject": "x", "body": "y"}}), 403)

	// A dossier opened by the délégataire is read for the surveyor.
	if d := e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers/" + o.arpentage, token: o.dt.Access}), 200).JSON(t); d["read"] != true {
		t.Fatalf("%v", d)
	}

	// Communiqués: every surveyor is alerted, no délégataire.
	c := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/communiques", token: adm.Access,
		body: map[string]any{"subject": "Nouvelles règles de dépôt", "body": "À compter du 1er janvier…"}}), 201).JSON(t)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(o.other.Email)(m) && strings.Contains(m.Subject, "communiqué")
	}, 5*time.Second)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(o.s.Email)(m) && strings.Contains(m.Subject, "communiqué")
	}, 5*time.Second)
	if n := e.smtp.Count(func(m mailtest.Received) bool {
		return mailtest.To(o.d.Email)(m) && strings.Contains(m.Subject, "communiqué")
	}); n != 0 {
		t.Fatal("communiqué annoncé à un délégataire")
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/communiques/" + c["id"].(string) + "/read", token: o.dt.Access}), 200)
	cl := e.expect(e.do(req{method: "GET", path: "/api/v1/communiques", token: o.st.Access}), 200)
	var cs []struct {
		ID   string
		Read bool
	}
	_ = jsonUnmarshal(cl.Body, &cs)
	for _, x := range cs {
		if x.ID == c["id"] && !x.Read {
			t.Fatal("communiqué lu par le délégataire non lu pour l'arpenteur-géomètre")
		}
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/communiques/" + c["id"].(string) + "/read", token: o.ot.Access}), 200)
}

var _ = context.Background
var _ = http.MethodGet
