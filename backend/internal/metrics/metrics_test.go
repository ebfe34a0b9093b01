package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"espace/backend/internal/metrics"
)

// A nil *Metrics is metrics off: every call is a no-op.
func TestNilIsOff(t *testing.T) {
	var m *metrics.Metrics
	m.Op("login").Done(200, "", time.Millisecond)
	m.Refused("listDelegates", "surveyor_only")
	m.RateLimited("export")
	m.Login(metrics.LoginSuccess)
	m.Export("xlsx", true, time.Second, 3)
	m.MailSent()
	m.MailFailed()
	m.SMTPAttempt(time.Millisecond, errors.New("x"))
	m.DeadlineRun()
	m.DeadlineItems(metrics.DeadlineEnded, 2)
	m.WatchDB(nil, "x")
	if m.Registry() != nil {
		t.Fatal("registre d'une mesure éteinte")
	}
}

// The hot path: a request of a known operation costs no allocation.
func TestRequestCostsNoAllocation(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	op := m.Ops([]string{"listDossiers"})["listDossiers"]
	if n := testing.AllocsPerRun(1000, func() { op.Done(200, "", 3*time.Millisecond) }); n != 0 {
		t.Fatalf("%v allocations par requête", n)
	}
	if got := testutil.ToFloat64(m.Op("listDossiers").OKCounter(200)); got != 1001 {
		t.Fatalf("compteur %v", got)
	}
}

// Two registries do not share series (tests run side by side).
func TestRegistriesAreSeparate(t *testing.T) {
	a, b := metrics.New(prometheus.NewRegistry()), metrics.New(prometheus.NewRegistry())
	a.MailSent()
	n, err := testutil.GatherAndCount(b.Registry(), "espace_outbox_sent_total")
	if err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	if v, _ := testutil.GatherAndCount(a.Registry(), "espace_outbox_sent_total"); v != 1 {
		t.Fatal(v)
	}
}
