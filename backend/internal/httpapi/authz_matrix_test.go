package httpapi_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"espace/backend/internal/portal"
	"espace/backend/internal/testdb"
)

// azAccess is what SPEC requires of the caller of an operation. This table is
// written from SPEC §1-§5, §10 and the contract, on purpose apart from the
// server's own table of needs, so that the two must agree case by case.
type azAccess int

const (
	azOpen      azAccess = iota // no authentication (sign-up, login, recovery, health)
	azSession                   // any authenticated user, whomever they act for
	azDelegable                 // a service done in a surveyor's name: oneself as surveyor or a live délégant
	azOwnName                   // a surveyor acting in their own name, never a délégataire
	azMinistry                  // an administrator
	azInPerson                  // any authenticated user, in a session opened with their password (§14)
	azGranting                  // granting a délégataire: own name, and a recent password entry that an API token never is (§12, §14)
)

// azVariant is one valid-shaped request of an operation, built for the
// identity sending it (its principal's dossiers, messages, matricule).
type azVariant struct {
	name   string
	params func(w *azWorld, id *azIdentity) map[string]string
	query  func(w *azWorld, id *azIdentity) string
	body   func(w *azWorld, id *azIdentity) any
	upload func(w *azWorld, id *azIdentity) string // DM file sent as multipart/form-data
	expect func(id *azIdentity, rule azOutcome) azOutcome
	// succeeds: when allowed, the request must succeed (2xx). Set on the
	// requests that name the principal's own records, so that success also
	// shows the server acted for the expected surveyor (404 or 422 otherwise).
	succeeds bool
}

type azRule struct {
	access   azAccess
	spec     string
	variants []azVariant
}

func azPrincipalDossier(kind string) func(w *azWorld, id *azIdentity) map[string]string {
	return func(w *azWorld, id *azIdentity) map[string]string {
		_, d := w.dataOf(id)
		if kind == "arpentage" {
			return map[string]string{"number": d.arpentage}
		}
		return map[string]string{"number": d.cadastre}
	}
}

func azDM(w *azWorld, id *azIdentity) string {
	p, d := w.dataOf(id)
	return dmXML(p.Matricule, d.cadastre, strconv.FormatInt(6000000+w.next()%999999, 10))
}

// azRules has one row per operation of the contract; a new operation fails
// the matrix until it gets one.
var azRules = map[string]azRule{
	// Operations (health) and §1, §10: what anyone may do without logging in.
	"getHealth":    {azOpen, "exploitation", []azVariant{{name: "vivant"}}},
	"getReadiness": {azOpen, "exploitation", []azVariant{{name: "prêt"}}},
	"createAccount": {azOpen, "§1 n'importe qui crée un identifiant", []azVariant{{name: "nouvel identifiant",
		body: func(w *azWorld, id *azIdentity) any {
			n := "azcompte" + strconv.FormatInt(w.next(), 10) + testdb.Suffix()
			return map[string]any{"username": n, "email": n + "@exemple.qc.ca", "firstName": "Gabrielle", "lastName": "Martin", "password": goodPassword}
		}}}},
	"login": {azOpen, "§10 connexion", []azVariant{{name: "bons identifiants",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"username": w.loginUser.Username, "password": w.loginUser.Password}
		}}}},
	"refreshSession": {azOpen, "§10 le jeton de renouvellement authentifie, pas le porteur", []azVariant{{name: "jeton de renouvellement valide",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"refreshToken": w.e.login(w.loginUser).Refresh}
		}}}},
	"requestPasswordReset": {azOpen, "§1 récupération", []azVariant{{name: "compte inconnu",
		body: func(w *azWorld, id *azIdentity) any { return map[string]any{"username": "azinconnu" + testdb.Suffix()} }}}},
	"resetPassword": {azOpen, "§1 récupération", []azVariant{{name: "jeton inconnu",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"token": "jeton-inconnu-" + testdb.Suffix(), "newPassword": goodPassword}
		}}}},
	"requestUsernameReminder": {azOpen, "§1 récupération", []azVariant{{name: "adresse inconnue",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"email": "inconnu-" + testdb.Suffix() + "@exemple.qc.ca"}
		}}}},

	// §10, §4, §6: what any logged-in user may do for themself.
	"logout": {azSession, "§10 quitter la session", []azVariant{{name: "sa session"}}},
	"getMe":  {azSession, "§10, §4 qui suis-je, pour qui j'agis", []azVariant{{name: "moi"}}},
	"exchangeApiToken": {azOpen, "§14 le jeton d'intégration authentifie, pas le porteur", []azVariant{{name: "jeton d'intégration valide",
		body: func(w *azWorld, id *azIdentity) any { return map[string]any{"apiToken": w.apiSecret} }}}},
	"listApiTokens": {azInPerson, "§14 ses jetons d'intégration, jamais par un jeton d'intégration", []azVariant{{name: "mes jetons"}}},
	"createApiToken": {azInPerson, "§14 créer un jeton d'intégration", []azVariant{{name: "nom et échéance",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"name": "Logiciel " + strconv.FormatInt(w.next(), 10), "expiresOn": quebecDay(60)}
		}}}},
	"revokeApiToken": {azInPerson, "§14 révoquer (le sien seulement : 404 sinon)", []azVariant{{name: "jeton d'un autre utilisateur",
		params: func(w *azWorld, id *azIdentity) map[string]string { return map[string]string{"tokenId": w.apiTokenID} }}}},
	"changeMyPassword": {azInPerson, "§5 changement de mot de passe (le sien), §14 jamais par un jeton d'intégration", []azVariant{{name: "ancien mot de passe erroné",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"currentPassword": "pas le bon mot de passe", "newPassword": "une autre phrase de passe"}
		}}}},
	"selectDelegant": {azSession, "§4 sélection d'un délégant : soi-même (arpenteur) ou un délégant en vigueur", []azVariant{
		{name: "son délégant ou soi-même",
			body: func(w *azWorld, id *azIdentity) any {
				target := w.a.ID
				if id.selectTarget != nil {
					target = id.selectTarget.ID
				}
				return map[string]any{"delegantId": target}
			},
			expect: func(id *azIdentity, rule azOutcome) azOutcome {
				if rule != azAllowed {
					return rule
				}
				return id.selectGets
			}},
		{name: "arpenteur qui ne lui a rien délégué",
			body: func(w *azWorld, id *azIdentity) any { return map[string]any{"delegantId": w.z.ID} },
			expect: func(id *azIdentity, rule azOutcome) azOutcome {
				if rule != azAllowed {
					return rule
				}
				return azNotActive
			}},
	}},
	"listDelegants": {azSession, "§4 les arpenteurs pour qui je peux agir", []azVariant{{name: "mes délégants"}}},
	"renounceDelegation": {azSession, "§2.5 le délégataire renonce (à ses propres délégations seulement)", []azVariant{{name: "arpenteur qui ne lui a rien délégué",
		params: func(w *azWorld, id *azIdentity) map[string]string { return map[string]string{"userId": w.z.ID} }}}},
	"listActivities":     {azSession, "§6 ce que j'ai fait ou ce qu'on a fait pour moi", []azVariant{{name: "première page"}}},
	"exportActivities":   {azSession, "§6 exportation de la même vue", []azVariant{{name: "Excel", query: func(*azWorld, *azIdentity) string { return "format=xlsx" }}}},
	"getActivityFilters": {azSession, "§6 valeurs des filtres", []azVariant{{name: "filtres"}}},
	"reauthenticate": {azInPerson, "§12 confirmer son identité (son propre mot de passe), §14 jamais par un jeton d'intégration", []azVariant{{name: "mot de passe erroné",
		body: func(w *azWorld, id *azIdentity) any { return map[string]any{"password": "pas le bon mot de passe"} }}}},

	// §5, §2.3, §3: the surveyor in their own name only.
	"listDelegates": {azOwnName, "§5 gestion des délégataires", []azVariant{{name: "mes délégataires"}}},
	"addDelegate": {azGranting, "§5, §2.3 désigner un délégataire (pas de re-délégation), §12 authentification récente", []azVariant{{name: "un utilisateur",
		body: func(w *azWorld, id *azIdentity) any { return map[string]any{"userId": w.candidate.ID} }}}},
	"updateDelegate": {azOwnName, "§11 le délégant seul modifie la délégation", []azVariant{{name: "un utilisateur",
		params: func(w *azWorld, id *azIdentity) map[string]string { return map[string]string{"userId": w.candidate.ID} },
		body:   func(w *azWorld, id *azIdentity) any { return map[string]any{"services": []string{"lot_reservation"}} }}}},
	"removeDelegate": {azOwnName, "§5, §2.5 le délégant seul met fin", []azVariant{{name: "un utilisateur",
		params: func(w *azWorld, id *azIdentity) map[string]string { return map[string]string{"userId": w.candidate.ID} }}}},
	"searchDelegateCandidates": {azOwnName, "§5 rechercher un délégataire", []azVariant{{name: "par nom d'utilisateur",
		query: func(w *azWorld, id *azIdentity) string { return "username=" + w.candidate.Username }}}},
	"depositDm":      {azOwnName, "§3 dépôt d'une DM : jamais délégué", []azVariant{{name: "DM valide", upload: azDM, succeeds: true}}},
	"listDmDeposits": {azOwnName, "§3 dépôts de DM", []azVariant{{name: "page"}}},

	// §3, §4, §7: services done in the name of the surveyor acted for.
	"listDossiers":        {azDelegable, "§3 suivi des dossiers", []azVariant{{name: "tous"}}},
	"getDossier":          {azDelegable, "§3 consulter un dossier", []azVariant{{name: "dossier du cadastre", params: azPrincipalDossier("cadastre"), succeeds: true}}},
	"listDossierMessages": {azDelegable, "§3, §7 messages d'un dossier", []azVariant{{name: "dossier du cadastre", params: azPrincipalDossier("cadastre"), succeeds: true}}},
	"markDossierMessageRead": {azDelegable, "§7 lu par un délégataire = lu par l'arpenteur", []azVariant{{name: "message du dossier", succeeds: true,
		params: func(w *azWorld, id *azIdentity) map[string]string {
			_, d := w.dataOf(id)
			return map[string]string{"number": d.cadastre, "messageId": d.message}
		}}}},
	"extendClosingDate": {azDelegable, "§3 prolongement de la date de fermeture", []azVariant{{name: "dossier d'arpentage", succeeds: true,
		params: azPrincipalDossier("arpentage"),
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"newClosingDate": time.Now().AddDate(0, 0, 60+int(w.next())).Format("2006-01-02"), "reason": "Attente d'un certificat"}
		}}}},
	"listCommuniques": {azDelegable, "§7, §11 communiqués (tout service)", []azVariant{{name: "tous"}}},
	"markCommuniqueRead": {azDelegable, "§7 état de lecture de l'arpenteur", []azVariant{{name: "le communiqué", params: func(w *azWorld, id *azIdentity) map[string]string {
		return map[string]string{"communiqueId": w.communique}
	}}}},
	"reserveLots": {azDelegable, "§3 réservation de lots", []azVariant{{name: "un lot", succeeds: true,
		body: func(w *azWorld, id *azIdentity) any {
			_, d := w.dataOf(id)
			return map[string]any{"dossierNumber": d.cadastre, "lotCount": 1}
		}}}},
	"listLotReservations": {azDelegable, "§3 réservations de lots", []azVariant{{name: "page"}}},
	"checkLotCorrection": {azDelegable, "§3 vérification de la correction de lots", []azVariant{{name: "un lot",
		body: func(w *azWorld, id *azIdentity) any { return map[string]any{"lots": []string{w.lot}} }}}},
	"listLotCorrectionChecks": {azDelegable, "§3 vérifications", []azVariant{{name: "page"}}},
	"orderProducts": {azDelegable, "§3 commande de produits cadastraux", []azVariant{{name: "fiche de lot",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"productType": "fiche_lot", "lots": []string{w.lot}, "quantity": 1, "format": "pdf"}
		}}}},
	"listProductOrders":    {azDelegable, "§3 commandes", []azVariant{{name: "page"}}},
	"prevalidateDm":        {azDelegable, "§3 prévalidation d'une DM", []azVariant{{name: "DM valide", upload: azDM, succeeds: true}}},
	"listDmPrevalidations": {azDelegable, "§3 prévalidations", []azVariant{{name: "page"}}},

	// §1, §13, §15: the ministry.
	"postDossierMessage": {azMinistry, "§1 l'administrateur publie des messages", []azVariant{{name: "dossier de A",
		params: func(w *azWorld, id *azIdentity) map[string]string {
			return map[string]string{"number": w.data[w.a.ID].cadastre}
		},
		body: func(*azWorld, *azIdentity) any {
			return map[string]any{"subject": "Avis", "body": "Veuillez compléter le dossier."}
		}}}},
	"postCommunique": {azMinistry, "§1 l'administrateur publie des communiqués", []azVariant{{name: "communiqué",
		body: func(*azWorld, *azIdentity) any {
			return map[string]any{"subject": "Avis", "body": "Maintenance samedi."}
		}}}},
	"listSurveyors":           {azMinistry, "§1, §15 arpenteurs inscrits", []azVariant{{name: "tous"}}},
	"listAdminActivities":     {azMinistry, "§13 journal d'administration", []azVariant{{name: "tout le journal"}}},
	"getAdminActivityFilters": {azMinistry, "§13, §15 filtres du journal d'administration", []azVariant{{name: "tout le journal"}}},
	"exportAdminActivities": {azMinistry, "§13 exportation du journal d'administration", []azVariant{{name: "Excel",
		query: func(*azWorld, *azIdentity) string { return "format=xlsx" }}}},
	"grantSurveyor": {azMinistry, "§1 statut accordé par le ministère, jamais autodéclaré", []azVariant{{name: "un utilisateur",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"username": w.grantee.Username, "matricule": strconv.FormatInt(500000+matriculeSeq.Add(1)%499999, 10)}
		}}}},
	"revokeSurveyor": {azMinistry, "§1, §13 retrait du statut", []azVariant{{name: "un arpenteur",
		params: func(w *azWorld, id *azIdentity) map[string]string {
			return map[string]string{"matricule": w.victim.Matricule}
		}}}},
	"createDossier": {azMinistry, "§1 l'administrateur ouvre les dossiers", []azVariant{{name: "dossier de A",
		body: func(w *azWorld, id *azIdentity) any {
			return map[string]any{"number": w.dossierNumber(), "kind": "cadastre", "matricule": w.a.Matricule, "title": "Lot 1 234 567"}
		}}}},
}

// azServiceOf is the service of §3 each delegable request uses, from SPEC
// §11 (apart from the server's table): a délégataire whose delegation does
// not grant it gets service_not_delegated. "" is a request any granted
// service allows (communiqués, the dossier list without a kind).
var azServiceOf = map[string]string{
	"listDossiers": "", "getDossier": "cadastre_dossiers", "listDossierMessages": "cadastre_dossiers",
	"markDossierMessageRead": "cadastre_dossiers", "extendClosingDate": "survey_dossiers",
	"listCommuniques": "", "markCommuniqueRead": "",
	"reserveLots": "lot_reservation", "listLotReservations": "lot_reservation",
	"checkLotCorrection": "lot_correction_check", "listLotCorrectionChecks": "lot_correction_check",
	"orderProducts": "product_order", "listProductOrders": "product_order",
	"prevalidateDm": "dm_prevalidation", "listDmPrevalidations": "dm_prevalidation",
}

// azScoped narrows an allowed delegable outcome by the identity's services.
func azScoped(opID string, access azAccess, id *azIdentity, want azOutcome) azOutcome {
	if access != azDelegable || want != azAllowed || id.services == nil {
		return want
	}
	svc, ok := azServiceOf[opID]
	if !ok {
		return azOutcome{500, "service inconnu de la matrice"}
	}
	if svc == "" || slices.Contains(id.services, svc) {
		return want
	}
	return azServiceNotDelegated
}

// azRunsLast orders the operations that change the caller's own session
// after every other, so that no case depends on the order of the others.
var azRunsLast = map[string]int{"selectDelegant": 1, "logout": 2}

// azOperation is an operation as the contract states it.
type azOperation struct {
	id, method, path string
	public           bool
	declared         map[int]bool // response statuses of the contract
}

// azContract lists every operation of openapi.yaml, in a stable order.
func azContract(t *testing.T) []azOperation {
	t.Helper()
	spec := contract(t)
	var ops []azOperation
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			o := azOperation{id: azLowerFirst(op.OperationID), method: method, path: path, declared: map[int]bool{},
				public: op.Security != nil && len(*op.Security) == 0}
			for code := range op.Responses.Map() {
				if n, err := strconv.Atoi(code); err == nil {
					o.declared[n] = true
				}
			}
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if azRunsLast[ops[i].id] != azRunsLast[ops[j].id] {
			return azRunsLast[ops[i].id] < azRunsLast[ops[j].id]
		}
		return ops[i].path+" "+ops[i].method < ops[j].path+" "+ops[j].method
	})
	return ops
}

// azLowerFirst undoes the capital the generated copy of the contract gives
// operation ids (openapi.yaml spells them lowerCamelCase).
func azLowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var azPathParam = regexp.MustCompile(`\{([^}]+)\}`)

// request builds the variant's request for an identity, on the contract's
// path of the operation.
func (w *azWorld) request(t *testing.T, op azOperation, v azVariant, id *azIdentity) req {
	t.Helper()
	var params map[string]string
	if v.params != nil {
		params = v.params(w, id)
	}
	path := azPathParam.ReplaceAllStringFunc(op.path, func(m string) string {
		name := m[1 : len(m)-1]
		val, ok := params[name]
		if !ok {
			t.Fatalf("%s : paramètre de chemin %s non fourni", op.id, name)
		}
		return val
	})
	if v.query != nil {
		path += "?" + v.query(w, id)
	}
	r := req{method: op.method, path: path, token: id.tok.Access}
	switch {
	case v.upload != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		part, _ := mw.CreateFormFile("file", "dm.xml")
		_, _ = io.WriteString(part, v.upload(w, id))
		_ = mw.Close()
		r.body = buf.String()
		r.header = map[string]string{"Content-Type": mw.FormDataContentType()}
	case v.body != nil:
		r.body = v.body(w, id)
	}
	return r
}

// expected is SPEC's answer for an identity on an operation of that access.
func azExpected(access azAccess, id *azIdentity) azOutcome {
	if access == azOpen {
		return azAllowed
	}
	if id.anonymous() {
		return azUnauthenticated
	}
	switch access {
	case azDelegable:
		return id.delegable
	case azOwnName:
		return id.ownName
	case azMinistry:
		return id.ministry
	case azInPerson:
		return id.inPerson
	case azGranting:
		if id.ownName == azAllowed && id.inPerson == azAPITokenRefused {
			return azReauthRequired
		}
		return id.ownName
	}
	return azAllowed
}

// check compares a response with the expected outcome; it returns a
// description of the mismatch, or "".
func azCheck(op azOperation, v azVariant, want azOutcome, got resp) string {
	if want == azAllowed {
		if got.Status == http.StatusUnauthorized || got.Status == http.StatusForbidden {
			return fmt.Sprintf("autorisé attendu, reçu %d %s", got.Status, code(got))
		}
		if v.succeeds && got.Status/100 != 2 {
			return fmt.Sprintf("succès attendu pour l'arpenteur-géomètre visé, reçu %d : %s", got.Status, azShow(got))
		}
		if !op.declared[got.Status] {
			return fmt.Sprintf("statut %d absent du contrat de l'opération : %s", got.Status, azShow(got))
		}
		return ""
	}
	if got.Status != want.status || code(got) != want.code {
		return fmt.Sprintf("%s attendu, reçu %d %s", want, got.Status, code(got))
	}
	if want.status == http.StatusUnauthorized && !strings.HasPrefix(got.Header.Get("WWW-Authenticate"), "Bearer ") {
		return "401 sans en-tête WWW-Authenticate Bearer"
	}
	return ""
}

// azShow is a response body fit for a failure message: JSON as is, files by
// their type and size.
func azShow(r resp) string {
	ct := r.Header.Get("Content-Type")
	if strings.Contains(ct, "json") {
		return string(r.Body)
	}
	return fmt.Sprintf("<%d octets %s>", len(r.Body), ct)
}

// withT returns the environment reporting to t (a subtest).
func (e *env) withT(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// The authorization matrix of SPEC §17: every operation of the contract ×
// every kind of caller, each answer stated from SPEC §1-§5 and §10.
func TestAuthorizationMatrix(t *testing.T) {
	e := newEnv(t)
	w := newAzWorld(e)
	ops := azContract(t)

	seen := map[string]bool{}
	cases, allowedByStatus := 0, map[int]int{}
	for _, op := range ops {
		seen[op.id] = true
		rule, ok := azRules[op.id]
		if !ok {
			t.Errorf("%s %s (%s) : aucune ligne dans la matrice d'autorisation", op.method, op.path, op.id)
			continue
		}
		if (rule.access == azOpen) != op.public {
			t.Errorf("%s : public=%v dans le contrat, accès %d dans la matrice", op.id, op.public, rule.access)
		}
		for _, v := range rule.variants {
			t.Run(op.id+"/"+v.name, func(t *testing.T) {
				ce := e.withT(t)
				statuses := map[int]int{}
				for _, id := range w.ids {
					want := azScoped(op.id, rule.access, id, azExpected(rule.access, id))
					if v.expect != nil {
						want = v.expect(id, want)
					}
					got := ce.do(w.request(t, op, v, id))
					cases++
					if msg := azCheck(op, v, want, got); msg != "" {
						t.Errorf("%s × %s (%s) : %s", op.id, id.name, rule.spec, msg)
					} else if want == azAllowed {
						allowedByStatus[got.Status]++
					}
					statuses[got.Status]++
				}
				t.Logf("statuts : %v", statuses)
			})
		}
	}
	for id := range azRules {
		if !seen[id] {
			t.Errorf("la matrice nomme %s, absente du contrat", id)
		}
	}
	if cases < 500 {
		t.Errorf("%d cas seulement", cases)
	}
	t.Logf("matrice d'autorisation : %d cas (%d opérations, %d identités); réponses autorisées par statut : %v",
		cases, len(ops), len(w.ids), allowedByStatus)
}

// ensureLot records a lot of the cadastre, in force, for the services that
// need an existing lot (correction check, product order).
func (w *azWorld) ensureLot() {
	w.lot = w.dossierNumber()
	if err := testdb.DB(w.e.t).Create(&portal.Lot{Number: w.lot, Status: "en_vigueur", UpdatedAt: time.Now().UTC()}).Error; err != nil {
		w.e.t.Fatal(err)
	}
}
