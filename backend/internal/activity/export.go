package activity

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/export"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// Format is a file format of the exports.
type Format string

const (
	XLSX Format = "xlsx"
	PDF  Format = "pdf"
)

// Title is the name of the table, of the sheet and of the PDF.
const Title = "Suivi des activités"

// AdminTitle is the administration journal's (§13).
const AdminTitle = "Journal d'administration"

// columnsFR are the table's headers, as the guide names them.
var columnsFR = []export.Column{
	{Header: "Date activité", Width: 20, Time: true},
	{Header: "No Dossier", Width: 11},
	{Header: "Activité", Width: 50},
	{Header: "Réalisée par", Width: 24},
	{Header: "Réalisée pour", Width: 26},
	{Header: "Détail", Width: 30},
}

// Export is an export ready to be written: its query is valid and its first
// batch already read, so that a failing database shows as an error response
// rather than as a truncated file.
type Export struct {
	Format Format
	Rows   int // activities written so far by WriteTo
	table  export.Table
	walk   *Batches
	first  []View
}

// MaxPDFRows bounds a PDF export (Excel exports are streamed without limit).
var MaxPDFRows = 100_000

// PrepareExport checks q, reads the first lines and describes the export
// (who, when, which filters) for the PDF header.
func (s *Service) PrepareExport(ctx context.Context, q Query, f Format, by auth.Person, now time.Time) (*Export, error) {
	// Before counting: the count would run an invalid query.
	if err := q.Validate(); err != nil {
		return nil, err
	}
	db := s.DB
	if f == PDF {
		// maroto lays a whole document out in memory (about 7 KiB a row):
		// past this size a PDF is refused, the spreadsheet is not.
		n, err := count(ctx, db, q)
		if err != nil {
			return nil, err
		}
		if n > MaxPDFRows {
			return nil, apperr.InvalidTitled(
				fmt.Sprintf("La vue compte %d activités : un PDF en contient au plus %d. Filtrez davantage ou téléchargez-la en Excel.", n, MaxPDFRows),
				apperr.Field("/format", "Le format PDF est limité à 100 000 activités; le format Excel n'a pas de limite."))
		}
	}
	walk, err := NewBatches(ctx, db, q, ExportBatch)
	if err != nil {
		return nil, err
	}
	first, err := walk.Next(ctx)
	if err != nil {
		return nil, err
	}
	lines, err := describe(ctx, db, walk.q, by, now)
	if err != nil {
		return nil, err
	}
	title := Title
	if q.Journal == AdminJournal {
		title = AdminTitle
	}
	return &Export{
		Format: f, walk: walk, first: first,
		table: export.Table{
			Title: title, Lines: lines, Author: by.FullName(), At: now, Columns: columnsFR, Loc: quebec.Location,
			Empty: "Aucune activité à afficher",
		},
	}, nil
}

// FileName is the name offered to the browser, e.g.
// suivi-des-activites-2026-11-27.xlsx (the day in Québec).
func (e *Export) FileName() string {
	base := "suivi-des-activites-"
	if e.walk.q.Journal == AdminJournal {
		base = "journal-administration-"
	}
	return base + quebec.Day(e.table.At) + "." + string(e.Format)
}

// WriteTo writes the file. It reads the rest of the view batch by batch while
// writing, and stops at the first error (including ctx being cancelled when
// the client goes away).
func (e *Export) WriteTo(ctx context.Context, w io.Writer) error {
	rows := func(yield func(export.Row, error) bool) {
		batch := e.first
		e.first = nil
		for len(batch) > 0 {
			for _, v := range batch {
				e.Rows++
				if !yield(exportRow(v), nil) {
					return
				}
			}
			var err error
			if batch, err = e.walk.Next(ctx); err != nil {
				yield(nil, err)
				return
			}
		}
	}
	if e.Format == PDF {
		return export.PDF(w, e.table, rows)
	}
	return export.XLSX(w, e.table, rows)
}

func exportRow(v View) export.Row {
	dossier := ""
	if v.DossierNumber != nil {
		dossier = *v.DossierNumber
	}
	detail := ""
	if v.Detail != nil {
		detail = *v.Detail
	}
	return export.Row{v.OccurredAt, dossier, v.Type.Label(), v.Actor.FullName(), v.Principal.FullName(), detail}
}

var sortNames = map[SortField]string{
	SortDate: "Date activité", SortDossier: "No Dossier", SortActivity: "Activité",
	SortActor: "Réalisée par", SortPrincipal: "Réalisée pour",
}

// describe says in French who exported, when, and what the view holds.
func describe(ctx context.Context, db *store.DB, q Query, by auth.Person, now time.Time) ([]string, error) {
	local := now.In(quebec.Location)
	lines := []string{fmt.Sprintf("Exporté par %s le %s à %s (heure du Québec)", by.FullName(), local.Format("2006-01-02"), local.Format("15:04"))}

	var filters []string
	switch {
	case q.From != nil && q.To != nil:
		filters = append(filters, fmt.Sprintf("Date activité du %s au %s", day(*q.From), day(*q.To)))
	case q.From != nil:
		filters = append(filters, "Date activité à partir du "+day(*q.From))
	case q.To != nil:
		filters = append(filters, "Date activité jusqu'au "+day(*q.To))
	}
	if q.Dossier != "" {
		filters = append(filters, "No Dossier contient « "+q.Dossier+" »")
	}
	if len(q.Types) > 0 {
		labels := make([]string, len(q.Types))
		for i, t := range q.Types {
			labels[i] = t.Label()
		}
		filters = append(filters, "Activité : "+strings.Join(labels, ", "))
	}
	if q.Actor != nil {
		name, err := seenName(ctx, db, q, true)
		if err != nil {
			return nil, err
		}
		filters = append(filters, "Réalisée par : "+name)
	}
	if q.Principal != nil {
		name, err := seenName(ctx, db, q, false)
		if err != nil {
			return nil, err
		}
		filters = append(filters, "Réalisée pour : "+name)
	}
	if len(filters) == 0 {
		lines = append(lines, "Filtres : aucun")
	} else {
		lines = append(lines, "Filtres : "+strings.Join(filters, "; "))
	}

	order := "ordre croissant"
	if !q.Asc {
		order = "ordre décroissant"
	}
	if q.Sort == SortDate || q.Sort == "" {
		order = "du plus ancien au plus récent"
		if !q.Asc {
			order = "du plus récent au plus ancien"
		}
	}
	lines = append(lines, fmt.Sprintf("Tri : %s, %s", sortNames[q.Sort], order))
	return lines, nil
}

// seenName is the name of the actor (or principal) filter as it appears in
// the viewer's own log; an id foreign to that log is shown as is.
func seenName(ctx context.Context, db *store.DB, q Query, asActor bool) (string, error) {
	id := q.Principal
	if asActor {
		id = q.Actor
	}
	p, ok, err := seen(ctx, db, q, *id, asActor)
	if err != nil || !ok {
		return "utilisateur " + id.String() + " (aucune activité)", err
	}
	return p.FullName(), nil
}

func day(t time.Time) string { return t.Format("2006-01-02") }
