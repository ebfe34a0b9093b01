// Package tracing sends OpenTelemetry traces when, and only when,
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set.
// The exporter speaks OTLP over HTTP and honours the standard OTEL_*
// variables (headers, protocol options, OTEL_SERVICE_NAME,
// OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER…). The provider is passed to
// whoever makes spans; nothing is installed globally.
//
// Spans name people by opaque ids only (user uuids), never by username or
// name; SQL statements are recorded with their placeholders, not their values.
package tracing

import (
	"context"
	"os"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"
)

// Enabled tells whether the environment asks for traces.
func Enabled() bool {
	return os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// Setup returns the tracer provider of the process, or nil when tracing is
// off. shutdown flushes the spans still buffered.
func Setup(ctx context.Context, version string) (tp trace.TracerProvider, shutdown func(context.Context) error, err error) {
	if !Enabled() {
		return nil, func(context.Context) error { return nil }, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, err
	}
	res, err := resource.New(ctx, resource.WithFromEnv(), resource.WithTelemetrySDK(), resource.WithHost(),
		resource.WithAttributes(semconv.ServiceVersion(version)))
	if res == nil {
		return nil, nil, err // a partial resource is still used
	}
	if os.Getenv("OTEL_SERVICE_NAME") == "" {
		res, _ = resource.Merge(res, resource.NewSchemaless(semconv.ServiceName("espace")))
	}
	p := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return p, p.Shutdown, nil
}

// FromContext is the provider of the span in ctx: code called under a
// traced request makes its spans with it, and makes none (a no-op provider)
// outside one.
func FromContext(ctx context.Context) trace.TracerProvider {
	return trace.SpanFromContext(ctx).TracerProvider()
}

// Start begins a child span of the span in ctx, only when there is one.
func Start(ctx context.Context, scope, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	parent := trace.SpanFromContext(ctx)
	if !parent.SpanContext().IsValid() {
		return ctx, parent
	}
	return parent.TracerProvider().Tracer(scope).Start(ctx, name, opts...)
}
