package activity

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gorm.io/gorm"

	"espace/backend/internal/store"
)

// The SQL of the table. Everything user-supplied travels as bind arguments;
// the only text assembled here comes from the allow-lists below.

// columns are read by every query that returns lines (scanRows), in this
// order; aColumns is the same list on the table alias a.
const columns = "id, occurred_at, type, dossier_number, " +
	"actor_id, actor_name, actor_first_name, actor_last_name, actor_matricule, actor_sort, " +
	"principal_id, principal_name, principal_first_name, principal_last_name, principal_matricule, principal_sort, " +
	"detail, channel"

var aColumns = "a." + strings.ReplaceAll(columns, ", ", ", a.")

// sortExprs maps each sort column to its SQL expression. GORM does not escape
// what goes into ORDER BY, so only these allow-listed expressions ever reach
// the SQL text. "%s" is where the dialect's byte-wise collation goes.
var sortExprs = map[SortField]string{
	SortDate:      "occurred_at",
	SortDossier:   "COALESCE(dossier_number, '')%s",
	SortActivity:  labelRankSQL(),
	SortActor:     "actor_sort%s",
	SortPrincipal: "principal_sort%s",
}

// labelRank is each type's place in French alphabetical order of labels, so
// that sorting on « Activité » follows what users read, not the codes.
// One ranking serves both journals (their types never mix in one table).
var labelRank = func() map[Type]int {
	ts := append(append([]Type(nil), Types...), AdminTypes...)
	sort.SliceStable(ts, func(i, j int) bool { return SortKey(ts[i].Label()) < SortKey(ts[j].Label()) })
	rank := make(map[Type]int, len(ts))
	for i, t := range ts {
		rank[t] = i
	}
	return rank
}()

var typeCode = regexp.MustCompile(`^[a-z_]+$`)

// labelRankSQL is a CASE over the known type codes. The codes are constants
// of this package, checked here anyway before they become SQL literals.
func labelRankSQL() string {
	var b strings.Builder
	b.WriteString("CASE type")
	for _, t := range append(append([]Type(nil), Types...), AdminTypes...) {
		if !typeCode.MatchString(string(t)) {
			panic("activity: type code unfit for SQL: " + string(t))
		}
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", t, labelRank[t])
	}
	fmt.Fprintf(&b, " ELSE %d END", len(labelRank))
	return b.String()
}

// sortExpr is the SQL of a sort column for the dialect.
func sortExpr(d store.Dialect, f SortField) string {
	e, ok := sortExprs[f]
	if !ok { // the zero value, or anything Validate would refuse: the default
		e = sortExprs[SortDate]
	}
	if !strings.Contains(e, "%s") {
		return e
	}
	collate := "" // SQLite compares text byte-wise (BINARY) by default
	if d == store.Postgres {
		collate = ` COLLATE "C"`
	}
	return fmt.Sprintf(e, collate)
}

// sortValue is v's value of the sort column, for keyset pagination.
func sortValue(f SortField, v View) any {
	switch f {
	case SortDossier:
		if v.DossierNumber == nil {
			return ""
		}
		return *v.DossierNumber
	case SortActivity:
		if r, ok := labelRank[v.Type]; ok {
			return r
		}
		return len(labelRank)
	case SortActor:
		return v.actorSort
	case SortPrincipal:
		return v.principalSort
	default:
		return v.OccurredAt
	}
}

// stmt accumulates SQL text and its bind arguments.
type stmt struct {
	sql  strings.Builder
	args []any
}

func (s *stmt) add(sql string, args ...any) {
	s.sql.WriteString(sql)
	s.args = append(s.args, args...)
}

// filters writes the table's filters as " AND ..." conditions.
func (q *Query) filters(s *stmt) {
	if q.From != nil {
		s.add(" AND occurred_at >= ?", dayStart(*q.From).UTC())
	}
	if q.To != nil {
		s.add(" AND occurred_at < ?", dayStart(*q.To).AddDate(0, 0, 1).UTC())
	}
	if q.Dossier != "" {
		// Digits only (Validate), so nothing in it is a LIKE wildcard.
		s.add(" AND dossier_number LIKE ?", "%"+q.Dossier+"%")
	}
	if len(q.Types) > 0 {
		codes := make([]string, len(q.Types))
		for i, t := range q.Types {
			codes[i] = string(t)
		}
		s.add(" AND type IN ?", codes)
	}
	if q.Actor != nil {
		s.add(" AND actor_id = ?", *q.Actor)
	}
	if q.Principal != nil {
		s.add(" AND principal_id = ?", *q.Principal)
	}
}

// branchSpec is one branch of the union a query reads.
type branchSpec struct {
	alias, where string
	args         []any
}

// branches are the parts of q's journal q may see. The user log is a UNION
// ALL of two branches that each follow an index: the entries the viewer did
// (actor_id), then the entries done for them by someone else (principal_id,
// minus the ones already in the first branch). An OR across the two columns
// would defeat both indexes at scale. The administration journal is one
// branch: administrators see all of it.
func (q *Query) branches() []branchSpec {
	if q.Journal == AdminJournal {
		return []branchSpec{{"everything", "1 = 1", nil}}
	}
	return []branchSpec{
		{"mine", "actor_id = ?", []any{q.Viewer}},
		{"for_me", "principal_id = ? AND actor_id <> ?", []any{q.Viewer, q.Viewer}},
	}
}

// visible writes the activities q.Viewer may see, filtered, as the union of
// q's branches. extra adds a condition to every branch.
func (q *Query) visible(s *stmt, selectList string, extra func(*stmt)) {
	for i, b := range q.branches() {
		if i > 0 {
			s.add(" UNION ALL ")
		}
		q.branch(s, selectList, b.where, extra, b.args...)
	}
}

func (q *Query) branch(s *stmt, selectList, where string, extra func(*stmt), args ...any) {
	s.add("SELECT "+selectList+" FROM "+q.Journal.table()+" WHERE "+where, args...)
	q.filters(s)
	if extra != nil {
		extra(s)
	}
}

// pageKeys writes the ids and sort keys (k) of q's lines, in q's order, from
// offset for limit lines. Each branch is cut to its first offset+limit lines
// before the union: PostgreSQL does not merge two ordered index scans across
// a UNION ALL by itself, so without the cut every visible line would be
// sorted; with it, the date sort reads just that many entries per branch
// straight from its index. The branches read only columns their index
// carries (see the migrations), so even the other sorts never visit the
// table: the caller joins the few lines of the page afterwards.
func (q *Query) pageKeys(s *stmt, d store.Dialect, extra func(*stmt), limit, offset int64) {
	sel := "id, " + sortExpr(d, q.Sort) + " AS k"
	s.add("SELECT id, k FROM (")
	for i, b := range q.branches() {
		if i > 0 {
			s.add(" UNION ALL ")
		}
		s.add("SELECT id, k FROM (")
		q.branch(s, sel, b.where, extra, b.args...)
		s.add(q.orderByKey("")+" LIMIT ?) "+b.alias, offset+limit)
	}
	s.add(") v"+q.orderByKey("")+" LIMIT ? OFFSET ?", limit, offset)
}

// orderByKey is the ORDER BY of q on the sort key column k (of table alias
// t, if any), with id as the tiebreak so that equal keys still come in one
// deterministic order (same direction, so one index serves both columns).
func (q *Query) orderByKey(t string) string {
	dir := " DESC"
	if q.Asc {
		dir = " ASC"
	}
	return " ORDER BY " + t + "k" + dir + ", " + t + "id" + dir
}

// linesSQL fetches the full lines of the page whose keys pageKeys selects.
func (q *Query) linesSQL(d store.Dialect, extra func(*stmt), limit, offset int64) (string, []any) {
	var s stmt
	s.add("SELECT " + aColumns + " FROM " + q.Journal.table() + " a JOIN (")
	q.pageKeys(&s, d, extra, limit, offset)
	s.add(") p ON p.id = a.id" + q.orderByKey("p."))
	return s.sql.String(), s.args
}

// PageSQL is the statement List runs for one page, exposed so that the
// benchmark can time the very same SQL without the application around it.
func PageSQL(d store.Dialect, q Query, limit int, offset int64) (string, []any) {
	return q.linesSQL(d, nil, int64(limit), offset)
}

// CountSQL is the statement Count runs (see PageSQL).
func CountSQL(q Query) (string, []any) {
	var s stmt
	s.add("SELECT count(*) FROM (")
	q.visible(&s, "1 AS one", nil)
	s.add(") v")
	return s.sql.String(), s.args
}

// scanRows reads the columns of `columns` by hand: GORM's reflective Scan
// costs more than the query itself on a 100 000-line export.
func scanRows(q *gorm.DB) ([]Row, error) {
	rs, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Row
	for rs.Next() {
		var r Row
		if err := rs.Scan(&r.ID, &r.OccurredAt, &r.Type, &r.DossierNumber,
			&r.ActorID, &r.ActorName, &r.ActorFirstName, &r.ActorLastName, &r.ActorMatricule, &r.ActorSort,
			&r.PrincipalID, &r.PrincipalName, &r.PrincipalFirstName, &r.PrincipalLastName, &r.PrincipalMatricule, &r.PrincipalSort,
			&r.Detail, &r.Channel,
		); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}
