package portal

import (
	"fmt"
	"strings"
	"time"
)

// The « Détail » of each service's activity (SPEC §13): what the action was
// about, in French, as the table and the exports show it.

// lotsDetail lists lots as the guide writes them: « Lots 6 123 401, 6 123 402 ».
func lotsDetail(numbers []string) string {
	shown := make([]string, len(numbers))
	for i, n := range numbers {
		shown[i] = DisplayLot(n)
	}
	word := "Lot "
	if len(numbers) > 1 {
		word = "Lots "
	}
	return word + strings.Join(shown, ", ")
}

// reservationDetail is the lots reserved, and the complementary plans.
func reservationDetail(lots []string, plans int) string {
	d := lotsDetail(lots)
	switch {
	case plans == 1:
		d += "; 1 plan complémentaire"
	case plans > 1:
		d += fmt.Sprintf("; %d plans complémentaires", plans)
	}
	return d
}

// productLabels are the products of « Commande de produits cadastraux ».
var productLabels = map[Product]string{
	CadastralPlan:   "Plan cadastral",
	LotSheet:        "Fiche de lot",
	RegistryExtract: "Extrait du registre",
}

var formatLabels = map[Format]string{FormatPDF: "PDF", FormatDWG: "DWG", FormatPaper: "papier"}

// orderDetail is « Plan cadastral (DWG) × 2 — Lot 1 234 567 ».
func orderDetail(number string, product Product, format Format, quantity int, lots []string) string {
	label := productLabels[product]
	if label == "" {
		label = string(product)
	}
	f := formatLabels[format]
	if f == "" {
		f = string(format)
	}
	return fmt.Sprintf("%s : %s (%s) × %d — %s", number, label, f, quantity, lotsDetail(lots))
}

// extensionDetail is the new closing date (a calendar day).
func extensionDetail(newDate time.Time) string {
	return "Nouvelle date de fermeture : " + newDate.Format("2006-01-02")
}
