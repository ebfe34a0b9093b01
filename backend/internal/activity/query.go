package activity

import (
	"regexp"
	"slices"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
)

// SortField names a column of the table; every header sorts (SPEC §6).
type SortField string

const (
	SortDate      SortField = "date"
	SortDossier   SortField = "dossier"
	SortActivity  SortField = "activity"
	SortActor     SortField = "actor"
	SortPrincipal SortField = "principal"
)

// Journal is which log a query reads.
type Journal int

const (
	// UserLog is « Suivi des activités » (§6): each user sees the entries
	// where they are the actor or the principal.
	UserLog Journal = iota
	// AdminJournal is the administration journal (§13): administrators see
	// every entry; Viewer plays no part.
	AdminJournal
)

// table is the journal's table: one of two constants, never user input.
func (j Journal) table() string {
	if j == AdminJournal {
		return "admin_activities"
	}
	return "activities"
}

// Types are the activity types the journal holds.
func (j Journal) Types() []Type {
	if j == AdminJournal {
		return AdminTypes
	}
	return Types
}

// Query is one view of the log: which journal, whose log (Viewer), the
// filters of the table and its sort. The zero values of the filters mean
// "no filter"; the zero sort is the table's default, most recent first.
type Query struct {
	Journal Journal
	Viewer  uuid.UUID // the logged-in person: they see what they did or what was done for them

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
		if !slices.Contains(q.Journal.Types(), t) {
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
	return time.Date(y, m, d, 0, 0, 0, 0, quebec.Location)
}

// View is one line of the table. Actor and Principal are the people as the
// entry recorded them (names and matricule at the time of the action); the
// Service adds their username.
type View struct {
	ID            int64
	OccurredAt    time.Time
	DossierNumber *string
	Type          Type
	Actor         auth.Person
	Principal     auth.Person
	Detail        *string
	Channel       string

	actorSort, principalSort string // keyset cursor values
}

func (r *Row) view() View {
	return View{
		ID: r.ID, OccurredAt: r.OccurredAt.UTC(), DossierNumber: r.DossierNumber, Type: r.Type,
		Actor:     auth.Person{ID: r.ActorID, FirstName: r.ActorFirstName, LastName: r.ActorLastName, Matricule: deref(r.ActorMatricule)},
		Principal: auth.Person{ID: r.PrincipalID, FirstName: r.PrincipalFirstName, LastName: r.PrincipalLastName, Matricule: deref(r.PrincipalMatricule)},
		Detail:    r.Detail, Channel: string(r.Channel),
		actorSort: r.ActorSort, principalSort: r.PrincipalSort,
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
