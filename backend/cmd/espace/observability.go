package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"

	"espace/backend/internal/config"
	"espace/backend/internal/mail"
	"espace/backend/internal/metrics"
	"espace/backend/internal/store"
	"espace/backend/internal/tracing"
)

// observability is what `espace serve` exposes to operators: Prometheus
// metrics on their own listener (ESPACE_METRICS_ADDR, never the public
// port) and OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT).
type observability struct {
	metrics *metrics.Metrics     // nil: off
	tracer  trace.TracerProvider // nil: off
	stop    func()
}

func startObservability(ctx context.Context, cfg config.Config, db *store.DB) (*observability, error) {
	o := &observability{stop: func() {}}
	var stops []func()
	o.stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	tp, shutdown, err := tracing.Setup(ctx, version())
	if err != nil {
		return nil, err
	}
	if tp != nil {
		if err := tracing.InstrumentGORM(db.DB); err != nil {
			return nil, err
		}
		o.tracer = tp
		stops = append(stops, func() {
			c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = shutdown(c)
		})
		slog.Info("traces OpenTelemetry envoyées (OTLP/HTTP)")
	}
	if cfg.MetricsAddr == "" {
		return o, nil
	}
	m := metrics.New(prometheus.NewRegistry())
	if sqlDB, err := db.DB.DB(); err == nil {
		m.WatchDB(sqlDB, "espace")
	}
	m.WatchOutbox(mail.Stats(db))
	m.WatchReadiness(db.Ping)
	o.metrics = m
	srv := m.Serve(cfg.MetricsAddr)
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		o.stop()
		return nil, err
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("métriques : écoute interrompue", "erreur", err.Error())
		}
	}()
	stops = append(stops, func() { _ = srv.Close() })
	slog.Info("métriques Prometheus sur /metrics", "adresse", cfg.MetricsAddr)
	return o, nil
}

// version is the module version of the binary, or its commit.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return bi.Main.Version
}
