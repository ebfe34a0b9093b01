// Package httpapi serves the contract of openapi.yaml: it implements the
// generated strict server interface, one file per tag, behind middleware
// that validates requests, authenticates once per request and maps errors
// to RFC 9457 problem documents.
package httpapi

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/swaggest/swgui/v5emb"
	"go.opentelemetry.io/otel/trace"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/delegation"
	"espace/backend/internal/metrics"
	"espace/backend/internal/portal"
	"espace/backend/internal/ratelimit"
)

var _ api.StrictServerInterface = (*Server)(nil)

// Config is the HTTP side of the configuration.
type Config struct {
	// PublicURL is the service's public base URL (ESPACE_PUBLIC_URL): the
	// refresh cookie is only honoured for requests of its origin, and an
	// https URL turns HSTS on.
	PublicURL      string
	TrustedProxies []string // CIDRs whose X-Forwarded-For is believed
	BodyLimit      string   // e.g. "1M"
	WebDir         string   // built SPA; empty or missing: API only
	Limits         Limits
	// RateStore keeps the rate-limit buckets: a ratelimit.Redis shared by
	// every instance, or nil for this process's memory.
	RateStore ratelimit.Store
	// Metrics records requests, refusals, limits, logins and exports; nil:
	// none.
	Metrics *metrics.Metrics
	// Tracer makes a span per request, named by operationId, with the
	// caller's W3C trace context as parent; nil: no tracing.
	Tracer trace.TracerProvider
}

// Server implements api.StrictServerInterface.
type Server struct {
	Accounts   *accounts.Service
	Delegation *delegation.Service
	Portal     *portal.Service
	Activity   *activity.Service
	db         Pinger // the readiness probe's database
	cfg        Config
	ops        map[string]*operation
	lim        limiters
	m          *metrics.Metrics
	unknown    *metrics.Operation // requests that matched no operation
	tracer     trace.Tracer       // nil: tracing off
}

// Services are the domain services the API exposes. The handlers reach the
// data through them only.
type Services struct {
	Accounts   *accounts.Service
	Delegation *delegation.Service
	Portal     *portal.Service
	Activity   *activity.Service
}

// Pinger is what the readiness probe needs of the database (a *store.DB).
type Pinger interface {
	Ping(ctx context.Context) error
}

// New builds the Echo application: API, documentation and SPA on one port.
// db answers the readiness probe.
func New(db Pinger, svc Services, cfg Config) (*echo.Echo, error) {
	s, err := newServer(db, svc, cfg)
	if err != nil {
		return nil, err
	}
	return s.handler()
}

func newServer(db Pinger, svc Services, cfg Config) (*Server, error) {
	defineFormats()
	spec, err := api.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("contrat OpenAPI : %w", err)
	}
	spec.Servers = nil
	ops, err := indexOperations(spec)
	if err != nil {
		return nil, fmt.Errorf("contrat OpenAPI : %w", err)
	}
	s := &Server{
		Accounts: svc.Accounts, Delegation: svc.Delegation, Portal: svc.Portal, Activity: svc.Activity, db: db, cfg: cfg, ops: ops,
		lim: newLimiters(cfg.RateStore, cfg.Limits), m: cfg.Metrics,
	}
	// Each operation's series are resolved once, not per request.
	for _, op := range s.ops {
		op.series = s.m.Op(op.ID)
	}
	s.unknown = s.m.Op(metrics.UnknownOperation)
	if cfg.Tracer != nil {
		s.tracer = cfg.Tracer.Tracer("espace/httpapi")
	}
	return s, nil
}

func (s *Server) handler() (*echo.Echo, error) {
	cfg := s.cfg
	var err error
	if cfg.BodyLimit == "" {
		cfg.BodyLimit = "1M"
	}

	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor, err = ipExtractor(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	e.Use(s.observe, middleware.Recover())
	e.Use(requestID, accessLog, s.securityHeaders, cleanHeaders)
	// JSON bodies are small; DM files may reach 5 MB plus the multipart envelope.
	isUpload := func(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/v1/dm-") }
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: cfg.BodyLimit, Skipper: isUpload}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "6M", Skipper: func(c echo.Context) bool { return !isUpload(c) }}))
	e.Use(s.authenticate, s.validateRequest)

	api.RegisterHandlers(e, api.NewStrictHandler(s, []api.StrictMiddlewareFunc{adminEvents}))

	e.GET("/api/v1/openapi.yaml", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", api.SpecYAML)
	})
	docs := v5emb.New("Mon espace client — API", "/api/v1/openapi.yaml", "/api/docs/")
	e.GET("/api/docs", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/api/docs/") })
	e.GET("/api/docs/*", echo.WrapHandler(docs))

	if cfg.WebDir != "" {
		if st, err := os.Stat(filepath.Join(cfg.WebDir, "index.html")); err == nil && !st.IsDir() {
			e.Use(middleware.StaticWithConfig(middleware.StaticConfig{
				Root:  cfg.WebDir,
				HTML5: true,
				Skipper: func(c echo.Context) bool {
					p := c.Request().URL.Path
					return strings.HasPrefix(p, "/api/") || p == "/api" || p == "/healthz" || p == "/readyz"
				},
			}))
		}
	}
	return e, nil
}

// ipExtractor decides which address is the client's. X-Forwarded-For is only
// believed from the configured proxies; otherwise the peer address counts.
func ipExtractor(trusted []string) (echo.IPExtractor, error) {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect(), nil
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, cidr := range trusted {
		_, n, err := net.ParseCIDR(strings.TrimSpace(cidr))
		if err != nil {
			return nil, fmt.Errorf("ESPACE_TRUSTED_PROXIES : %q n'est pas un bloc CIDR : %w", cidr, err)
		}
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...), nil
}

// Spec returns the contract, for tests.
func Spec() (*openapi3.T, error) { return api.GetSpec() }
