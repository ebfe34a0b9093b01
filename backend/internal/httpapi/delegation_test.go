package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"espace/backend/internal/delegation"
)

// The matrix of SPEC §2 and §4: who logs in (a plain user or a surveyor),
// for whom the token acts (themself by default, or surveyor A), and what
// became of A's delegation to them. Each row states what the three doors
// answer: a delegable service (Suivi des dossiers), a surveyor-only
// operation (Gestion des délégataires) and « Sélection d'un délégant ».
func TestDelegationMatrix(t *testing.T) {
	e := newEnv(t)
	type probe struct {
		status int
		code   string
	}
	ok := probe{200, ""}
	cases := []struct {
		name      string
		surveyor  bool   // is the actor a surveyor?
		state     string // none | active | removed | renounced
		actForA   bool   // does the token act for A (chosen while the delegation was active)?
		service   probe  // GET /dossiers with that token
		manage    probe  // GET /delegates with that token
		selectA   probe  // POST /auth/acting-for A, afterwards
		seesOwnOf string // whose dossier the service shows: "A" or "self"
	}{
		// §4: a user nobody delegated to may log in but uses no service.
		{"user, no délégant", false, "none", false, probe{403, "no_delegation"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
		// §2.2, §4: any user can be délégataire; a single délégant is the default.
		{"user, active, default", false, "active", false, ok, probe{403, "surveyor_only"}, ok, "A"},
		{"user, active, chosen", false, "active", true, ok, probe{403, "surveyor_only"}, ok, "A"},
		// §2.5: removal or renunciation takes effect on the next request, even for tokens already issued.
		{"user, removed, old token", false, "removed", true, probe{403, "delegation_not_active"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
		{"user, renounced, old token", false, "renounced", true, probe{403, "delegation_not_active"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
		{"user, removed, new login", false, "removed", false, probe{403, "no_delegation"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
		// §4: a surveyor acts for themself by default, and manages their délégataires.
		{"surveyor, self", true, "none", false, ok, ok, probe{403, "delegation_not_active"}, "self"},
		// §2.4: a surveyor can be délégataire of another; §2.3: acting for A, they cannot manage délégataires.
		{"surveyor, active, acting for A", true, "active", true, ok, probe{403, "surveyor_only"}, ok, "A"},
		{"surveyor, active, acting for self", true, "active", false, ok, ok, ok, "self"},
		{"surveyor, removed, old token for A", true, "removed", true, probe{403, "delegation_not_active"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
		{"surveyor, renounced, old token for A", true, "renounced", true, probe{403, "delegation_not_active"}, probe{403, "surveyor_only"}, probe{403, "delegation_not_active"}, ""},
	}
	check := func(t *testing.T, what string, r resp, want probe) {
		t.Helper()
		if r.Status != want.status || (want.code != "" && code(r) != want.code) {
			t.Fatalf("%s : attendu %d %s, reçu %d %s", what, want.status, want.code, r.Status, r.Body)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := e.surveyor("a")
			aDossier := e.dossier(a, "cadastre")
			aTok := e.login(a)
			var actor user
			var ownDossier string
			if c.surveyor {
				actor = e.surveyor("b")
				ownDossier = e.dossier(actor, "arpentage")
			} else {
				actor = e.signUp("u")
			}
			if c.state != "none" {
				e.expect(e.addDelegate(aTok, actor.ID), 201)
			}
			tk := e.login(actor)
			if c.actForA {
				tk, _ = e.actFor(tk, a.ID)
			}
			switch c.state {
			case "removed":
				e.expect(e.removeDelegate(aTok, actor.ID), 204)
			case "renounced":
				e.expect(e.renounce(e.login(actor), a.ID), 204)
			}
			if c.name == "user, removed, new login" {
				tk = e.login(actor)
			}

			r := e.dossiers(tk)
			check(t, "service délégable", r, c.service)
			if r.Status == 200 {
				body := string(r.Body)
				switch c.seesOwnOf {
				case "A":
					if !strings.Contains(body, aDossier) || (ownDossier != "" && strings.Contains(body, ownDossier)) {
						t.Fatalf("les dossiers de A sont attendus : %s", body)
					}
				case "self":
					if !strings.Contains(body, ownDossier) || strings.Contains(body, aDossier) {
						t.Fatalf("ses propres dossiers sont attendus : %s", body)
					}
				}
			}
			check(t, "gestion des délégataires", e.delegates(tk), c.manage)
			if c.service.code == "delegation_not_active" {
				if m := e.expect(e.me(tk.Access), 200).JSON(t); m["actingFor"] != nil || m["delegationEnded"] != true {
					t.Fatalf("/me doit dire que la délégation a pris fin : %v", m)
				}
			}
			_, r = e.actFor(tk, a.ID)
			check(t, "sélection de A", r, c.selectA)
		})
	}
}

// §4: the message shown to a user nobody delegated to, word for word.
func TestNoDelegationMessageIsTheGuides(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("seul")
	r := e.expect(e.dossiers(e.login(u)), 403)
	want := "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom. Veuillez communiquer avec un arpenteur-géomètre et attendre le courriel de confirmation vous informant que l'arpenteur-géomètre délégant vous a désigné comme délégataire."
	if r.JSON(t)["title"] != want || want != delegation.NoDelegationMessage {
		t.Fatalf("%s", r.Body)
	}
	m := e.expect(e.me(e.login(u).Access), 200).JSON(t)
	if m["actingFor"] != nil || m["mustSelectDelegant"] != false {
		t.Fatalf("%v", m)
	}
}

// §2.7 and §4: several délégants, no default; the choice is the user's.
func TestSeveralDelegantsMustSelect(t *testing.T) {
	e := newEnv(t)
	s1, s2, s3 := e.surveyor("s1"), e.surveyor("s2"), e.surveyor("s3")
	d := e.signUp("multi")
	for _, s := range []user{s1, s2, s3} {
		e.expect(e.addDelegate(e.login(s), d.ID), 201)
	}
	tk := e.login(d)
	m := e.expect(e.me(tk.Access), 200).JSON(t)
	if m["mustSelectDelegant"] != true || m["actingFor"] != nil {
		t.Fatalf("%v", m)
	}
	if claims := decodeClaims(t, tk.Access); claims["acting-for"] != nil {
		t.Fatalf("aucun délégant par défaut : %v", claims["acting-for"])
	}
	refused := e.expect(e.dossiers(tk), 403)
	if c := code(refused); c != "delegant_selection_required" {
		t.Fatal(c)
	}
	// The title names the API call to make, for office software as much as for the portal (§14).
	if !strings.Contains(string(refused.Body), "POST /api/v1/auth/acting-for") {
		t.Fatalf("le titre doit nommer l'appel de sélection : %s", refused.Body)
	}
	list := e.expect(e.do(req{method: "GET", path: "/api/v1/delegants", token: tk.Access}), 200)
	for _, s := range []user{s1, s2, s3} {
		if !strings.Contains(string(list.Body), s.Matricule) || !strings.Contains(string(list.Body), `"username":"`+s.Username+`"`) {
			t.Fatalf("%s absent : %s", s.Matricule, list.Body)
		}
	}
	tk, _ = e.actFor(tk, s2.ID)
	claims := decodeClaims(t, tk.Access)
	af := claims["acting-for"].(map[string]any)
	if af["userId"] != s2.ID || af["matricule"] != s2.Matricule || claims["sub"] != d.ID {
		t.Fatalf("revendications : %v", claims)
	}
	m = e.expect(e.me(tk.Access), 200).JSON(t)
	if m["actingFor"].(map[string]any)["matricule"] != s2.Matricule || m["mustSelectDelegant"] != false {
		t.Fatalf("%v", m)
	}
	// The choice survives a refresh.
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": tk.Refresh}}), 200)
	claims = decodeClaims(t, r.JSON(t)["accessToken"].(string))
	if claims["acting-for"].(map[string]any)["userId"] != s2.ID {
		t.Fatalf("choix perdu au renouvellement : %v", claims)
	}
}

// §2.6: never oneself, one active delegation per pair, history kept.
func TestDelegationPairRules(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("paire")
	st := e.login(s)
	r := e.expect(e.addDelegate(st, s.ID), 422)
	if code(r) != "cannot_delegate_to_self" || r.Fields(t)["/userId"] == "" {
		t.Fatalf("%s", r.Body)
	}
	d := e.signUp("d")
	e.expect(e.addDelegate(st, d.ID), 201)
	if c := code(e.expect(e.addDelegate(st, d.ID), 409)); c != "conflict" {
		t.Fatal(c)
	}
	e.expect(e.removeDelegate(st, d.ID), 204)
	e.expect(e.removeDelegate(st, d.ID), 404)
	e.expect(e.addDelegate(st, d.ID), 201)
	var n int64
	e.dbCount(&n, "SELECT count(*) FROM delegations WHERE delegant_id = ? AND delegate_id = ?", s.ID, d.ID)
	if n != 2 {
		t.Fatalf("%d délégations, 2 attendues (historique conservé)", n)
	}
	e.expect(e.addDelegate(st, "00000000-0000-4000-8000-000000000000"), 404)
	if f := e.expect(e.addDelegate(st, "pas-un-uuid"), 400).Fields(t); f["/userId"] == "" {
		t.Fatal("uuid invalide accepté")
	}
}

// §2.1 and §2.3: only a surveyor acting in their own name delegates, and a
// délégataire cannot pass on rights, even with a validly signed hand-made token.
func TestNoReDelegation(t *testing.T) {
	e := newEnv(t)
	a := e.surveyor("a")
	b := e.surveyor("b") // délégataire of A, and a surveyor
	u := e.signUp("u")   // délégataire of A
	c := e.signUp("c")
	at := e.login(a)
	e.expect(e.addDelegate(at, b.ID), 201)
	e.expect(e.addDelegate(at, u.ID), 201)

	ut := e.login(u) // default: acts for A
	for _, r := range []resp{e.addDelegate(ut, c.ID), e.removeDelegate(ut, b.ID), e.delegates(ut),
		e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=" + c.Username, token: ut.Access})} {
		if r.Status != 403 || code(r) != "surveyor_only" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	}
	bt, _ := e.actFor(e.login(b), a.ID)
	if c := code(e.expect(e.addDelegate(bt, c.ID), 403)); c != "surveyor_only" {
		t.Fatal(c)
	}
	// B delegating in their own name gives C nothing of A's (no transitivity).
	bself := e.login(b)
	e.expect(e.addDelegate(bself, c.ID), 201)
	ct := e.login(c)
	if _, r := e.actFor(ct, a.ID); r.Status != 403 {
		t.Fatalf("%s", r.Body)
	}
	// A hand-made token, validly signed, acting for A in C's session.
	sid := decodeClaims(t, ct.Access)["sid"].(string)
	forged := e.forgeActingFor(c.ID, sid, a)
	if c := code(e.expect(e.dossiers(tokens{Access: forged}), 403)); c != "delegation_not_active" {
		t.Fatal(c)
	}
	// And U's own validly signed token acting for A still cannot manage A's délégataires.
	sid = decodeClaims(t, ut.Access)["sid"].(string)
	forged = e.forgeActingFor(u.ID, sid, a)
	e.expect(e.dossiers(tokens{Access: forged}), 200)
	if c := code(e.expect(e.addDelegate(tokens{Access: forged}, c.ID), 403)); c != "surveyor_only" {
		t.Fatal(c)
	}
	// A plain user acting for nobody cannot delegate either (§2.1).
	if c := code(e.expect(e.addDelegate(e.login(c), u.ID), 403)); c != "surveyor_only" {
		t.Fatal(c)
	}
}

// §5: the first délégataire requires a recent password change.
func TestFirstDelegateNeedsRecentPasswordChange(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("premier")
	d1, d2 := e.signUp("d1"), e.signUp("d2")
	e.agePassword(s, 30*24*time.Hour)
	st := e.login(s)
	r := e.expect(e.addDelegate(st, d1.ID), 403)
	if code(r) != "password_change_required" || !strings.Contains(r.JSON(t)["title"].(string), "premier délégataire") {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: st.Access,
		body: map[string]any{"currentPassword": s.Password, "newPassword": "nouvelle phrase de sécurité"}}), 204)
	e.expect(e.addDelegate(st, d1.ID), 201)
	// Only the first one: later, an old password does not block.
	e.agePassword(s, 30*24*time.Hour)
	e.expect(e.addDelegate(st, d2.ID), 201)

	// Changed 23 hours ago: no change asked.
	s2 := e.surveyor("recent")
	e.agePassword(s2, 23*time.Hour)
	e.expect(e.addDelegate(e.login(s2), d1.ID), 201)
}

func TestCandidateSearchIsExactAndDiscreet(t *testing.T) {
	e := newEnv(t)
	s := e.surveyor("chercheur")
	d := e.signUp("Cible")
	st := e.login(s)
	search := func(q string) resp {
		return e.do(req{method: "GET", path: "/api/v1/delegate-candidates?" + q, token: st.Access})
	}
	r := e.expect(search("username="+strings.ToUpper(d.Username)), 200)
	var list []map[string]any
	if err := jsonUnmarshal(r.Body, &list); err != nil || len(list) != 1 {
		t.Fatalf("%s", r.Body)
	}
	if len(list[0]) != 5 || list[0]["userId"] != d.ID || list[0]["lastName"] != "Descartes" || list[0]["email"] != d.Email {
		t.Fatalf("champs : %v", list[0])
	}
	e.expect(search("email="+strings.ToUpper(d.Email)), 200)
	if r := e.expect(search("username="+d.Username[:len(d.Username)-2]), 200); string(r.Body) != "[]\n" && string(r.Body) != "[]" {
		t.Fatalf("une correspondance partielle révèle un compte : %s", r.Body)
	}
	e.expect(search(""), 400)
	e.expect(search("username=a&email=b@c.qc.ca"), 400)
}

func TestCandidateSearchIsRateLimited(t *testing.T) {
	l := generous
	l.CandidateSearch.Burst, l.CandidateSearch.Every = 3, time.Hour
	e := newEnv(t, l)
	st := e.login(e.surveyor("presse"))
	var r resp
	for i := 0; i < 4; i++ {
		r = e.do(req{method: "GET", path: "/api/v1/delegate-candidates?username=quelquun" + string(rune('a'+i)), token: st.Access})
	}
	assert429(t, r)
}

// §2.1: a surveyor whose status is withdrawn delegates nothing any more,
// whether the délégataire's token names them or relies on the default.
func TestWithdrawnSurveyorDelegatesNothing(t *testing.T) {
	e := newEnv(t)
	adm := e.admin()
	a := e.surveyor("retire")
	e.dossier(a, "cadastre")
	d := e.signUp("orphelin")
	e.expect(e.addDelegate(e.login(a), d.ID), 201)
	chosen := e.login(d) // acts for A by default
	e.expect(e.dossiers(chosen), 200)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + a.Matricule, token: adm.Access}), 204)
	if c := code(e.expect(e.dossiers(chosen), 403)); c != "delegation_not_active" {
		t.Fatal(c)
	}
	if c := code(e.expect(e.dossiers(e.login(d)), 403)); c != "no_delegation" {
		t.Fatal(c)
	}
	if r := e.expect(e.do(req{method: "GET", path: "/api/v1/delegants", token: e.login(d).Access}), 200); string(r.Body) != "[]" && string(r.Body) != "[]\n" {
		t.Fatalf("%s", r.Body)
	}
}
