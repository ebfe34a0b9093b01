package main

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"espace/backend/internal/auth"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/metrics"
	"espace/backend/internal/store"
	"espace/backend/internal/tracing"
)

// discard is a span exporter that drops what it is given: the spans are
// still made, sampled and batched as in production, only not sent.
type discard struct{}

func (discard) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discard) Shutdown(context.Context) error                             { return nil }

// observedApp is the application as `espace serve` runs it with
// ESPACE_METRICS_ADDR and OTEL_EXPORTER_OTLP_ENDPOINT set: Prometheus
// metrics (scraped every second meanwhile, like a busy Prometheus), every
// request traced (GORM statements included) into a batching exporter that
// discards. It has a pool of its own, like the application without them.
func observedApp(ctx context.Context, dbURL string, tokens *auth.TokenIssuer) (string, func(), error) {
	db, err := store.Open(dbURL, "")
	if err != nil {
		return "", nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(discard{}))
	if err := tracing.InstrumentGORM(db.DB); err != nil {
		db.Close()
		return "", nil, err
	}
	m := metrics.New(prometheus.NewRegistry())
	if sqlDB, err := db.DB.DB(); err == nil {
		m.WatchDB(sqlDB, "espace")
	}
	m.WatchOutbox(mail.Stats(db))
	m.WatchReadiness(db.Ping)
	_, svc := services(db, tokens)
	e, err := httpapi.New(db, svc, httpapi.Config{Limits: unlimited(), Metrics: m, Tracer: tp})
	if err != nil {
		db.Close()
		return "", nil, err
	}
	appURL, stopApp, err := serve(e)
	if err != nil {
		db.Close()
		return "", nil, err
	}
	metricsURL, stopMetrics, err := serve(m.Handler())
	if err != nil {
		stopApp()
		db.Close()
		return "", nil, err
	}
	scrapeCtx, stopScrape := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-scrapeCtx.Done():
				return
			case <-t.C:
				if res, err := http.Get(metricsURL); err == nil { //nolint:gosec // the metrics listener of the server this measurement started
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		}
	}()
	return appURL, func() {
		stopScrape()
		<-done
		stopMetrics()
		stopApp()
		_ = tp.Shutdown(context.Background())
		db.Close()
	}, nil
}
