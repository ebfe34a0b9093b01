package activity

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// Choices are the values the table's filters offer: the people who appear as
// « Réalisée par » and « Réalisée pour » in the journal as the viewer sees
// it, nobody else, and the journal's activity types.
type Choices struct {
	Types      []Type
	Actors     []auth.Person
	Principals []auth.Person
}

// Filters lists the people of the journal j as viewer sees it (their own
// log, or the whole administration journal), each with the names of their
// latest entry and their username, sorted by name.
func (s *Service) Filters(ctx context.Context, j Journal, viewer uuid.UUID) (Choices, error) {
	q := Query{Journal: j, Viewer: viewer}
	actors, err := people(ctx, s.DB, &q, "actor_id")
	if err != nil {
		return Choices{}, err
	}
	principals, err := people(ctx, s.DB, &q, "principal_id")
	if err != nil {
		return Choices{}, err
	}
	all := make([]*auth.Person, 0, len(actors)+len(principals))
	for i := range actors {
		all = append(all, &actors[i])
	}
	for i := range principals {
		all = append(all, &principals[i])
	}
	if err := s.fillUsernames(ctx, all); err != nil {
		return Choices{}, err
	}
	return Choices{Types: j.Types(), Actors: actors, Principals: principals}, nil
}

// people finds the distinct persons of one side (column is one of two
// constants, never user input) and the latest entry naming each.
func people(ctx context.Context, db *store.DB, q *Query, column string) ([]auth.Person, error) {
	var s stmt
	s.add("SELECT MAX(id) FROM (")
	q.visible(&s, "id, "+column, nil)
	s.add(") v GROUP BY " + column)
	var ids []int64
	if err := db.Conn(ctx).Raw(s.sql.String(), s.args...).Scan(&ids).Error; err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []auth.Person{}, nil
	}
	rows, err := scanRows(db.Conn(ctx).Raw("SELECT "+columns+" FROM "+q.Journal.table()+" WHERE id IN ?", ids))
	if err != nil {
		return nil, err
	}
	out := make([]auth.Person, 0, len(rows))
	for _, r := range rows {
		v := r.view()
		if column == "actor_id" {
			out = append(out, v.Actor)
		} else {
			out = append(out, v.Principal)
		}
	}
	sortPeople(out)
	return out, nil
}

func sortPeople(ps []auth.Person) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := SortKey(ps[i].FullName()), SortKey(ps[j].FullName())
		if a != b {
			return a < b
		}
		return ps[i].ID.String() < ps[j].ID.String()
	})
}

// seen returns how a person appears in the log of base (its journal and
// viewer) on one side (actor when asActor, else principal), for describing
// a filter; false when they do not appear there, so that an id reveals
// nothing beyond the viewer's own log.
func seen(ctx context.Context, db *store.DB, base Query, person uuid.UUID, asActor bool) (auth.Person, bool, error) {
	q := Query{Journal: base.Journal, Viewer: base.Viewer}
	if asActor {
		q.Actor = &person
	} else {
		q.Principal = &person
	}
	sql, args := PageSQL(db.Dialect, q, 1, 0)
	rows, err := scanRows(db.Conn(ctx).Raw(sql, args...))
	if err != nil || len(rows) == 0 {
		return auth.Person{}, false, err
	}
	v := rows[0].view()
	if asActor {
		return v.Actor, true, nil
	}
	return v.Principal, true, nil
}
