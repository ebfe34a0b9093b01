package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
)

// The cast of the authorization suites (SPEC §17): every kind of caller the
// rules of §1-§5 distinguish, each with its own session, built once through
// the API and reused by every case.

// azOutcome is what one request must get: allowed (status 0: anything but
// 401 and 403, and a status the contract declares for the operation), or a
// refusal with its status and stable problem code.
type azOutcome struct {
	status int
	code   string
}

var (
	azAllowed         = azOutcome{}
	azUnauthenticated = azOutcome{401, "unauthenticated"}
	azNoDelegation    = azOutcome{403, "no_delegation"}
	azMustSelect      = azOutcome{403, "delegant_selection_required"}
	azNotActive       = azOutcome{403, "delegation_not_active"}
	azSurveyorOnly    = azOutcome{403, "surveyor_only"}
	azAdminOnly       = azOutcome{403, "admin_only"}
	azAPITokenRefused = azOutcome{403, "api_token_not_allowed"}
	// azServiceNotDelegated: a service the délégant did not grant (§11).
	azServiceNotDelegated = azOutcome{403, "service_not_delegated"}
	// azReauthRequired: granting asks for a recent password entry (§12).
	azReauthRequired = azOutcome{403, "reauthentication_required"}
)

func (o azOutcome) String() string {
	if o.status == 0 {
		return "autorisé"
	}
	return strconv.Itoa(o.status) + " " + o.code
}

// azIdentity is one caller: who is logged in, what their token claims, and
// what SPEC says they get for each kind of operation.
type azIdentity struct {
	name      string
	actor     user
	tok       tokens // empty for the anonymous caller
	principal *user  // whom their allowed requests act for (data of the requests)

	delegable azOutcome // a service of §3 done in a surveyor's name (§4)
	ownName   azOutcome // managing délégataires (§5), dépôt d'une DM (§3)
	ministry  azOutcome // administration (§1)
	inPerson  azOutcome // the password and API tokens: not through an API token (§14); zero: allowed
	// services granted by the délégant acted for (§11); nil: every one.
	services []string

	// « Sélection d'un délégant » of the surveyor they would naturally pick.
	selectTarget *user
	selectGets   azOutcome
}

func (id *azIdentity) anonymous() bool { return id.tok.Access == "" }

// azSurveyorData is what a surveyor owns, so that requests made in their
// name can succeed.
type azSurveyorData struct {
	cadastre, arpentage string // dossier numbers
	message             string // id of a message on the cadastre dossier
}

// azWorld is the cast and its data.
type azWorld struct {
	e *env

	a, b, z    user // délégants A and B; Z never delegated to anyone
	s, s2, s3  user // surveyors: S acts for themself, S2 and S3 are délégataires of A
	f          user // a surveyor whose status the administrator withdraws
	adminUser  user
	candidate  user   // a user nobody delegated to, whom surveyors may add
	grantee    user   // a user the administrator may make a surveyor
	victim     user   // a surveyor the administrator may withdraw
	loginUser  user   // logs in during the cases
	apiSecret  string // an API token of loginUser, exchanged during the cases (§14)
	apiTokenID string // its id: every other caller's revocation of it is a 404
	adminTok   tokens
	data       map[string]azSurveyorData // by surveyor id
	communique string
	lot        string // a lot of the cadastre, in force
	ids        []*azIdentity
	seq        atomic.Int64
}

// azTokenSID reads the session id of an access token (no verification: the
// token is the server's own).
func azTokenSID(t testing.TB, tok string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("jeton inattendu : %q", tok)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		SID string `json:"sid"`
	}
	if err := json.Unmarshal(raw, &c); err != nil || c.SID == "" {
		t.Fatalf("sid absent : %s", raw)
	}
	return c.SID
}

// next returns a number unique within the run (dossier numbers, lots, dates).
func (w *azWorld) next() int64 { return w.seq.Add(1) }

// dossierNumber returns a fresh 7-digit dossier number.
func (w *azWorld) dossierNumber() string {
	return strconv.FormatInt(1000000+matriculeSeq.Add(1)%8999999, 10)
}

// dataOf returns what the surveyor a request acts for owns (A's when the
// identity acts for nobody: its requests are refused before any lookup).
func (w *azWorld) dataOf(id *azIdentity) (user, azSurveyorData) {
	p := w.a
	if id.principal != nil {
		p = *id.principal
	}
	return p, w.data[p.ID]
}

// withClaim returns a token of a new session of u whose acting-for claim
// names s: a claim the server would not have issued, signed with its key.
// Only the live check of §4 stands between it and s's services.
func (w *azWorld) withClaim(u user, s user) tokens {
	tk := w.e.login(u)
	return tokens{Access: w.e.forgeActingFor(u.ID, azTokenSID(w.e.t, tk.Access), s), Refresh: tk.Refresh}
}

func newAzWorld(e *env) *azWorld {
	e.t.Helper()
	w := &azWorld{e: e, data: map[string]azSurveyorData{}}
	admin := e.signUp("azadmin")
	if err := e.acc.SetAdmin(e.t.Context(), uuid.MustParse(admin.ID)); err != nil {
		e.t.Fatal(err)
	}
	w.adminUser = admin
	w.adminTok = e.login(admin)

	w.a, w.b, w.z = e.surveyor("aza"), e.surveyor("azb"), e.surveyor("azz")
	w.s, w.s2, w.s3, w.f = e.surveyor("azs"), e.surveyor("azsdeux"), e.surveyor("azstrois"), e.surveyor("azf")
	w.candidate, w.grantee, w.loginUser = e.signUp("azcand"), e.signUp("azgrant"), e.signUp("azlogin")
	w.victim = e.surveyor("azvict")
	for _, s := range []user{w.a, w.b, w.z, w.s, w.s2, w.s3, w.f} {
		d := azSurveyorData{cadastre: e.dossier(s, "cadastre"), arpentage: e.dossier(s, "arpentage")}
		m := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/dossiers/" + d.cadastre + "/messages", token: w.adminTok.Access,
			body: map[string]any{"subject": "Avis", "body": "Pièce manquante au dossier."}}), 201).JSON(e.t)
		d.message = m["id"].(string)
		w.data[s.ID] = d
	}
	c := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/communiques", token: w.adminTok.Access,
		body: map[string]any{"subject": "Communiqué", "body": "Nouvelle version du guide."}}), 201).JSON(e.t)
	w.communique = c["id"].(string)
	w.ensureLot()

	at, bt, ft := e.login(w.a), e.login(w.b), e.login(w.f)

	// Plain users and their délégants.
	u0 := e.signUp("azsans")  // nobody delegated to them
	d1 := e.signUp("azdeleg") // délégataire of A only
	d1early := e.login(d1)    // logged in before the delegation existed: acting-for null
	d2 := e.signUp("azdeux")  // délégataire of A and B
	dR, dN, dF := e.signUp("azretire"), e.signUp("azrenonce"), e.signUp("azdefunt")
	for _, d := range []user{d1, d2, dR, dN} {
		e.expect(e.addDelegate(at, d.ID), 201)
	}
	e.expect(e.addDelegate(bt, d2.ID), 201)
	e.expect(e.addDelegate(ft, dF.ID), 201)
	dL := e.signUp("azlots") // délégataire of B for lot reservations only (§11)
	e.expect(e.do(req{method: "POST", path: "/api/v1/delegates", token: bt.Access,
		body: map[string]any{"userId": dL.ID, "services": []string{"lot_reservation"}}}), 201)
	for _, s := range []user{w.s2, w.s3} {
		e.expect(e.addDelegate(at, s.ID), 201)
	}

	d1tok := e.login(d1) // default: their only délégant, A
	dLtok := e.login(dL)
	d2none := e.login(d2)
	d2b, _ := e.actFor(e.login(d2), w.b.ID)
	dRtok := e.login(dR)
	dNtok := e.login(dN)
	dFtok := e.login(dF)
	s2forA, _ := e.actFor(e.login(w.s2), w.a.ID)
	s2self := e.login(w.s2)
	s3forA, _ := e.actFor(e.login(w.s3), w.a.ID)
	fOld := e.login(w.f)
	stok := e.login(w.s)

	// What happens next ends delegations and a surveyor status (§2.5, §2.1).
	e.expect(e.removeDelegate(at, dR.ID), 204)
	e.expect(e.renounce(e.login(dN), w.a.ID), 204)
	e.expect(e.removeDelegate(at, w.s3.ID), 204)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + w.f.Matricule, token: w.adminTok.Access}), 204)
	fNew := e.login(w.f)
	dRnew := e.login(dR)

	// API tokens (§14): loginUser's, exchanged by the cases; S's own, and
	// one of D1 exchanged naming A.
	lt := e.createAPIToken(e.login(w.loginUser), "Logiciel de la matrice", quebecDay(30))
	w.apiSecret, w.apiTokenID = lt["token"].(string), lt["id"].(string)
	sAPI := e.apiAccess(e.createAPIToken(e.login(w.s), "Logiciel de S", quebecDay(30))["token"].(string))
	d1API := e.apiAccess(e.createAPIToken(e.login(d1), "Logiciel de D1", quebecDay(30))["token"].(string), w.a.ID)

	unknown := user{ID: uuid.NewString(), Matricule: "1"}
	a, b, s, s2, f := w.a, w.b, w.s, w.s2, w.f
	ok := azAllowed

	// Expectations, from SPEC §1-§5 (not from the server's table):
	//   - a delegable service is done for the surveyor acted for: oneself as a surveyor, or a
	//     surveyor whose delegation is in force now (§2.5, §4); with nobody: no_delegation (§4);
	//     several délégants and no choice: delegant_selection_required (§4); a claim naming anyone
	//     who is not, or no longer, a live délégant: delegation_not_active (§2.1, §2.5);
	//   - managing délégataires and the dépôt: a surveyor acting in their own name only (§3, §5);
	//   - administration: the ministry only (§1), whoever the token says they act for.
	w.ids = []*azIdentity{
		{name: "anonyme", delegable: azUnauthenticated, ownName: azUnauthenticated, ministry: azUnauthenticated,
			selectGets: azUnauthenticated},
		{name: "utilisateur sans délégant", actor: u0, tok: e.login(u0),
			delegable: azNoDelegation, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &u0, selectGets: azNotActive},
		{name: "délégataire de A, délégation en vigueur", actor: d1, tok: d1tok, principal: &a,
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire de A, jeton d'avant la délégation (acting-for nul)", actor: d1, tok: d1early, principal: &a,
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire de A, revendique Z qui ne lui a rien délégué", actor: d1, tok: w.withClaim(d1, w.z),
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire de A, revendique agir pour lui-même", actor: d1, tok: w.withClaim(d1, d1),
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire de A, revendique un utilisateur inexistant", actor: d1, tok: w.withClaim(d1, unknown),
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire de B pour la réservation de lot seulement", actor: dL, tok: dLtok, principal: &b, services: []string{"lot_reservation"},
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &b, selectGets: ok},
		{name: "délégataire de A et B, aucun choix", actor: d2, tok: d2none,
			delegable: azMustSelect, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &b, selectGets: ok},
		{name: "délégataire de A et B, agit pour B", actor: d2, tok: d2b, principal: &b,
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "délégataire retiré par A, ancien jeton", actor: dR, tok: dRtok,
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: azNotActive},
		{name: "délégataire retiré par A, nouvelle connexion", actor: dR, tok: dRnew,
			delegable: azNoDelegation, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: azNotActive},
		{name: "délégataire ayant renoncé, ancien jeton", actor: dN, tok: dNtok,
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: azNotActive},
		{name: "délégataire d'un ancien arpenteur-géomètre", actor: dF, tok: dFtok,
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &f, selectGets: azNotActive},
		{name: "arpenteur-géomètre pour lui-même", actor: s, tok: stok, principal: &s,
			delegable: ok, ownName: ok, ministry: azAdminOnly, selectTarget: &s, selectGets: ok},
		{name: "arpenteur-géomètre, revendique Z qui ne lui a rien délégué", actor: s, tok: w.withClaim(s, w.z),
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &s, selectGets: ok},
		{name: "arpenteur-géomètre délégataire de A, agit pour A", actor: s2, tok: s2forA, principal: &a,
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &s2, selectGets: ok},
		{name: "arpenteur-géomètre délégataire de A, agit pour lui-même", actor: s2, tok: s2self, principal: &s2,
			delegable: ok, ownName: ok, ministry: azAdminOnly, selectTarget: &a, selectGets: ok},
		{name: "arpenteur-géomètre retiré par A, ancien jeton pour A", actor: w.s3, tok: s3forA,
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &a, selectGets: azNotActive},
		{name: "ancien arpenteur-géomètre, ancien jeton", actor: f, tok: fOld,
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &f, selectGets: azNotActive},
		{name: "ancien arpenteur-géomètre, nouvelle connexion", actor: f, tok: fNew,
			delegable: azNoDelegation, ownName: azSurveyorOnly, ministry: azAdminOnly, selectTarget: &f, selectGets: azNotActive},
		{name: "arpenteur-géomètre par jeton d'intégration", actor: s, tok: sAPI, principal: &s,
			delegable: ok, ownName: ok, ministry: azAdminOnly, inPerson: azAPITokenRefused, selectTarget: &s, selectGets: ok},
		{name: "délégataire de A par jeton d'intégration (delegantId A)", actor: d1, tok: d1API, principal: &a,
			delegable: ok, ownName: azSurveyorOnly, ministry: azAdminOnly, inPerson: azAPITokenRefused, selectTarget: &a, selectGets: ok},
		{name: "administrateur", actor: admin, tok: e.login(admin),
			delegable: azNoDelegation, ownName: azSurveyorOnly, ministry: ok, selectTarget: &a, selectGets: azNotActive},
		{name: "administrateur, revendique agir pour A", actor: admin, tok: w.withClaim(admin, a),
			delegable: azNotActive, ownName: azSurveyorOnly, ministry: ok, selectTarget: &a, selectGets: azNotActive},
	}
	return w
}

// identity returns the identity of that name (the forged-token suite
// borrows the surveyor acting for themself).
func (w *azWorld) identity(name string) *azIdentity {
	for _, id := range w.ids {
		if id.name == name {
			return id
		}
	}
	w.e.t.Fatalf("identité inconnue : %s", name)
	return nil
}
