package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/portal"
)

// ListDossiers is « Suivi des dossiers » for the surveyor acted for.
func (s *Server) ListDossiers(ctx context.Context, req api.ListDossiersRequestObject) (api.ListDossiersResponseObject, error) {
	f := portal.DossierFilter{Page: 1, PageSize: 10}
	if p := req.Params; p.Kind != nil {
		f.Kind = portal.DossierKind(*p.Kind)
	}
	if req.Params.Number != nil {
		f.Number = *req.Params.Number
	}
	if req.Params.Page != nil {
		f.Page = *req.Params.Page
	}
	if req.Params.PageSize != nil {
		f.PageSize = *req.Params.PageSize
	}
	page, err := s.Portal.ListDossiers(ctx, mustSession(ctx), f)
	if err != nil {
		return nil, err
	}
	out := api.ListDossiers200JSONResponse{Page: page.Page, PageSize: page.PageSize, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, page.PageSize), Items: make([]api.Dossier, 0, len(page.Items))}
	for _, d := range page.Items {
		out.Items = append(out.Items, dossierDTO(d))
	}
	return out, nil
}

// GetDossier opens one dossier of the surveyor acted for.
func (s *Server) GetDossier(ctx context.Context, req api.GetDossierRequestObject) (api.GetDossierResponseObject, error) {
	d, err := s.Portal.GetDossier(ctx, mustSession(ctx), req.Number)
	if err != nil {
		return nil, err
	}
	return api.GetDossier200JSONResponse(dossierDTO(d)), nil
}

// CreateDossier opens a dossier (administrator).
func (s *Server) CreateDossier(ctx context.Context, req api.CreateDossierRequestObject) (api.CreateDossierResponseObject, error) {
	b := req.Body
	in := portal.NewDossier{Number: b.Number, Kind: portal.DossierKind(b.Kind), Matricule: b.Matricule, Title: b.Title}
	if b.ClosingDate != nil {
		t := b.ClosingDate.Time
		in.ClosingDate = &t
	}
	d, err := s.Portal.CreateDossier(ctx, mustSession(ctx).Actor, in)
	if err != nil {
		return nil, err
	}
	return api.CreateDossier201JSONResponse(dossierDTO(d)), nil
}

func dossierDTO(d portal.DossierView) api.Dossier {
	out := api.Dossier{Number: d.Number, Kind: api.DossierKind(d.Kind), Title: d.Title, Status: api.DossierStatus(d.Status),
		OpenedAt: d.OpenedAt, Responsible: personRef(d.Responsible), Read: d.ReadAt != nil, UnreadMessages: d.UnreadMessages}
	if d.ClosingDate != nil {
		cd := dateOf(*d.ClosingDate)
		out.ClosingDate = &cd
	}
	return out
}

func totalPages(total, size int) int {
	if size <= 0 || total == 0 {
		return 0
	}
	return (total + size - 1) / size
}
