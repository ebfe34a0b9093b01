package activity

import (
	"context"
	"fmt"

	"espace/backend/internal/apperr"
	"espace/backend/internal/store"
)

// Paging limits of the table.
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
	// MaxAll caps « Afficher toutes les activités »: beyond it the browser
	// would choke on the table, and the exports are the way to get everything.
	MaxAll = 5000
)

// Page is one page of the table with the totals its pager shows
// (« Page 2 de 3 (23 activités) »). TotalPages is 0 when nothing matches.
type Page struct {
	Items      []View
	Page       int
	PageSize   int
	TotalItems int
	TotalPages int
}

// List returns one page of q. A page past the end is empty but keeps the
// totals, so a client can jump back to the last page.
func List(ctx context.Context, db *store.DB, q Query, page, pageSize int) (Page, error) {
	if err := q.Validate(); err != nil {
		return Page{}, err
	}
	var fields []apperr.FieldError
	if page < 1 {
		fields = append(fields, apperr.Field("/page", "La page doit être au moins 1."))
	}
	if pageSize < 1 || pageSize > MaxPageSize {
		fields = append(fields, apperr.Field("/pageSize", fmt.Sprintf("La taille de page doit être entre 1 et %d.", MaxPageSize)))
	}
	if len(fields) > 0 {
		return Page{}, apperr.Invalid(fields...)
	}
	total, err := Count(ctx, db, q)
	if err != nil {
		return Page{}, err
	}
	out := Page{Items: []View{}, Page: page, PageSize: pageSize, TotalItems: total, TotalPages: (total + pageSize - 1) / pageSize}
	offset := int64(page-1) * int64(pageSize)
	if offset >= int64(total) {
		return out, nil
	}
	out.Items, err = fetch(ctx, db, q, pageSize, offset)
	return out, err
}

// ListAll is « Afficher toutes les activités »: every line of q on one page,
// up to MaxAll; beyond that the caller is told to export instead.
func ListAll(ctx context.Context, db *store.DB, q Query) (Page, error) {
	if err := q.Validate(); err != nil {
		return Page{}, err
	}
	total, err := Count(ctx, db, q)
	if err != nil {
		return Page{}, err
	}
	if total > MaxAll {
		return Page{}, apperr.Invalid(apperr.Field("/all", fmt.Sprintf(
			"%s activités correspondent à ces filtres; l'affichage complet est limité à %s. Précisez les filtres ou exportez le suivi en Excel ou en PDF.",
			Thousands(total), Thousands(MaxAll))))
	}
	out := Page{Items: []View{}, Page: 1, PageSize: total, TotalItems: total}
	if total == 0 {
		return out, nil
	}
	out.TotalPages = 1
	out.Items, err = fetch(ctx, db, q, total, 0)
	return out, err
}

// Count is the number of lines of q.
func Count(ctx context.Context, db *store.DB, q Query) (int, error) {
	sql, args := CountSQL(q)
	var n int64
	err := db.Conn(ctx).Raw(sql, args...).Scan(&n).Error
	return int(n), err
}

// fetch reads limit lines of q from offset, in q's order.
func fetch(ctx context.Context, db *store.DB, q Query, limit int, offset int64) ([]View, error) {
	sql, args := PageSQL(db.Dialect, q, limit, offset)
	rows, err := scanRows(db.Conn(ctx).Raw(sql, args...))
	return views(rows), err
}

func views(rows []Row) []View {
	out := make([]View, len(rows))
	for i := range rows {
		out[i] = rows[i].view()
	}
	return out
}

// Thousands writes n the Québec way: 12 345 (non-breaking space).
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, "\u00a0"...)
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
