package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/portal"
)

// The administration console (§15): operations of the admin tag, for
// administrators only (operationNeeds).

// ListSurveyors lists every surveyor (administrator).
func (s *Server) ListSurveyors(ctx context.Context, _ api.ListSurveyorsRequestObject) (api.ListSurveyorsResponseObject, error) {
	svs, err := s.Accounts.ListSurveyors(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListSurveyors200JSONResponse(listDTO(svs, surveyorDTO)), nil
}

// GrantSurveyor gives surveyor status (administrator).
func (s *Server) GrantSurveyor(ctx context.Context, req api.GrantSurveyorRequestObject) (api.GrantSurveyorResponseObject, error) {
	sv, err := s.Accounts.GrantSurveyor(ctx, mustSession(ctx).Actor, req.Body.Username, req.Body.Matricule)
	if err != nil {
		return nil, err
	}
	return api.GrantSurveyor201JSONResponse(surveyorDTO(sv)), nil
}

// RevokeSurveyor withdraws surveyor status (administrator); the record stays.
func (s *Server) RevokeSurveyor(ctx context.Context, req api.RevokeSurveyorRequestObject) (api.RevokeSurveyorResponseObject, error) {
	if err := s.Accounts.RevokeSurveyor(ctx, mustSession(ctx).Actor, req.Matricule); err != nil {
		return nil, err
	}
	return api.RevokeSurveyor204Response{}, nil
}

func surveyorDTO(sv accounts.SurveyorView) api.Surveyor {
	return api.Surveyor{UserId: sv.UserID, Username: sv.User.Username, FirstName: sv.User.FirstName, LastName: sv.User.LastName,
		Email: sv.User.Email, Matricule: sv.Matricule, GrantedAt: sv.GrantedAt}
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

// PostDossierMessage publishes a message on a dossier (administrator).
func (s *Server) PostDossierMessage(ctx context.Context, req api.PostDossierMessageRequestObject) (api.PostDossierMessageResponseObject, error) {
	m, err := s.Portal.PostMessage(ctx, mustSession(ctx).Actor, req.Number, req.Body.Subject, req.Body.Body)
	if err != nil {
		return nil, err
	}
	return api.PostDossierMessage201JSONResponse(messageDTO(m)), nil
}

// PostCommunique publishes a communiqué (administrator).
func (s *Server) PostCommunique(ctx context.Context, req api.PostCommuniqueRequestObject) (api.PostCommuniqueResponseObject, error) {
	c, err := s.Portal.PostCommunique(ctx, mustSession(ctx).Actor, req.Body.Subject, req.Body.Body)
	if err != nil {
		return nil, err
	}
	return api.PostCommunique201JSONResponse(communiqueDTO(c)), nil
}

// ListAdminActivities is the administration journal (§13): the same table
// over admin_activities, every entry, for administrators only.
func (s *Server) ListAdminActivities(ctx context.Context, req api.ListAdminActivitiesRequestObject) (api.ListAdminActivitiesResponseObject, error) {
	page, err := s.activityPage(ctx, activity.AdminJournal, api.ListActivitiesParams(req.Params))
	if err != nil {
		return nil, err
	}
	return api.ListAdminActivities200JSONResponse(page), nil
}

// ExportAdminActivities exports the administration journal's view, on the
// same terms as ExportActivities.
func (s *Server) ExportAdminActivities(ctx context.Context, req api.ExportAdminActivitiesRequestObject) (api.ExportAdminActivitiesResponseObject, error) {
	f, err := s.exportFile(ctx, activity.AdminJournal, api.ExportActivitiesParams(req.Params))
	if err != nil {
		return nil, err
	}
	headers := api.ExportAdminActivities200ResponseHeaders{ContentDisposition: &f.disposition}
	if f.pdf {
		return api.ExportAdminActivities200ApplicationpdfResponse{Body: f.body, Headers: headers}, nil
	}
	return api.ExportAdminActivities200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: f.body, Headers: headers}, nil
}

// GetAdminActivityFilters offers the filter values of the administration
// journal: its activity types, and everyone who appears in it, whichever
// administrator is asking (§13).
func (s *Server) GetAdminActivityFilters(ctx context.Context, _ api.GetAdminActivityFiltersRequestObject) (api.GetAdminActivityFiltersResponseObject, error) {
	f, err := s.activityFilters(ctx, activity.AdminJournal)
	if err != nil {
		return nil, err
	}
	return api.GetAdminActivityFilters200JSONResponse(f), nil
}
