package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/store"
)

// SelectDelegant is « Sélection d'un délégant »: new tokens for the same
// session, acting for the chosen surveyor.
func (s *Server) SelectDelegant(ctx context.Context, req api.SelectDelegantRequestObject) (api.SelectDelegantResponseObject, error) {
	sess := mustSession(ctx)
	p, err := s.Delegation.Select(ctx, sess.Actor, req.Body.DelegantId)
	if err != nil {
		return nil, err
	}
	tokens, err := s.Accounts.ActFor(ctx, sess.ID, p.ID)
	if err != nil {
		return nil, err
	}
	cookie := req.Params.XRefreshTokenTransport != nil && *req.Params.XRefreshTokenTransport == api.Cookie
	return api.SelectDelegant200JSONResponse(s.tokenResponse(ctx, tokens, cookie)), nil
}

// ListDelegates is the table of « Gestion des délégataires ».
func (s *Server) ListDelegates(ctx context.Context, _ api.ListDelegatesRequestObject) (api.ListDelegatesResponseObject, error) {
	list, err := s.Delegation.ListDelegates(ctx, mustSession(ctx))
	if err != nil {
		return nil, err
	}
	out := make(api.ListDelegates200JSONResponse, 0, len(list))
	for _, d := range list {
		out = append(out, delegateDTO(d))
	}
	return out, nil
}

func delegateDTO(d delegation.DelegateView) api.Delegate {
	return api.Delegate{UserId: d.User.ID, Username: d.User.Username, FirstName: d.User.FirstName, LastName: d.User.LastName,
		Email: d.User.Email, Since: d.Since, LastActivityAt: d.LastActivityAt,
		Services: servicesDTO(d.Services), EndsOn: dateDTO(d.EndsOn)}
}

// servicesDTO lists granted services; nil (acting for oneself) is every
// delegable service.
func servicesDTO(codes []string) []api.DelegableService {
	if codes == nil {
		codes = delegation.DelegableServices
	}
	out := make([]api.DelegableService, len(codes))
	for i, c := range codes {
		out[i] = api.DelegableService(c)
	}
	return out
}

func servicesIn(list []api.DelegableService) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = string(c)
	}
	return out
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

// SearchDelegateCandidates is the « Rechercher » of « Ajouter délégataire ».
func (s *Server) SearchDelegateCandidates(ctx context.Context, req api.SearchDelegateCandidatesRequestObject) (api.SearchDelegateCandidatesResponseObject, error) {
	sess := mustSession(ctx)
	if err := s.limit(ctx, s.lim.candidateSearch, "user:"+sess.Actor.ID.String()); err != nil {
		return nil, err
	}
	username, email := "", ""
	if req.Params.Username != nil {
		username = *req.Params.Username
	}
	if req.Params.Email != nil {
		email = *req.Params.Email
	}
	u, err := s.Delegation.SearchCandidate(ctx, username, email)
	if err != nil {
		return nil, err
	}
	out := api.SearchDelegateCandidates200JSONResponse{}
	if u != nil {
		out = append(out, candidateDTO(*u))
	}
	return out, nil
}

func candidateDTO(u store.User) api.DelegateCandidate {
	return api.DelegateCandidate{UserId: u.ID, LastName: u.LastName, FirstName: u.FirstName, Username: u.Username, Email: u.Email}
}

// AddDelegate is « Confirmer délégataire ».
func (s *Server) AddDelegate(ctx context.Context, req api.AddDelegateRequestObject) (api.AddDelegateResponseObject, error) {
	var terms delegation.Terms
	if req.Body.Services != nil {
		terms.Services = servicesIn(*req.Body.Services)
	}
	if req.Body.EndsOn != nil {
		terms.EndsOn = req.Body.EndsOn.Format(time.DateOnly)
	}
	d, err := s.Delegation.Add(ctx, mustSession(ctx), req.Body.UserId, terms)
	if err != nil {
		return nil, err
	}
	return api.AddDelegate201JSONResponse(delegateDTO(d)), nil
}

// UpdateDelegate changes a délégataire's services or end date (§11).
func (s *Server) UpdateDelegate(ctx context.Context, req api.UpdateDelegateRequestObject) (api.UpdateDelegateResponseObject, error) {
	var c delegation.Change
	if req.Body.Services != nil {
		c.Services = servicesIn(*req.Body.Services)
	}
	if raw := bytes.TrimSpace(req.Body.EndsOn); len(raw) > 0 {
		c.SetEndsOn = true
		if !bytes.Equal(raw, []byte("null")) {
			if err := json.Unmarshal(raw, &c.EndsOn); err != nil || c.EndsOn == "" {
				return nil, apperr.Invalid(apperr.Field("/endsOn", "Indiquez une date au format AAAA-MM-JJ, ou null pour retirer la date de fin."))
			}
		}
	}
	d, err := s.Delegation.Update(ctx, mustSession(ctx), req.UserId, c)
	if err != nil {
		return nil, err
	}
	return api.UpdateDelegate200JSONResponse(delegateDTO(d)), nil
}

// RemoveDelegate is « Supprimer ».
func (s *Server) RemoveDelegate(ctx context.Context, req api.RemoveDelegateRequestObject) (api.RemoveDelegateResponseObject, error) {
	if err := s.Delegation.Remove(ctx, mustSession(ctx), req.UserId); err != nil {
		return nil, err
	}
	return api.RemoveDelegate204Response{}, nil
}

// ListDelegants lists the surveyors the user may act for.
func (s *Server) ListDelegants(ctx context.Context, _ api.ListDelegantsRequestObject) (api.ListDelegantsResponseObject, error) {
	list, err := s.Delegation.ListDelegants(ctx, mustSession(ctx).Actor)
	if err != nil {
		return nil, err
	}
	out := make(api.ListDelegants200JSONResponse, 0, len(list))
	for _, d := range list {
		out = append(out, api.Delegant{UserId: d.Person.ID, Username: d.Person.Username, Matricule: d.Person.Matricule, FirstName: d.Person.FirstName,
			LastName: d.Person.LastName, Since: d.Since, Self: d.Self, Services: servicesDTO(d.Services), EndsOn: dateDTO(d.EndsOn)})
	}
	return out, nil
}

// RenounceDelegation lets a délégataire stop acting for a surveyor.
func (s *Server) RenounceDelegation(ctx context.Context, req api.RenounceDelegationRequestObject) (api.RenounceDelegationResponseObject, error) {
	if err := s.Delegation.Renounce(ctx, mustSession(ctx).Actor, req.UserId); err != nil {
		return nil, err
	}
	return api.RenounceDelegation204Response{}, nil
}

func personRef(p auth.Person) api.PersonRef {
	ref := api.PersonRef{UserId: p.ID, Username: p.Username, FirstName: p.FirstName, LastName: p.LastName}
	if p.Matricule != "" {
		m := p.Matricule
		ref.Matricule = &m
	}
	return ref
}
