package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel/trace"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/seclog"
	"espace/backend/internal/tracing"
)

// requestInfo is what handlers may need of the HTTP exchange itself.
type requestInfo struct {
	ClientIP  string
	UserAgent string
	Header    http.Header
	Writer    http.ResponseWriter // to set cookies from strict handlers
}

type requestInfoKey struct{}

// requestContext carries the requestInfo in one allocation, where
// context.WithValue would take two (its context and the boxed struct).
type requestContext struct {
	context.Context
	info requestInfo
}

func (r *requestContext) Value(key any) any {
	if key == (requestInfoKey{}) {
		return &r.info
	}
	return r.Context.Value(key)
}

func infoFrom(ctx context.Context) requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return *ri
	}
	return requestInfo{}
}

// requestID gives every request an id, echoed in the response and the logs.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if sc := trace.SpanContextFromContext(c.Request().Context()); sc.IsValid() {
			// Traced: the logs and the trace share one id.
			id = sc.TraceID().String()
		} else if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		c.SetRequest(c.Request().WithContext(seclog.WithRequest(c.Request().Context(), c.RealIP(), id)))
		return next(c)
	}
}

// accessLog writes one JSON line per request.
func accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req := c.Request()
		level := slog.LevelInfo
		if c.Response().Status >= 500 {
			level = slog.LevelError
		}
		slog.Log(req.Context(), level, "requête",
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", req.Method, "path", req.URL.Path, "status", c.Response().Status,
			"duree_ms", time.Since(start).Milliseconds(), "ip", c.RealIP())
		return nil
	}
}

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if strings.HasPrefix(s.cfg.PublicURL, "https://") {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if strings.HasPrefix(c.Request().URL.Path, "/api/docs") {
			// The documentation page styles itself inline.
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		} else {
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
		}
		if strings.HasPrefix(c.Request().URL.Path, "/api/") {
			h.Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// authenticate resolves the caller once per request, against live data, and
// enforces the operation's need from operationNeeds.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		var ctx context.Context = &requestContext{Context: req.Context(), info: requestInfo{
			ClientIP: c.RealIP(), UserAgent: req.UserAgent(), Header: req.Header, Writer: c.Response(),
		}}
		op := s.lookup(c)
		if op == nil {
			c.SetRequest(req.WithContext(ctx))
			return next(c)
		}
		n, ok := operationNeeds[op.ID]
		if !ok {
			// Fail closed: an operation nobody classified is not served.
			return apperr.Forbidden(api.ProblemCodeForbidden, "Opération non permise.")
		}
		if n != needPublic {
			raw, found := strings.CutPrefix(req.Header.Get(echo.HeaderAuthorization), "Bearer ")
			if !found || strings.TrimSpace(raw) == "" {
				return apperr.Unauthenticated("Authentification requise : jeton d'accès manquant.")
			}
			tok, err := s.Accounts.Authenticate(strings.TrimSpace(raw))
			if err != nil {
				return err
			}
			// The one decision of who acts for whom, once per request, in
			// one statement against live data.
			sctx, span := tracing.Start(ctx, "espace/httpapi", "delegation.establish")
			sess, err := s.Delegation.Establish(sctx, tok)
			span.End()
			if err != nil {
				return err
			}
			if err := allowed(n, sess); err != nil {
				return err
			}
			if n == needPrincipal {
				// The operation's service must be granted (§11); writes
				// check it again under lock (delegation.Guard).
				code, ok := operationServices[op.ID]
				if !ok {
					return apperr.Forbidden(api.ProblemCodeForbidden, "Opération non permise.")
				}
				sess.Service = code
				if err := delegation.CheckService(sess, sess.Service); err != nil {
					return err
				}
			}
			ctx = auth.WithSession(ctx, sess)
		}
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

// allowed applies the operation's need to the resolved session.
func allowed(n need, sess *auth.Session) error {
	switch n {
	case needAdmin:
		if !sess.Actor.IsAdmin {
			return apperr.Forbidden(api.ProblemCodeAdminOnly, "Cette opération est réservée aux administrateurs du ministère.")
		}
	case needPrincipal:
		if sess.Principal == nil {
			return delegation.RefusalFor(sess.Standing)
		}
	case needSurveyorSelf:
		if !sess.ActsForSelf() {
			return delegation.ErrSurveyorOnly
		}
	case needPassword:
		if sess.ViaAPIToken() {
			return accounts.ErrAPITokenNotAllowed
		}
	}
	return nil
}

// mustSession returns the session that authenticate put in ctx.
func mustSession(ctx context.Context) *auth.Session {
	s, ok := auth.FromContext(ctx)
	if !ok {
		panic("httpapi: operation without session: missing entry in operationNeeds?")
	}
	return s
}
