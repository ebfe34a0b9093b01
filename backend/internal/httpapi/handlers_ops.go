package httpapi

import (
	"context"
	"time"

	"espace/api"
	"espace/backend/internal/apperr"
)

// GetHealth says the process answers.
func (s *Server) GetHealth(context.Context, api.GetHealthRequestObject) (api.GetHealthResponseObject, error) {
	return api.GetHealth200JSONResponse{Status: "ok"}, nil
}

// errDatabaseUnreachable is /readyz's 503. It goes through the error
// handler like every other problem, so the request is counted with its code.
var errDatabaseUnreachable = apperr.Unavailable("Base de données injoignable.")

// GetReadiness says the database answers too.
func (s *Server) GetReadiness(ctx context.Context, _ api.GetReadinessRequestObject) (api.GetReadinessResponseObject, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		return nil, errDatabaseUnreachable
	}
	return api.GetReadiness200JSONResponse{Status: "ok"}, nil
}
