package httpapi

import (
	"context"
	"errors"

	"espace/api"
)

// Being written: the activity query and exports.
var errActivitiesPending = errors.New("suivi des activités : en cours d'écriture")

func (s *Server) ListActivities(context.Context, api.ListActivitiesRequestObject) (api.ListActivitiesResponseObject, error) {
	return nil, errActivitiesPending
}

func (s *Server) ExportActivities(context.Context, api.ExportActivitiesRequestObject) (api.ExportActivitiesResponseObject, error) {
	return nil, errActivitiesPending
}

func (s *Server) GetActivityFilters(context.Context, api.GetActivityFiltersRequestObject) (api.GetActivityFiltersResponseObject, error) {
	return nil, errActivitiesPending
}
