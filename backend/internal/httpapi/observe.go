package httpapi

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"espace/api"
	"espace/backend/internal/auth"
	"espace/backend/internal/metrics"
)

// pdfRule names the refusals of a PDF export for lack of a layout slot.
const pdfRule = "pdf-at-once"

// problemCodeKey carries the problem code from the error handler to observe.
const problemCodeKey = "espace.problem_code"

// propagator reads the caller's W3C trace context (traceparent, tracestate).
var propagator = propagation.TraceContext{}

// observe measures every request (metrics by operationId, status class and
// problem code) and, when tracing is on, makes its server span, named by the
// operationId, whose trace id becomes the request id (requestID). It runs
// first, so it sees the final status of every response.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	if s.m == nil && s.tracer == nil {
		return next
	}
	return func(c echo.Context) error {
		start := time.Now()
		op := s.lookup(c)
		series, name := s.unknown, metrics.UnknownOperation
		if op != nil {
			series, name = op.series, op.ID
		}
		var span trace.Span
		if s.tracer != nil {
			req := c.Request()
			ctx := propagator.Extract(req.Context(), propagation.HeaderCarrier(req.Header))
			ctx, span = s.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindServer),
				trace.WithAttributes(attribute.String("http.request.method", req.Method), attribute.String("http.route", c.Path())))
			c.SetRequest(req.WithContext(ctx))
		}
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		status := c.Response().Status
		code := ""
		if status >= 400 {
			code, _ = c.Get(problemCodeKey).(string)
		}
		series.Done(status, code, time.Since(start))
		if span != nil {
			endSpan(span, c, status, code)
		}
		return nil
	}
}

// endSpan names the people of the request by their ids only.
func endSpan(span trace.Span, c echo.Context, status int, code string) {
	attrs := []attribute.KeyValue{attribute.Int("http.response.status_code", status)}
	if code != "" {
		attrs = append(attrs, attribute.String("espace.problem.code", code))
	}
	if sess, ok := auth.FromContext(c.Request().Context()); ok {
		attrs = append(attrs, attribute.String("enduser.id", sess.Actor.ID.String()))
		if sess.Principal != nil {
			attrs = append(attrs, attribute.String("espace.principal.id", sess.Principal.ID.String()))
		}
	}
	span.SetAttributes(attrs...)
	if status >= 500 {
		span.SetStatus(codes.Error, "HTTP "+strconv.Itoa(status))
	}
	span.End()
}

// problemSeen is called by the error handler for every problem document:
// observe labels the request with its code, and a 403 counts as a refusal.
func (s *Server) problemSeen(c echo.Context, p api.Problem) {
	if s.m == nil && s.tracer == nil {
		return
	}
	c.Set(problemCodeKey, string(p.Code))
	if p.Status == 403 {
		name := metrics.UnknownOperation
		if op := s.lookup(c); op != nil {
			name = op.ID
		}
		s.m.Refused(name, string(p.Code))
	}
}
