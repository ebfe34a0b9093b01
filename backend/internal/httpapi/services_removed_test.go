package httpapi_test

import (
	"testing"
)

// Every delegable service refuses a removed délégataire, with the token they
// were given while the delegation was in force, and records nothing.
func TestEveryServiceRefusesARemovedDelegate(t *testing.T) {
	e := newEnv(t)
	o := e.office()
	e.expect(e.removeDelegate(o.st, o.d.ID), 204)
	before := len(activitiesOf(t, o.s.ID))
	calls := []req{
		{method: "GET", path: "/api/v1/dossiers"},
		{method: "GET", path: "/api/v1/dossiers/" + o.cadastre},
		{method: "GET", path: "/api/v1/dossiers/" + o.cadastre + "/messages"},
		{method: "POST", path: "/api/v1/dossiers/" + o.arpentage + "/closing-date-extensions", body: map[string]any{"newClosingDate": "2031-01-31", "reason": "Motif valable"}},
		{method: "GET", path: "/api/v1/communiques"},
		{method: "POST", path: "/api/v1/lot-reservations", body: map[string]any{"dossierNumber": o.cadastre, "lotCount": 1}},
		{method: "GET", path: "/api/v1/lot-reservations"},
		{method: "POST", path: "/api/v1/lot-correction-checks", body: map[string]any{"lots": []string{"1234567"}}},
		{method: "GET", path: "/api/v1/lot-correction-checks"},
		{method: "POST", path: "/api/v1/product-orders", body: map[string]any{"productType": "fiche_lot", "lots": []string{"1234567"}, "quantity": 1, "format": "pdf"}},
		{method: "GET", path: "/api/v1/product-orders"},
		{method: "GET", path: "/api/v1/dm-prevalidations"},
	}
	for _, c := range calls {
		c.token = o.dt.Access
		r := e.do(c)
		if r.Status != 403 || code(r) != "delegation_not_active" {
			t.Errorf("%s %s : %d %s", c.method, c.path, r.Status, r.Body)
		}
	}
	if r := e.upload("/api/v1/dm-prevalidations", o.dt, "dm.xml", dmXML(o.s.Matricule, o.cadastre, "6500001")); r.Status != 403 {
		t.Errorf("prévalidation : %d %s", r.Status, r.Body)
	}
	if after := len(activitiesOf(t, o.s.ID)); after != before {
		t.Fatalf("%d activité(s) écrite(s) après la suppression", after-before)
	}
}
