package activity

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/paging"
	"espace/backend/internal/store"
)

// MaxAll caps « Afficher toutes les activités »: beyond it the browser would
// choke on the table, and the exports are the way to get everything. Pages
// otherwise take paging.DefaultSize and paging.MaxSize.
const MaxAll = 5000

// Service reads the log for the API: pages of the table, the values its
// filters offer and the exports. The log copies each person's names at the
// time of the action; their username, which it does not copy, is looked up
// for a whole page at once.
type Service struct {
	DB *store.DB

	// People resolves user ids to people, leaving out an unknown id:
	// accounts.Service.People, which this package cannot import (accounts
	// records activity). Required.
	People func(context.Context, []uuid.UUID) (map[uuid.UUID]auth.Person, error)
}

// List returns one page of q (« Page 2 de 3 (23 activités) »). A page past
// the end is empty but keeps the totals, so a client can jump back to the
// last page.
func (s *Service) List(ctx context.Context, q Query, page, pageSize int) (paging.Page[View], error) {
	if err := q.Validate(); err != nil {
		return paging.Page[View]{}, err
	}
	var fields []apperr.FieldError
	if page < 1 {
		fields = append(fields, apperr.Field("/page", "La page doit être au moins 1."))
	}
	if pageSize < 1 || pageSize > paging.MaxSize {
		fields = append(fields, apperr.Field("/pageSize", fmt.Sprintf("La taille de page doit être entre 1 et %d.", paging.MaxSize)))
	}
	if len(fields) > 0 {
		return paging.Page[View]{}, apperr.Invalid(fields...)
	}
	total, err := count(ctx, s.DB, q)
	if err != nil {
		return paging.Page[View]{}, err
	}
	out := paging.Page[View]{Items: []View{}, Page: page, PageSize: pageSize, TotalItems: total}
	offset := int64(page-1) * int64(pageSize)
	if offset >= int64(total) {
		return out, nil
	}
	if out.Items, err = fetch(ctx, s.DB, q, pageSize, offset); err != nil {
		return out, err
	}
	return out, s.withUsernames(ctx, out.Items)
}

// ListAll is « Afficher toutes les activités »: every line of q on one page,
// up to MaxAll; beyond that the caller is told to export instead.
func (s *Service) ListAll(ctx context.Context, q Query) (paging.Page[View], error) {
	if err := q.Validate(); err != nil {
		return paging.Page[View]{}, err
	}
	total, err := count(ctx, s.DB, q)
	if err != nil {
		return paging.Page[View]{}, err
	}
	if total > MaxAll {
		return paging.Page[View]{}, apperr.Invalid(apperr.Field("/all", fmt.Sprintf(
			"%s activités correspondent à ces filtres; l'affichage complet est limité à %s. Précisez les filtres ou exportez le suivi en Excel ou en PDF.",
			Thousands(total), Thousands(MaxAll))))
	}
	out := paging.Page[View]{Items: []View{}, Page: 1, PageSize: total, TotalItems: total}
	if total == 0 {
		return out, nil
	}
	if out.Items, err = fetch(ctx, s.DB, q, total, 0); err != nil {
		return out, err
	}
	return out, s.withUsernames(ctx, out.Items)
}

// withUsernames completes the actors and principals of views with their
// usernames.
func (s *Service) withUsernames(ctx context.Context, views []View) error {
	people := make([]*auth.Person, 0, 2*len(views))
	for i := range views {
		people = append(people, &views[i].Actor, &views[i].Principal)
	}
	return s.fillUsernames(ctx, people)
}

// fillUsernames fills in the username of each person from their
// account. Someone whose account is gone keeps an empty username.
func (s *Service) fillUsernames(ctx context.Context, people []*auth.Person) error {
	ids := make([]uuid.UUID, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	found, err := s.People(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range people {
		p.Username = found[p.ID].Username
	}
	return nil
}

// count is the number of lines of q.
func count(ctx context.Context, db *store.DB, q Query) (int, error) {
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
