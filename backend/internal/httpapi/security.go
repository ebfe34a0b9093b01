package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"espace/api"
	"espace/backend/internal/seclog"
)

// adminEvents logs every administration action (an operation reserved to
// administrators that changes something) as a security event, whatever its
// outcome (SPEC §17). Reads are not actions; refusals are logged by the error
// handler with their problem code.
func adminEvents(f api.StrictHandlerFunc, name string) api.StrictHandlerFunc {
	// The generated code names the operation in Go (GrantSurveyor); the
	// table uses the contract's operationId (grantSurveyor).
	operationID := strings.ToLower(name[:1]) + name[1:]
	if operationNeeds[operationID] != needAdmin {
		return f
	}
	return func(c echo.Context, request any) (any, error) {
		res, err := f(c, request)
		req := c.Request()
		if req.Method == http.MethodGet || req.Method == http.MethodHead {
			return res, err
		}
		outcome := seclog.Success
		if err != nil {
			outcome = seclog.Failure
		}
		seclog.Log(req.Context(), seclog.Event{Name: seclog.Admin, Outcome: outcome, Target: req.Method + " " + req.URL.Path, Reason: operationID})
		return res, err
	}
}
