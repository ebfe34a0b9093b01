package httpapi

import (
	"context"
	"time"

	"espace/api"
)

// GetHealth says the process answers.
func (s *Server) GetHealth(context.Context, api.GetHealthRequestObject) (api.GetHealthResponseObject, error) {
	return api.GetHealth200JSONResponse{Status: "ok"}, nil
}

// GetReadiness says the database answers too.
func (s *Server) GetReadiness(ctx context.Context, _ api.GetReadinessRequestObject) (api.GetReadinessResponseObject, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		return api.GetReadiness503ApplicationProblemPlusJSONResponse{UnavailableApplicationProblemPlusJSONResponse: api.UnavailableApplicationProblemPlusJSONResponse{
			Type: problemTypeBase + "unavailable", Title: "Base de données injoignable.", Status: 503, Code: "unavailable",
		}}, nil
	}
	return api.GetReadiness200JSONResponse{Status: "ok"}, nil
}
