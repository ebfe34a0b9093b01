package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/portal"
)

// ListDossiers is « Suivi des dossiers » for the surveyor acted for.
func (s *Server) ListDossiers(ctx context.Context, req api.ListDossiersRequestObject) (api.ListDossiersResponseObject, error) {
	p := req.Params
	page, size := pageOf(p.Page, p.PageSize)
	f := portal.DossierFilter{Kind: portal.DossierKind(deref(p.Kind, "")), Number: deref(p.Number, ""), Page: page, PageSize: size}
	list, err := s.Portal.ListDossiers(ctx, mustSession(ctx), f)
	if err != nil {
		return nil, err
	}
	return api.ListDossiers200JSONResponse(pageDTO(list, dossierDTO)), nil
}

// GetDossier opens one dossier of the surveyor acted for.
func (s *Server) GetDossier(ctx context.Context, req api.GetDossierRequestObject) (api.GetDossierResponseObject, error) {
	d, err := s.Portal.GetDossier(ctx, mustSession(ctx), req.Number)
	if err != nil {
		return nil, err
	}
	return api.GetDossier200JSONResponse(dossierDTO(d)), nil
}

func dossierDTO(d portal.DossierView) api.Dossier {
	out := api.Dossier{Number: d.Number, Kind: api.DossierKind(d.Kind), Title: d.Title, Status: api.DossierStatus(d.Status),
		OpenedAt: d.OpenedAt, Responsible: personRef(d.Responsible), Read: d.ReadAt != nil, UnreadMessages: d.UnreadMessages}
	if d.ClosingDate != nil {
		out.ClosingDate = ptr(dateOf(*d.ClosingDate))
	}
	return out
}

// ExtendClosingDate is « Prolongement de la date de fermeture ».
func (s *Server) ExtendClosingDate(ctx context.Context, req api.ExtendClosingDateRequestObject) (api.ExtendClosingDateResponseObject, error) {
	x, err := s.Portal.ExtendClosingDate(ctx, mustSession(ctx), req.Number, req.Body.NewClosingDate.Time, req.Body.Reason)
	if err != nil {
		return nil, err
	}
	out := api.ExtendClosingDate201JSONResponse{DossierNumber: x.DossierNumber, NewClosingDate: dateOf(x.NewDate),
		Reason: x.Reason, RequestedAt: x.RequestedAt}
	if x.PreviousDate != nil {
		out.PreviousClosingDate = ptr(dateOf(*x.PreviousDate))
	}
	return out, nil
}
