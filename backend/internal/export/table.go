// Package export writes a table to an Excel workbook or a PDF document as its
// rows stream by: rows in, a file out. It knows nothing of where the rows come
// from; callers hand it an iterator and an io.Writer.
package export

import (
	"fmt"
	"iter"
	"time"
)

// Column describes one column of the table.
type Column struct {
	Header string
	Width  float64 // in characters in Excel; the PDF shares the page width in proportion
	Time   bool    // cells are time.Time, shown as yyyy-mm-dd hh:mm
}

// Table is what both formats show around the rows.
type Table struct {
	Title   string         // sheet name and PDF title
	Lines   []string       // under the PDF title: who exported, when, which filters
	Author  string         // document property
	At      time.Time      // when the export was made
	Columns []Column       // one per cell of each row
	Loc     *time.Location // time zone of the dates shown
	Empty   string         // shown in the PDF when there is no row
}

// Row is one line: a time.Time for Time columns, a string otherwise.
type Row []any

// Rows is the stream a writer consumes; the first error stops the export.
type Rows = iter.Seq2[Row, error]

const dateLayout = "2006-01-02 15:04"

func (t *Table) loc() *time.Location {
	if t.Loc == nil {
		return time.UTC
	}
	return t.Loc
}

// text is how a cell reads in the PDF.
func (t *Table) text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.In(t.loc()).Format(dateLayout)
	default:
		return fmt.Sprint(v)
	}
}
