package httpapi

import (
	"encoding/json"
	"testing"

	"espace/api"
	"espace/backend/internal/apperr"
)

// The generated api.Problem writes the same bytes as RFC 9457's order:
// type, title, status, detail, instance, code, errors[{pointer, detail}],
// optional members left out when empty (x-order and
// x-go-type-skip-optional-pointer in the contract).
func TestProblemWireFormat(t *testing.T) {
	full := newProblem(409, api.ProblemCodeConflict, "Déjà fait.")
	full.Detail, full.Instance = "Plus de détail.", "/api/v1/x"
	full.Errors = []api.FieldError{{Pointer: "/number", Detail: "Ce numéro existe déjà."}}
	for _, c := range []struct {
		p    api.Problem
		want string
	}{
		{full, `{"type":"https://espace.cadastre.gouv.qc.ca/problemes/conflict","title":"Déjà fait.","status":409,` +
			`"detail":"Plus de détail.","instance":"/api/v1/x","code":"conflict","errors":[{"pointer":"/number","detail":"Ce numéro existe déjà."}]}`},
		{newProblem(404, api.ProblemCodeNotFound, "Ressource introuvable."),
			`{"type":"https://espace.cadastre.gouv.qc.ca/problemes/not_found","title":"Ressource introuvable.","status":404,"code":"not_found"}`},
	} {
		got, err := json.Marshal(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("problème :\n reçu   %s\n attendu %s", got, c.want)
		}
	}
}

// Each kind of domain error has its status.
func TestEveryKindHasAStatus(t *testing.T) {
	for k := apperr.KindInvalid; k < apperr.KindCount; k++ {
		if statusOfKind[k] == 0 {
			t.Errorf("apperr.Kind %d sans statut HTTP", k)
		}
	}
}
