package httpapi_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"espace/backend/internal/testdb"
)

// raw sends a body exactly as written (e.do would marshal maps and cannot
// write 1.0 or a duplicate key).
func (e *env) raw(method, path, body, token string) resp {
	e.t.Helper()
	return e.do(req{method: method, path: path, body: body, token: token})
}

// invalidAt asserts a 400 validation_failed naming pointer with a French detail.
func invalidAt(t *testing.T, r resp, pointer string) string {
	t.Helper()
	if r.Status != http.StatusBadRequest || code(r) != "validation_failed" {
		t.Fatalf("400 validation_failed attendu sur %s, reçu %d : %s", pointer, r.Status, r.Body)
	}
	d, ok := r.Fields(t)[pointer]
	if !ok {
		t.Fatalf("pointeur %q absent : %s", pointer, r.Body)
	}
	assertFrench(t, r)
	return d
}

// assertFrench fails on the English of Go's decoder or of kin-openapi.
func assertFrench(t *testing.T, r resp) {
	t.Helper()
	for _, english := range []string{"Unmarshal", "unmarshal", "expected", "json:", "Error at", "property", "Invalid format", "value ", "Syntax error", "got="} {
		if bytes.Contains(r.Body, []byte(english)) {
			t.Fatalf("message non traduit (%q) : %s", english, r.Body)
		}
	}
}

// PostgreSQL refuses U+0000 in text (SQLSTATE 22021): before §17 a login
// name holding one was a 500. Every control character is refused before
// any handler, on both databases.
func TestControlCharactersAreRefusedBeforeTheDatabase(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("ctrl")
	st := e.login(s)

	d := invalidAt(t, e.raw("POST", "/api/v1/auth/login", `{"username":"jp\u0000iette","password":"x"}`, ""), "/username")
	if !strings.Contains(d, "U+0000") {
		t.Fatalf("le détail ne nomme pas le caractère : %q", d)
	}
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=a%00b", token: st.Access}), "/username")
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/delegate-candidates?email=a%C2%85b@exemple.qc.ca", token: st.Access}), "/email") // C1 (NEL)
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=a%FFb", token: st.Access}), "/username")            // not UTF-8
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/dossiers/10%0093", token: st.Access}), "/number")
	invalidAt(t, e.raw("POST", "/api/v1/accounts", `{"username":"nulcheck","email":"c@exemple.qc.ca","firstName":"A\u007fB","lastName":"B","password":"`+goodPassword+`"}`, ""), "/firstName")
	// A control character in a member's name is not smuggled either.
	invalidAt(t, e.raw("POST", "/api/v1/auth/login", `{"username":"a","password":"b","x\u0000":1}`, ""), "/x\u0000")

	var n int64
	e.dbCount(&n, "SELECT COUNT(*) FROM users WHERE username_key LIKE ?", "nulcheck%")
	if n != 0 {
		t.Fatalf("%d comptes créés malgré le refus", n)
	}
}

// Names refuse invisible format characters (Unicode Cf); other texts keep
// them, and only multi-line texts take tab, line feed and carriage return.
func TestTextKindsOfTheContract(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	adm := e.admin()
	signUp := func(first, last string) resp {
		return e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{
			"username": "cf" + time.Now().Format("150405.000000"), "email": "cf" + time.Now().Format("150405.000000") + "@exemple.qc.ca",
			"firstName": first, "lastName": last, "password": goodPassword}})
	}
	for _, bad := range []string{"É\u200bdith", "Édith\u202e", "\ufeffÉdith", "É\u00addith"} {
		invalidAt(t, signUp(bad, "Descartes"), "/firstName")
	}
	invalidAt(t, signUp("Édith", "Des\ncartes"), "/lastName")
	e.expect(signUp("Marie-Ève", "D'Arcy-Lévesque"), 201)

	msg := "/api/v1/admin/dossiers/" + o.cadastre + "/messages"
	r := e.expect(e.do(req{method: "POST", path: msg, token: adm.Access, body: map[string]any{
		"subject": "Avis", "body": "Bonjour,\r\n\tle plan est reçu.\n\nMerci."}}), 201)
	if !strings.Contains(string(r.Body), `\r\n\tle plan`) {
		t.Fatalf("le texte de plusieurs lignes n'est pas gardé tel quel : %s", r.Body)
	}
	invalidAt(t, e.do(req{method: "POST", path: msg, token: adm.Access, body: map[string]any{"subject": "Deux\nlignes", "body": "x"}}), "/subject")
	invalidAt(t, e.do(req{method: "POST", path: msg, token: adm.Access, body: map[string]any{"subject": "Avis", "body": "fin\u0000"}}), "/body")
	invalidAt(t, e.do(req{method: "POST", path: "/api/v1/admin/communiques", token: adm.Access, body: map[string]any{"subject": "Avis", "body": "\u001b[31mrouge"}}), "/body")

	ext := "/api/v1/dossiers/" + o.arpentage + "/closing-date-extensions"
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	e.expect(e.do(req{method: "POST", path: ext, token: o.dt.Access, body: map[string]any{"newClosingDate": next, "reason": "Attente :\n- servitudes\n- certificat"}}), 201)
}

// uploadPart posts a multipart body with a hand-written file part header.
func (e *env) uploadPart(path string, tok tokens, disposition, content string, extra map[string]string) resp {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range extra {
		_ = w.WriteField(k, v)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", disposition)
	h.Set("Content-Type", "application/xml")
	part, _ := w.CreatePart(h)
	_, _ = io.WriteString(part, content)
	_ = w.Close()
	return e.do(req{method: "POST", path: path, token: tok.Access, body: buf.String(), header: map[string]string{"Content-Type": w.FormDataContentType()}})
}

func TestUploadedFileNamesAndFields(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	good := dmXML(o.s.Matricule, o.cadastre, "6500001")
	path := "/api/v1/dm-prevalidations"

	long := strings.Repeat("é", 251) + ".xml" // 255 characters, 506 bytes
	r := e.expect(e.upload(path, o.dt, long, good), 201).JSON(t)
	if r["fileName"] != long {
		t.Fatalf("nom de fichier : %v", r["fileName"])
	}
	d := invalidAt(t, e.upload(path, o.dt, "a"+long, good), "/file")
	if !strings.Contains(d, "255") {
		t.Fatalf("%q", d)
	}
	invalidAt(t, e.upload(path, o.dt, "dm\u0001.xml", good), "/file")
	invalidAt(t, e.upload(path, o.dt, "dm\u009b.xml", good), "/file")
	invalidAt(t, e.uploadPart(path, o.dt, `form-data; name="file"; filename*=UTF-8''dm%00.xml`, good, nil), "/file")
	invalidAt(t, e.uploadPart(path, o.dt, `form-data; name="file"; filename="dm.xml"`, good, map[string]string{"note": "x"}), "/note")
	// Go's multipart reader refuses the header of such a part before its name
	// can be read: the problem names the upload's file member.
	invalidAt(t, e.uploadPart(path, o.dt, `form-data; name="file"; filename="dm.xml"`, good, map[string]string{"no\u0000te": "x"}), "/file")
	invalidAt(t, e.uploadPart(path, o.dt, `form-data; name="file"; filename="dm.xml"`, good, map[string]string{"note": "a\u0085"}), "/note")

	var n int64
	e.dbCount(&n, "SELECT COUNT(*) FROM dm_prevalidations WHERE surveyor_id = ?", o.s.ID)
	if n != 1 {
		t.Fatalf("%d prévalidations enregistrées, 1 attendue", n)
	}
}

// Without a maximum, page × pageSize overflows the OFFSET.
func TestPageHasAMaximum(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	for _, path := range []string{"/api/v1/lot-reservations", "/api/v1/lot-correction-checks", "/api/v1/product-orders",
		"/api/v1/dm-prevalidations", "/api/v1/dossiers", "/api/v1/activities"} {
		for _, page := range []string{"1000000001", "922337203685477580", "9223372036854775807"} {
			invalidAt(t, e.do(req{method: "GET", path: path + "?pageSize=100&page=" + page, token: o.dt.Access}), "/page")
		}
		e.expect(e.do(req{method: "GET", path: path + "?pageSize=100&page=1000000000", token: o.dt.Access}), 200)
	}
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/dm-deposits?page=922337203685477580", token: o.st.Access}), "/page")
}

// kin-openapi ignores query parameters the contract does not declare: a
// misspelt filter would silently widen a list.
func TestUnknownQueryParametersAreRefused(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	d := invalidAt(t, e.do(req{method: "GET", path: "/api/v1/activities?dosier=1093112", token: o.st.Access}), "/dosier")
	if !strings.Contains(d, "inconnu") {
		t.Fatalf("%q", d)
	}
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/me?x=1", token: o.st.Access}), "/x")
	invalidAt(t, e.raw("POST", "/api/v1/auth/login?debug=1", `{"username":"a","password":"b"}`, ""), "/debug")
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities?dossier=1093&type=dossier_viewed&type=lot_reservation", token: o.st.Access}), 200)
}

// net/url drops a query pair holding ";" without a word: the filter would be
// ignored. It is a 400 instead.
func TestSemicolonInQueryIsRefused(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/activities?page=2;pageSize=5", token: o.st.Access}), "/page")
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/activities?sort=date&dossier=1;2", token: o.st.Access}), "/dossier")
	invalidAt(t, e.do(req{method: "GET", path: "/api/v1/activities?dossier=1%3", token: o.st.Access}), "/dossier")
	e.expect(e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=a%3Bb", token: o.st.Access}), 200) // an encoded ";" is a value
}

// null for a member that is not nullable, and a float where an integer is
// expected, are field errors in French, never the decoder's English.
func TestNullAndWrongNumberTypesAreFieldErrors(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	body := func(extra string) string {
		return `{"dossierNumber":"` + o.cadastre + `"` + extra + `}`
	}
	post := func(b string) resp { return e.raw("POST", "/api/v1/lot-reservations", b, o.dt.Access) }
	if d := invalidAt(t, post(body(`,"lotCount":1,"complementaryPlans":null`)), "/complementaryPlans"); !strings.Contains(d, "nul") {
		t.Fatalf("%q", d)
	}
	invalidAt(t, post(body(`,"lotCount":null`)), "/lotCount")
	for _, n := range []string{"1.0", "1e0", "1.5", "1E2", "-0.0", "100000000000000000000"} {
		invalidAt(t, post(body(`,"lotCount":`+n)), "/lotCount")
	}
	invalidAt(t, post(body(`,"lotCount":"1"`)), "/lotCount")
	invalidAt(t, e.raw("POST", "/api/v1/product-orders", `{"productType":"fiche_lot","lots":["1234567"],"quantity":2.0,"format":"pdf"}`, o.dt.Access), "/quantity")
	invalidAt(t, e.raw("POST", "/api/v1/lot-correction-checks", `{"lots":null}`, o.dt.Access), "/lots")
	invalidAt(t, e.raw("POST", "/api/v1/lot-correction-checks", `{"lots":[null]}`, o.dt.Access), "/lots/0")

	var n int64
	e.dbCount(&n, "SELECT COUNT(*) FROM activities WHERE principal_id = ? AND type <> 'delegate_added'", o.s.ID)
	if n != 0 {
		t.Fatalf("%d activités écrites malgré les refus", n)
	}
	e.expect(post(body(`,"lotCount":1`)), 201)
}

// The generated binders' own messages are English; whatever they refuse is
// a French field error too.
func TestBinderErrorsAreFrench(t *testing.T) {
	e := newEnv(t)
	hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/auth/login", strings.NewReader(`{"username":"a","password":"b"}`))
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Add("X-Refresh-Token-Transport", "cookie")
	hr.Header.Add("X-Refresh-Token-Transport", "body")
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	invalidAt(t, resp{Status: res.StatusCode, Header: res.Header, Body: raw}, "/X-Refresh-Token-Transport")
}

// "A username or an e-mail address, not both" is one rule (x-one-of), with
// the same answer wherever it applies.
func TestUsernameOrEmailNotBoth(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("unseul")
	st := e.login(s)
	reset := func(b map[string]any) resp {
		return e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: b})
	}
	search := func(q string) resp {
		return e.do(req{method: "GET", path: "/api/v1/delegate-candidates" + q, token: st.Access})
	}
	details := map[string]bool{}
	for _, r := range []resp{
		reset(map[string]any{"username": s.Username, "email": s.Email}),
		reset(map[string]any{}),
		search("?username=" + s.Username + "&email=" + s.Email),
		search(""),
	} {
		details[invalidAt(t, r, "/username")] = true
	}
	if len(details) != 1 {
		t.Fatalf("la même règle a plusieurs messages : %v", details)
	}
	e.expect(reset(map[string]any{"email": s.Email}), 202)
	e.expect(search("?email="+s.Email), 200)
}

// XML lets an attribute hold tabs, line breaks and C1 control characters;
// the stored report repeats the file's values without them.
func TestDMReportStoresNoControlCharacter(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	doc := `<DemandeMiseAJour matricule="1&#x85;2" dossier="9&#9;9"><Lot numero="12&#10;3" operation="x&#x9b;"/></DemandeMiseAJour>`
	r := e.expect(e.upload("/api/v1/dm-prevalidations", o.dt, "dm.xml", doc), 201)
	for _, c := range []string{"\u0085", `\t`, `\n`, "\u009b"} {
		if strings.Contains(string(r.Body), c) {
			t.Fatalf("caractère de contrôle %q repris dans le rapport : %s", c, r.Body)
		}
	}
	var findings string
	if err := testdb.DB(t).Raw("SELECT findings FROM dm_prevalidations WHERE surveyor_id = ?", o.s.ID).Scan(&findings).Error; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(findings, "\ufffd") || strings.ContainsAny(findings, "\u0085\u009b\t\n") || strings.Contains(findings, `\t`) || strings.Contains(findings, `\n`) {
		t.Fatalf("rapport enregistré : %q", findings)
	}
}

// Go's server lets a User-Agent through with bytes that are not UTF-8 or
// with C1 characters; the session keeps it. PostgreSQL refused the first
// (a 500 at login), and a cut in the middle of a character made the same.
func TestUserAgentIsStorable(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("agent")
	for _, ua := range []string{"Mozilla\xff\xfe", "a\u0085b\tc", strings.Repeat("a", 399) + "é" + strings.Repeat("b", 50)} {
		e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": u.Username, "password": u.Password},
			header: map[string]string{"User-Agent": ua}}), 200)
	}
	var agents []string
	if err := testdb.DB(t).Raw("SELECT user_agent FROM sessions WHERE user_id = ?", u.ID).Scan(&agents).Error; err != nil {
		t.Fatal(err)
	}
	if len(agents) != 3 {
		t.Fatalf("%d sessions", len(agents))
	}
	for _, a := range agents {
		if !utf8.ValidString(a) || strings.ContainsAny(a, "\u0085\t") || len(a) > 400 {
			t.Fatalf("User-Agent enregistré : %q", a)
		}
	}
}
