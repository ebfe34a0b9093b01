package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/delegation"
)

// ListDelegates is the table of « Gestion des délégataires ».
func (s *Server) ListDelegates(ctx context.Context, _ api.ListDelegatesRequestObject) (api.ListDelegatesResponseObject, error) {
	list, err := s.Delegation.ListDelegates(ctx, mustSession(ctx))
	if err != nil {
		return nil, err
	}
	return api.ListDelegates200JSONResponse(listDTO(list, delegateDTO)), nil
}

func delegateDTO(d delegation.DelegateView) api.Delegate {
	return api.Delegate{UserId: d.ID, Username: d.Username, FirstName: d.FirstName, LastName: d.LastName,
		Email: d.Email, Since: d.Since, LastActivityAt: d.LastActivityAt,
		Services: servicesDTO(d.Services), EndsOn: dateDTO(d.EndsOn)}
}

func servicesIn(list []api.DelegableService) []string {
	return listDTO(list, func(c api.DelegableService) string { return string(c) })
}

// SearchDelegateCandidates is the « Rechercher » of « Ajouter délégataire ».
func (s *Server) SearchDelegateCandidates(ctx context.Context, req api.SearchDelegateCandidatesRequestObject) (api.SearchDelegateCandidatesResponseObject, error) {
	sess := mustSession(ctx)
	if err := s.limit(ctx, s.lim.candidateSearch, "user:"+sess.Actor.ID.String()); err != nil {
		return nil, err
	}
	u, err := s.Delegation.SearchCandidate(ctx, deref(req.Params.Username, ""), deref(req.Params.Email, ""))
	if err != nil {
		return nil, err
	}
	out := api.SearchDelegateCandidates200JSONResponse{}
	if u != nil {
		out = append(out, candidateDTO(*u))
	}
	return out, nil
}

func candidateDTO(u accounts.Contact) api.DelegateCandidate {
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
	return api.ListDelegants200JSONResponse(listDTO(list, delegantDTO)), nil
}

func delegantDTO(d delegation.DelegantView) api.Delegant {
	return api.Delegant{UserId: d.Person.ID, Username: d.Person.Username, Matricule: d.Person.Matricule, FirstName: d.Person.FirstName,
		LastName: d.Person.LastName, Since: d.Since, Self: d.Self, Services: servicesDTO(d.Services), EndsOn: dateDTO(d.EndsOn)}
}

// RenounceDelegation lets a délégataire stop acting for a surveyor.
func (s *Server) RenounceDelegation(ctx context.Context, req api.RenounceDelegationRequestObject) (api.RenounceDelegationResponseObject, error) {
	if err := s.Delegation.Renounce(ctx, mustSession(ctx).Actor, req.UserId); err != nil {
		return nil, err
	}
	return api.RenounceDelegation204Response{}, nil
}
