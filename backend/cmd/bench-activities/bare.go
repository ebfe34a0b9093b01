package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/xuri/excelize/v2"

	"espace/backend/internal/activity"
	"espace/backend/internal/export"
	"espace/backend/internal/store"
)

// exportQuery is the view both the application and the baselines export.
func exportQuery(me uuid.UUID) activity.Query {
	return activity.Query{Viewer: me, Types: exportTypes(), Sort: activity.SortDate}
}

// bareResult is what a baseline child prints on stdout.
type bareResult struct {
	Seconds float64 `json:"seconds"`
	Rows    int     `json:"rows"`
}

// bareMain is a baseline child: the same rows, read with one plain SQL
// query, written by the library with nothing around it.
func bareMain(args []string) error {
	fs := flag.NewFlagSet("bare", flag.ContinueOnError)
	dsn := fs.String("db", "", "base")
	me := fs.String("user", "", "personne mesurée")
	format := fs.String("format", "xlsx", "xlsx ou pdf")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := sql.Open("pgx", *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	q := exportQuery(uuid.MustParse(*me))
	query, qargs := activity.PageSQL(store.Postgres, q, 1<<30, 0)
	query, qargs = dollars(query, qargs)
	rows, err := db.Query(query, qargs...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var n int
	switch *format {
	case "pdf":
		n, err = barePDF(rows)
	default:
		n, err = bareXLSX(rows)
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(bareResult{Seconds: time.Since(start).Seconds(), Rows: n})
}

// line is one scanned row: date, dossier, label, réalisée par, réalisée pour.
type line struct {
	at                      time.Time
	dossier                 string
	label, actor, principal string
}

// scan reads the columns activity.PageSQL selects.
func scan(rows *sql.Rows) (line, error) {
	var (
		l                                        line
		id                                       int64
		typ                                      string
		dossier, am, pm, detail                  sql.NullString
		aid, an, af, al, as, pid, pn, pf, pl, ps string
		channel                                  string
	)
	err := rows.Scan(&id, &l.at, &typ, &dossier, &aid, &an, &af, &al, &am, &as, &pid, &pn, &pf, &pl, &pm, &ps, &detail, &channel)
	l.dossier = dossier.String
	l.label = activity.Type(typ).Label()
	l.actor, l.principal = af+" "+al, pf+" "+pl
	return l, err
}

// eachLine hands every row, scanned, to add with its number from 1, and
// returns how many it handed.
func eachLine(rows *sql.Rows, add func(n int, l line) error) (int, error) {
	n := 0
	for rows.Next() {
		l, err := scan(rows)
		if err != nil {
			return n, err
		}
		n++
		if err := add(n, l); err != nil {
			return n, err
		}
	}
	return n, rows.Err()
}

func bareXLSX(rows *sql.Rows) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return 0, err
	}
	if err := sw.SetRow("A1", []any{"Date activité", "No Dossier", "Activité", "Réalisée par", "Réalisée pour"}); err != nil {
		return 0, err
	}
	n, err := eachLine(rows, func(n int, l line) error {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		return sw.SetRow(cell, []any{l.at, l.dossier, l.label, l.actor, l.principal})
	})
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	_, err = f.WriteTo(io.Discard)
	return n, err
}

func barePDF(rows *sql.Rows) (int, error) {
	fonts, err := export.Fonts()
	if err != nil {
		return 0, err
	}
	m := maroto.New(config.NewBuilder().
		WithPageSize(pagesize.Letter).WithOrientation(orientation.Horizontal).
		WithCustomFonts(fonts).WithDefaultFont(&props.Font{Family: export.FontFamily, Size: 8}).
		WithCompression(true).Build())
	n, err := eachLine(rows, func(_ int, l line) error {
		m.AddRow(5,
			text.NewCol(2, l.at.Format("2006-01-02 15:04")), text.NewCol(1, l.dossier), text.NewCol(4, l.label),
			text.NewCol(2, l.actor), text.NewCol(3, l.principal))
		return nil
	})
	if err != nil {
		return n, err
	}
	doc, err := m.Generate()
	if err != nil {
		return n, err
	}
	_, err = io.Discard.Write(doc.GetBytes())
	return n, err
}

// dollars turns GORM-style SQL ("?" placeholders, slices expanded by the
// ORM) into PostgreSQL's $n form with flat arguments, so that the baselines
// run the application's SQL through database/sql with no ORM at all.
func dollars(query string, args []any) (string, []any) {
	var b strings.Builder
	var out []any
	i := 0
	for _, r := range query {
		if r != '?' || i >= len(args) {
			b.WriteRune(r)
			continue
		}
		a := args[i]
		i++
		v := reflect.ValueOf(a)
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8 {
			b.WriteByte('(')
			for j := range v.Len() {
				if j > 0 {
					b.WriteByte(',')
				}
				out = append(out, v.Index(j).Interface())
				fmt.Fprintf(&b, "$%d", len(out))
			}
			b.WriteByte(')')
			continue
		}
		if u, ok := a.(uuid.UUID); ok {
			a = u.String()
		}
		out = append(out, a)
		fmt.Fprintf(&b, "$%d", len(out))
	}
	return b.String(), out
}
