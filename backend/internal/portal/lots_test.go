package portal

import (
	"strconv"
	"strings"
	"testing"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/delegation"
)

// Lots are reserved for an open cadastre dossier of the principal only,
// from one counter: consecutive numbers that two reservations never share,
// each entered in the cadastre as reserved.
func TestReserveLots(t *testing.T) {
	e := newEnv(t)
	jean, claire, ds := e.jean, e.claire, e.dossiers()
	open, theirs := ds.cadastre, ds.theirCadastre

	for _, n := range []string{ds.closedCadastre, ds.survey} {
		_, err := e.svc.ReserveLots(e.Ctx, self(jean), n, 2, 0)
		refused(t, err, apperr.KindUnprocessable, "validation_failed", "/dossierNumber")
	}
	_, err := e.svc.ReserveLots(e.Ctx, self(jean), theirs, 2, 0)
	refused(t, err, apperr.KindNotFound, "not_found")
	_, err = e.svc.ReserveLots(e.Ctx, e.delegates(jean, e.user("Edith", false), delegation.LotReservation, delegation.ProductOrder), open, 2, 0)
	is(t, err, delegation.ErrServiceNotDelegated)

	first, err := e.svc.ReserveLots(e.Ctx, self(jean), open, 3, 2)
	ok(t, err)
	second, err := e.svc.ReserveLots(e.Ctx, self(claire), theirs, 1, 0)
	ok(t, err)
	lots := first.Lots()
	if len(lots) != 3 || first.FirstLot+1 != mustLot(t, lots[1]) || first.FirstLot+2 != mustLot(t, lots[2]) || second.FirstLot != first.FirstLot+3 {
		t.Fatalf("numéros : %v puis %v", lots, second.Lots())
	}
	var stored []Lot
	e.Must(e.DB.Where("number IN ?", lots).Order("number").Find(&stored).Error)
	if len(stored) != 3 || stored[0].Status != LotReserved || stored[0].DossierNumber == nil || *stored[0].DossierNumber != open {
		t.Fatalf("lots inscrits : %+v", stored)
	}
	rows := e.Activities(activity.LotReservation, jean.ID)
	if len(rows) != 1 || *rows[0].DossierNumber != open || *rows[0].Detail != reservationDetail(lots, 2) {
		t.Fatalf("journal : %+v", rows)
	}

	page, err := e.svc.Reservations(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if page.TotalItems != 1 || page.Items[0].ID != first.ID || page.Items[0].ComplementaryPlans != 2 {
		t.Fatalf("réservations de Jean : %+v", page)
	}
}

func mustLot(t *testing.T, n string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Each lot checked gets the verdict of its state in the cadastre, in the
// order asked; the check is kept, its results decoded from their JSON
// column, and a column that does not decode is an error.
func TestCheckLots(t *testing.T) {
	e := newEnv(t)
	jean := e.jean
	inForce, fix, reserved := e.lot(LotInForce, ""), e.lot(LotNeedsCorrection, "Côté nord à revoir."), e.lot(LotReserved, "")
	unknown := "0000007"
	asked := []string{fix, unknown, inForce, reserved}

	c, err := e.svc.CheckLots(e.Ctx, self(jean), asked)
	ok(t, err)
	want := []Verdict{VerdictNeedsCorrection, VerdictUnknown, VerdictConforming, VerdictReserved}
	for i, r := range c.Results {
		if r.Lot != asked[i] || r.Status != want[i] || !strings.Contains(r.Detail, DisplayLot(asked[i])) {
			t.Fatalf("lot %d : %+v", i, r)
		}
	}
	if len(c.Results) != 4 || !strings.HasSuffix(c.Results[0].Detail, " Côté nord à revoir.") {
		t.Fatalf("résultats : %+v", c.Results)
	}
	page, err := e.svc.Checks(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if page.TotalItems != 1 || len(page.Items[0].Results) != 4 || page.Items[0].Results[3] != c.Results[3] || page.Items[0].Results[0] != c.Results[0] {
		t.Fatalf("vérification relue : %+v", page.Items)
	}
	rows := e.Activities(activity.LotCorrectionCheck, jean.ID)
	if len(rows) != 1 || *rows[0].Detail != lotsDetail(asked) {
		t.Fatalf("journal : %+v", rows)
	}

	e.Must(e.DB.Exec("UPDATE lot_correction_checks SET results = ? WHERE id = ?", "[{", c.ID).Error)
	if _, err := e.svc.Checks(e.Ctx, self(jean), 1, 10); err == nil {
		t.Fatal("des résultats illisibles sont lus comme une liste vide")
	}
}
