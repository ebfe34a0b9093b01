package export

import (
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the table as an Excel workbook: a bold header row frozen at the
// top with an autofilter, real dates (yyyy-mm-dd hh:mm, in the table's time
// zone) and every other value as a text cell.
//
// Rows go through excelize's StreamWriter, which spills to a temporary file
// past 16 MB, so memory does not grow with the number of rows; only the
// compressed workbook is assembled in memory at the end.
//
// No value ever becomes a formula: strings are written as inline text cells
// with the text number format (@), so « =1+1 » or « @SUM(A1) » stays a
// literal, even when someone edits the cell afterwards.
func XLSX(w io.Writer, t Table, rows Rows) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	_ = f.SetDocProps(&excelize.DocProperties{
		Title: t.Title, Creator: t.Author, Language: "fr-CA",
		Created: t.At.UTC().Format(time.RFC3339),
	})
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}

	cells := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		cells[i] = excelize.Cell{StyleID: styles.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	n := 1
	loc := t.loc()
	for row, rerr := range rows {
		if rerr != nil {
			return rerr
		}
		n++
		for i, c := range t.Columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			if tm, ok := v.(time.Time); ok && c.Time {
				// excelize writes the wall clock of the time's location.
				cells[i] = excelize.Cell{StyleID: styles.date, Value: tm.In(loc)}
				continue
			}
			cells[i] = excelize.Cell{StyleID: styles.text, Value: t.text(v)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	// The stream keeps the worksheet open until Flush, so the autofilter
	// can still cover exactly the rows written.
	last, _ := excelize.CoordinatesToCellName(len(t.Columns), max(n, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

type xlsxStyles struct{ header, date, text int }

func newStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    border,
		Alignment: &excelize.Alignment{Vertical: "center"},
		NumFmt:    49,
	}); err != nil {
		return s, err
	}
	dateFmt := "yyyy-mm-dd hh:mm"
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}}); err != nil {
		return s, err
	}
	s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is "@", text
	return s, err
}

// sheetName fits a title to Excel's rules: at most 31 characters, none of
// : \ / ? * [ ].
func sheetName(title string) string {
	out := make([]rune, 0, 31)
	for _, r := range title {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = ' '
		}
		if len(out) == 31 {
			break
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "Feuille1"
	}
	return string(out)
}
