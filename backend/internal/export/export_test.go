package export_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"espace/backend/internal/export"
	"espace/backend/internal/testutil"
)

var toronto, _ = time.LoadLocation("America/Toronto")

func table() export.Table {
	return export.Table{
		Title:  "Suivi des activités",
		Lines:  []string{"Exporté par Édith Descartes le 2026-11-27 à 13:05", "Filtres : aucun"},
		Author: "Édith Descartes",
		At:     time.Date(2026, 11, 27, 18, 5, 0, 0, time.UTC),
		Columns: []export.Column{
			{Header: "Date activité", Width: 18, Time: true},
			{Header: "No Dossier", Width: 12},
			{Header: "Activité", Width: 48},
			{Header: "Réalisée par", Width: 28},
			{Header: "Réalisée pour", Width: 28},
		},
		Loc:   toronto,
		Empty: "Aucune activité à afficher",
	}
}

func rows(rs ...export.Row) export.Rows {
	return func(yield func(export.Row, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// 2020-10-14 17:05 UTC is 13:05 in Québec (EDT).
var sample = []export.Row{
	{time.Date(2020, 10, 14, 17, 5, 0, 0, time.UTC), "1096429", "Réservation de lots et plans complémentaires en TR", "Édith Descartes", "Jean Piette"},
	{time.Date(2020, 10, 13, 4, 30, 0, 0, time.UTC), "", "Commande de produits cadastraux", "=HYPERLINK(\"http://x\")", "François « Ça » Lévesque"},
	{time.Date(2020, 10, 12, 12, 0, 0, 0, time.UTC), "", "+1", "-2", "@SUM(A1)"},
	{time.Date(2020, 10, 12, 12, 0, 0, 0, time.UTC), "", "\tTab", "\rCR", "ok"},
}

func TestXLSXHeaderDatesAndTextCells(t *testing.T) {
	var buf bytes.Buffer
	if err := export.XLSX(&buf, table(), rows(sample...)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Suivi des activités" {
		t.Fatalf("feuille %q", sheet)
	}
	got, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Date activité", "No Dossier", "Activité", "Réalisée par", "Réalisée pour"},
		{"2020-10-14 13:05", "1096429", "Réservation de lots et plans complémentaires en TR", "Édith Descartes", "Jean Piette"},
		{"2020-10-13 00:30", "", "Commande de produits cadastraux", "=HYPERLINK(\"http://x\")", "François « Ça » Lévesque"},
		{"2020-10-12 08:00", "", "+1", "-2", "@SUM(A1)"},
		{"2020-10-12 08:00", "", "\tTab", "\rCR", "ok"},
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Fatalf("lignes :\n%q\nattendu :\n%q", got, want)
	}
	// Dates are numbers with a date format, not text.
	raw, _ := f.GetCellValue(sheet, "A2", excelize.Options{RawCellValue: true})
	if strings.Contains(raw, "-") {
		t.Fatalf("A2 devrait être un nombre de date, pas %q", raw)
	}
	typ, _ := f.GetCellType(sheet, "A2")
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
		t.Fatalf("A2 : type %v", typ)
	}
	// Formula injection: the cells hold literals, no formula.
	for _, cell := range []string{"D3", "C4", "D4", "E4", "C5", "D5"} {
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Fatalf("%s porte une formule : %q", cell, fm)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeInlineString {
			t.Fatalf("%s : type %v, texte attendu", cell, typ)
		}
	}
	// Bold frozen header and an autofilter over the rows written.
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("volet figé : %+v %v", panes, err)
	}
	st, _ := f.GetCellStyle(sheet, "A1")
	style, _ := f.GetStyle(st)
	if style == nil || style.Font == nil || !style.Font.Bold {
		t.Fatal("en-tête non gras")
	}
	dn := f.GetDefinedName()
	if len(dn) != 1 || !strings.HasSuffix(dn[0].RefersTo, "$A$1:$E$5") {
		t.Fatalf("filtre automatique : %+v", dn)
	}
	if w, _ := f.GetColWidth(sheet, "C"); w < 40 {
		t.Fatalf("largeur de colonne C : %v", w)
	}
}

func TestXLSXWithoutRows(t *testing.T) {
	var buf bytes.Buffer
	if err := export.XLSX(&buf, table(), rows()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := f.GetRows(f.GetSheetName(0))
	if len(got) != 1 || got[0][0] != "Date activité" {
		t.Fatalf("%q", got)
	}
}

func TestRowErrorStopsTheExport(t *testing.T) {
	boom := fmt.Errorf("panne")
	bad := func(yield func(export.Row, error) bool) { yield(nil, boom) }
	if err := export.XLSX(&bytes.Buffer{}, table(), bad); err != boom {
		t.Fatalf("xlsx : %v", err)
	}
	if err := export.PDF(&bytes.Buffer{}, table(), bad); err != boom {
		t.Fatalf("pdf : %v", err)
	}
}

func TestPDFTitleAccentsHeaderOnEveryPageAndPageNumbers(t *testing.T) {
	// Enough rows for several pages.
	var many []export.Row
	for i := range 120 {
		r := sample[i%len(sample)]
		many = append(many, export.Row{r[0], fmt.Sprintf("%07d", i), r[2], r[3], r[4]})
	}
	var buf bytes.Buffer
	if err := export.PDF(&buf, table(), rows(many...)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("pas un PDF")
	}
	txt := testutil.PDFText(t, buf.Bytes())
	pages := strings.Split(strings.TrimRight(txt, "\f\n"), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages seulement", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, "Date activité") || !strings.Contains(p, "Réalisée pour") {
			t.Fatalf("page %d sans en-tête :\n%s", i+1, p)
		}
		if want := fmt.Sprintf("Page %d de %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Fatalf("page %d sans « %s » :\n%s", i+1, want, p)
		}
	}
	for _, want := range []string{"Suivi des activités", "Exporté par Édith Descartes le 2026-11-27 à 13:05", "2020-10-14 13:05",
		"François « Ça » Lévesque", "Réservation de lots et plans complémentaires en TR", `=HYPERLINK("http://x")`, "@SUM(A1)", "0000119"} {
		if !strings.Contains(txt, want) {
			t.Fatalf("%q absent du PDF :\n%s", want, pages[0])
		}
	}
}

func TestPDFWithoutRows(t *testing.T) {
	var buf bytes.Buffer
	if err := export.PDF(&buf, table(), rows()); err != nil {
		t.Fatal(err)
	}
	txt := testutil.PDFText(t, buf.Bytes())
	if !strings.Contains(txt, "Aucune activité à afficher") || !strings.Contains(txt, "Page 1 de 1") {
		t.Fatal(txt)
	}
}
