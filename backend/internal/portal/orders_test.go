package portal

import (
	"fmt"
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/quebec"
)

// A product comes in its own formats only, for lots that exist in the
// cadastre (a reserved number is not a lot yet); orders are numbered
// CP-year-sequence, and their lots come back from their JSON column.
func TestOrderProducts(t *testing.T) {
	e := newEnv(t)
	jean := e.jean
	a, b, reserved := e.lot(LotInForce, ""), e.lot(LotNeedsCorrection, ""), e.lot(LotReserved, "")

	_, err := e.svc.OrderProducts(e.Ctx, self(jean), LotSheet, []string{a}, 1, FormatDWG)
	refused(t, err, apperr.KindInvalid, "validation_failed", "/format")
	_, err = e.svc.OrderProducts(e.Ctx, self(jean), CadastralPlan, []string{a, "0000009", reserved}, 1, FormatDWG)
	refused(t, err, apperr.KindInvalid, "validation_failed", "/lots/1", "/lots/2")

	first, err := e.svc.OrderProducts(e.Ctx, self(jean), CadastralPlan, []string{a, b}, 2, FormatDWG)
	ok(t, err)
	second, err := e.svc.OrderProducts(e.Ctx, self(jean), RegistryExtract, []string{b}, 1, FormatPaper)
	ok(t, err)
	year := time.Now().In(quebec.Location).Year()
	var n1, n2 int
	if _, err := fmt.Sscanf(first.OrderNumber, fmt.Sprintf("CP-%d-%%06d", year), &n1); err != nil {
		t.Fatalf("numéro %q : %v", first.OrderNumber, err)
	}
	if _, err := fmt.Sscanf(second.OrderNumber, fmt.Sprintf("CP-%d-%%06d", year), &n2); err != nil || n2 != n1+1 {
		t.Fatalf("numéros %q puis %q", first.OrderNumber, second.OrderNumber)
	}
	if first.Status != OrderReceived {
		t.Fatalf("état : %q", first.Status)
	}

	page, err := e.svc.Orders(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if page.TotalItems != 2 || len(page.Items) != 2 {
		t.Fatalf("commandes : %d", page.TotalItems)
	}
	past, err := e.svc.Orders(e.Ctx, self(jean), 3, 1)
	ok(t, err)
	if len(past.Items) != 0 || past.TotalItems != 2 {
		t.Fatalf("après la dernière page : %d commandes sur %d", len(past.Items), past.TotalItems)
	}
	back := page.Items[1]
	if back.ID != first.ID || len(back.Lots) != 2 || back.Lots[0] != a || back.Lots[1] != b ||
		back.ProductType != CadastralPlan || back.Format != FormatDWG || back.Status != OrderReceived || back.Quantity != 2 {
		t.Fatalf("commande relue : %+v", back)
	}
	rows := e.Activities(activity.ProductOrder, jean.ID)
	if len(rows) != 2 || *rows[0].Detail != orderDetail(first.OrderNumber, CadastralPlan, FormatDWG, 2, []string{a, b}) {
		t.Fatalf("journal : %+v", rows)
	}

	e.Must(e.DB.Exec("UPDATE product_orders SET lots = ? WHERE id = ?", "1234567", first.ID).Error)
	if _, err := e.svc.Orders(e.Ctx, self(jean), 1, 10); err == nil {
		t.Fatal("des lots illisibles sont lus comme une liste vide")
	}
}

// The « Détail » of a journal entry, as the guide writes it.
func TestDetails(t *testing.T) {
	for got, want := range map[string]string{
		lotsDetail([]string{"6123401"}):                                                 "Lot 6 123 401",
		reservationDetail([]string{"6123401", "6123402"}, 0):                            "Lots 6 123 401, 6 123 402",
		reservationDetail([]string{"6123401"}, 1):                                       "Lot 6 123 401; 1 plan complémentaire",
		reservationDetail([]string{"6123401"}, 3):                                       "Lot 6 123 401; 3 plans complémentaires",
		orderDetail("CP-2026-000001", CadastralPlan, FormatDWG, 2, []string{"1234567"}): "CP-2026-000001 : Plan cadastral (DWG) × 2 — Lot 1 234 567",
		extensionDetail(time.Date(2027, 5, 6, 0, 0, 0, 0, time.UTC)):                    "Nouvelle date de fermeture : 2027-05-06",
		DisplayLot("123"): "123",
	} {
		if got != want {
			t.Errorf("%q, attendu %q", got, want)
		}
	}
}
