package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/accounts"
)

// ListSurveyors lists every surveyor (administrator).
func (s *Server) ListSurveyors(ctx context.Context, _ api.ListSurveyorsRequestObject) (api.ListSurveyorsResponseObject, error) {
	svs, err := s.Accounts.ListSurveyors(ctx)
	if err != nil {
		return nil, err
	}
	out := make(api.ListSurveyors200JSONResponse, 0, len(svs))
	for _, sv := range svs {
		out = append(out, surveyorDTO(sv))
	}
	return out, nil
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
