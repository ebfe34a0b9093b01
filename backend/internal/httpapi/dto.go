package httpapi

import (
	"context"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/paging"
)

// The mappings from the services' views to the contract's types that more
// than one tag shares.

// apiPage has the fields of every page of the contract (ActivityPage,
// DossierPage, LotReservationPage...): pageDTO's result converts to any of
// them, e.g. api.DossierPage(pageDTO(page, dossierDTO)).
type apiPage[D any] struct {
	Items      []D
	Page       int
	PageSize   int
	TotalItems int
	TotalPages int
}

// pageDTO maps a page of a service to the contract's page of D.
func pageDTO[T, D any](p paging.Page[T], dto func(T) D) apiPage[D] {
	out := apiPage[D]{Items: make([]D, len(p.Items)), Page: p.Page, PageSize: p.PageSize,
		TotalItems: p.TotalItems, TotalPages: p.TotalPages()}
	for i, v := range p.Items {
		out.Items[i] = dto(v)
	}
	return out
}

// listDTO maps a list of a service to the contract's list of D.
func listDTO[T, D any](list []T, dto func(T) D) []D {
	out := make([]D, len(list))
	for i, v := range list {
		out[i] = dto(v)
	}
	return out
}

// personRef is a person as the contract shows them.
func personRef(p auth.Person) api.PersonRef {
	ref := api.PersonRef{UserId: p.ID, Username: p.Username, FirstName: p.FirstName, LastName: p.LastName}
	if p.Matricule != "" {
		m := p.Matricule
		ref.Matricule = &m
	}
	return ref
}

// people names the users a response shows: the session's own actor and
// principal without a query, anyone else loaded by the accounts service for
// a whole list at once.
type people map[uuid.UUID]auth.Person

// ref is the person of id (an unknown id keeps just its id).
func (p people) ref(id uuid.UUID) api.PersonRef {
	who, ok := p[id]
	if !ok {
		who.ID = id
	}
	return personRef(who)
}

// sessionPeople knows the session's actor and principal: a record just made
// was done by the one for the other.
func sessionPeople(sess *auth.Session) people {
	who := people{sess.Actor.ID: sess.Actor}
	if sess.Principal != nil {
		who[sess.Principal.ID] = *sess.Principal
	}
	return who
}

// peopleFor knows the session's people and those of ids.
func (s *Server) peopleFor(ctx context.Context, sess *auth.Session, ids ...uuid.UUID) (people, error) {
	out := sessionPeople(sess)
	var missing []uuid.UUID
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	found, err := s.Accounts.People(ctx, missing)
	for id, p := range found {
		out[id] = p
	}
	return out, err
}

// listDoneBy lists one page (the query's page and size) of the records
// done by someone for the principal (reservations, checks, orders,
// prevalidations) and maps them: who did each one is resolved for the whole
// page with at most one query.
func listDoneBy[T interface{ DoneBy() uuid.UUID }, D any](ctx context.Context, s *Server, page, size *int,
	list func(context.Context, *auth.Session, int, int) (paging.Page[T], error), dto func(T, people) D) (apiPage[D], error) {
	n, sz := pageOf(page, size)
	p, err := list(ctx, mustSession(ctx), n, sz)
	if err != nil {
		return apiPage[D]{}, err
	}
	ids := make([]uuid.UUID, len(p.Items))
	for i, v := range p.Items {
		ids[i] = v.DoneBy()
	}
	who, err := s.peopleFor(ctx, mustSession(ctx), ids...)
	if err != nil {
		return apiPage[D]{}, err
	}
	return pageDTO(p, func(v T) D { return dto(v, who) }), nil
}

// servicesDTO lists granted services; nil (acting for oneself) is every
// delegable service.
func servicesDTO(codes []string) []api.DelegableService {
	if codes == nil {
		codes = delegation.DelegableServices
	}
	return listDTO(codes, func(c string) api.DelegableService { return api.DelegableService(c) })
}

// dateDTO is a YYYY-MM-DD end date, nil when undated.
func dateDTO(day string) *openapi_types.Date {
	if day == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil
	}
	return &openapi_types.Date{Time: t}
}

// dateOf is the calendar date of t (UTC).
func dateOf(t time.Time) openapi_types.Date {
	t = t.UTC()
	return openapi_types.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func ptr[T any](v T) *T { return &v }
