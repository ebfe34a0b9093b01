package activity

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // America/Toronto even where the system has no zoneinfo

	"github.com/google/uuid"

	"espace/backend/internal/apperr"
	"espace/backend/internal/store"
)

// Zone is where the guide's dates are read: filters and exports speak in
// Québec time, the database stores UTC.
var Zone = mustZone("America/Toronto")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// SortField names a column of the table; every header sorts (SPEC §6).
type SortField string

const (
	SortDate      SortField = "date"
	SortDossier   SortField = "dossier"
	SortActivity  SortField = "activity"
	SortActor     SortField = "actor"
	SortPrincipal SortField = "principal"
)

// Query is one view of the log: whose log (Viewer), the filters of the table
// and its sort. The zero values of the filters mean "no filter"; the zero
// sort is the table's default, most recent first.
type Query struct {
	Viewer uuid.UUID // the logged-in person: they see what they did or what was done for them

	From, To  *time.Time // calendar days in Québec time, inclusive; only the date part counts
	Dossier   string     // No Dossier contains these digits
	Types     []Type
	Actor     *uuid.UUID // réalisée par
	Principal *uuid.UUID // réalisée pour

	Sort SortField
	Asc  bool
}

var digits = regexp.MustCompile(`^[0-9]{1,7}$`)

// Validate checks the query beyond what the contract already checks, so the
// domain never trusts the transport. Errors point at the query parameters.
func (q *Query) Validate() error {
	var fields []apperr.FieldError
	if q.Sort == "" {
		q.Sort = SortDate
	}
	if _, ok := sortExprs[q.Sort]; !ok {
		fields = append(fields, apperr.Field("/sort", "Colonne de tri inconnue."))
	}
	if q.Dossier != "" && !digits.MatchString(q.Dossier) {
		fields = append(fields, apperr.Field("/dossier", "Le numéro de dossier ne contient que des chiffres (7 au plus)."))
	}
	for _, t := range q.Types {
		if !t.Valid() {
			fields = append(fields, apperr.Field("/type", "Type d'activité inconnu : "+string(t)+"."))
		}
	}
	if q.From != nil && q.To != nil && dayStart(*q.To).Before(dayStart(*q.From)) {
		fields = append(fields, apperr.Field("/to", "La date de fin précède la date de début."))
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields...)
	}
	return nil
}

// dayStart is the first instant of t's calendar day in Québec time.
func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Zone)
}

// Person is someone as recorded on an activity.
type Person struct {
	ID        uuid.UUID
	FirstName string
	LastName  string
	Matricule *string
}

// FullName is "Prénom Nom", as the guide shows people.
func (p Person) FullName() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

// View is one line of the table.
type View struct {
	ID            int64
	OccurredAt    time.Time
	DossierNumber *string
	Type          Type
	Actor         Person
	Principal     Person

	actorSort, principalSort string // keyset cursor values
}

func (r *Row) view() View {
	return View{
		ID: r.ID, OccurredAt: r.OccurredAt.UTC(), DossierNumber: r.DossierNumber, Type: r.Type,
		Actor:     Person{ID: r.ActorID, FirstName: r.ActorFirstName, LastName: r.ActorLastName, Matricule: r.ActorMatricule},
		Principal: Person{ID: r.PrincipalID, FirstName: r.PrincipalFirstName, LastName: r.PrincipalLastName, Matricule: r.PrincipalMatricule},
		actorSort: r.ActorSort, principalSort: r.PrincipalSort,
	}
}

// columns are read by every query that returns lines; never "SELECT *", so
// both branches of the union line up whatever the table's column order.
const columns = "id, occurred_at, type, dossier_number, " +
	"actor_id, actor_name, actor_first_name, actor_last_name, actor_matricule, actor_sort, " +
	"principal_id, principal_name, principal_first_name, principal_last_name, principal_matricule, principal_sort"

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
var labelRank = func() map[Type]int {
	ts := append([]Type(nil), Types...)
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
	for _, t := range Types {
		if !typeCode.MatchString(string(t)) {
			panic("activity: type code unfit for SQL: " + string(t))
		}
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", t, labelRank[t])
	}
	fmt.Fprintf(&b, " ELSE %d END", len(Types))
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
		return len(Types)
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

// visible writes the activities q.Viewer may see, filtered, as a UNION ALL of
// two branches that each follow an index: the entries they did (actor_id),
// then the entries done for them by someone else (principal_id, minus the
// ones already in the first branch). An OR across the two columns would
// defeat both indexes at scale; this shape lets PostgreSQL merge two ordered
// index scans and stop after the page. extra is an additional condition
// (keyset cursor) written into both branches.
func (q *Query) visible(s *stmt, selectList string, extra func(*stmt)) {
	s.add("SELECT " + selectList + " FROM activities WHERE actor_id = ?")
	s.args = append(s.args, q.Viewer)
	q.filters(s)
	if extra != nil {
		extra(s)
	}
	s.add(" UNION ALL SELECT " + selectList + " FROM activities WHERE principal_id = ? AND actor_id <> ?")
	s.args = append(s.args, q.Viewer, q.Viewer)
	q.filters(s)
	if extra != nil {
		extra(s)
	}
}

// orderBy is the ORDER BY of q, with id as the tiebreak so that equal keys
// still come in one deterministic order (same direction, so a single index
// serves both columns).
func (q *Query) orderBy(d store.Dialect) string {
	dir := " DESC"
	if q.Asc {
		dir = " ASC"
	}
	return " ORDER BY " + sortExpr(d, q.Sort) + dir + ", id" + dir
}
