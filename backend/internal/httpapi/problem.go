package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/seclog"
)

// problemTypeBase prefixes the "type" URI of every problem document.
const problemTypeBase = "https://espace.cadastre.gouv.qc.ca/problemes/"

var statusOfKind = map[apperr.Kind]int{
	apperr.KindInvalid:         http.StatusBadRequest,
	apperr.KindUnauthenticated: http.StatusUnauthorized,
	apperr.KindForbidden:       http.StatusForbidden,
	apperr.KindNotFound:        http.StatusNotFound,
	apperr.KindConflict:        http.StatusConflict,
	apperr.KindRateLimited:     http.StatusTooManyRequests,
	apperr.KindUnprocessable:   http.StatusUnprocessableEntity,
	apperr.KindUnavailable:     http.StatusServiceUnavailable,
}

// errorHandler is the one place where errors become HTTP responses. Client
// mistakes get their problem document; anything else is a 500 whose cause
// is logged with the request id and never shown.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p, retryAfter := s.toProblem(err, c)
	p.Instance = c.Request().URL.Path
	securityEvent(c, p)
	s.problemSeen(c, p)
	h := c.Response().Header()
	if p.Status == http.StatusUnauthorized {
		if c.Request().Header.Get(echo.HeaderAuthorization) == "" {
			h.Set("WWW-Authenticate", `Bearer realm="espace"`)
		} else {
			h.Set("WWW-Authenticate", `Bearer realm="espace", error="invalid_token"`)
		}
	}
	if retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(retryAfter))
	}
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(p.Status)
	if c.Request().Method == http.MethodHead {
		return
	}
	_ = json.NewEncoder(c.Response()).Encode(p)
}

// securityEvent logs every 401 and 403 with its problem code (SPEC §17).
func securityEvent(c echo.Context, p api.Problem) {
	var name string
	switch p.Status {
	case http.StatusUnauthorized:
		name = seclog.Unauthenticated
	case http.StatusForbidden:
		name = seclog.Forbidden
	default:
		return
	}
	req := c.Request()
	seclog.Log(req.Context(), seclog.Event{
		Name: name, Outcome: seclog.Denied, Code: string(p.Code), Target: req.Method + " " + req.URL.Path,
		IP: c.RealIP(), RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	})
}

func (s *Server) toProblem(err error, c echo.Context) (api.Problem, int) {
	if ae, ok := apperr.As(err); ok && ae.Kind != apperr.KindInternal {
		p := newProblem(statusOfKind[ae.Kind], ae.Code, ae.Title)
		p.Detail = ae.Detail
		for _, f := range ae.Fields {
			p.Errors = append(p.Errors, api.FieldError{Pointer: f.Pointer, Detail: f.Detail})
		}
		retry := 0
		if ae.RetryAfter > 0 {
			retry = int(ae.RetryAfter.Seconds() + 0.999)
		}
		return p, retry
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return httpErrorProblem(he), 0
	}
	slog.ErrorContext(c.Request().Context(), "erreur interne", "err", err.Error(),
		"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "path", c.Request().URL.Path)
	return newProblem(http.StatusInternalServerError, api.ProblemCodeInternal, "Une erreur interne est survenue. Veuillez réessayer plus tard."), 0
}

func newProblem(status int, code api.ProblemCode, title string) api.Problem {
	return api.Problem{Type: problemTypeBase + string(code), Title: title, Status: status, Code: code}
}

// echoProblems maps the statuses Echo itself answers with (unknown routes,
// wrong methods, oversized bodies, missing credentials) to their problem.
var echoProblems = map[int]struct {
	code  api.ProblemCode
	title string
}{
	http.StatusNotFound:              {api.ProblemCodeNotFound, "Ressource introuvable."},
	http.StatusMethodNotAllowed:      {api.ProblemCodeMethodNotAllowed, "Méthode non permise pour cette ressource."},
	http.StatusRequestEntityTooLarge: {api.ProblemCodePayloadTooLarge, "Le corps de la requête est trop volumineux."},
	http.StatusUnsupportedMediaType:  {api.ProblemCodeUnsupportedMediaType, "Type de contenu non pris en charge : utilisez application/json."},
	http.StatusUnauthorized:          {api.ProblemCodeUnauthenticated, "Authentification requise."},
	http.StatusServiceUnavailable:    {api.ProblemCodeUnavailable, "Service temporairement indisponible."},
}

// httpErrorProblem covers what Echo itself rejects: unknown routes, wrong
// methods, oversized bodies, malformed parameters.
func httpErrorProblem(he *echo.HTTPError) api.Problem {
	if known, ok := echoProblems[he.Code]; ok {
		return newProblem(he.Code, known.code, known.title)
	}
	if he.Code >= 400 && he.Code < 500 {
		// Never the binder's own (English) message: French field errors.
		p := newProblem(http.StatusBadRequest, api.ProblemCodeValidationFailed, "La requête est invalide.")
		p.Errors = bindingFields(he)
		return p
	}
	return newProblem(http.StatusInternalServerError, api.ProblemCodeInternal, "Une erreur interne est survenue. Veuillez réessayer plus tard.")
}
