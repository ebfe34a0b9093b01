package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"go.opentelemetry.io/otel/trace"

	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/metrics"
	"espace/backend/internal/ratelimit"
	"espace/backend/internal/testdb"
	"espace/backend/internal/testutil"
)

// refusedDomain is a recipient domain the test's mail system refuses.
const refusedDomain = "@refus.exemple.qc.ca"

// countingSender hands messages to the real SMTP listener, except those for
// refusedDomain, which fail, and counts both.
type countingSender struct {
	next         mail.Sender
	sent, failed atomic.Int64
}

func (s *countingSender) Send(ctx context.Context, m mail.Message) error {
	if strings.HasSuffix(m.To, refusedDomain) {
		s.failed.Add(1)
		return errors.New("550 destinataire refusé")
	}
	err := s.next.Send(ctx, m)
	if err == nil {
		s.sent.Add(1)
	} else {
		s.failed.Add(1)
	}
	return err
}

// observedEnv is env with metrics and/or tracing on, and the worker's sender
// counting what it did.
func observedEnv(t *testing.T, m *metrics.Metrics, tp trace.TracerProvider, limits httpapi.Limits) (*env, *countingSender) {
	t.Helper()
	db := testdb.DB(t)
	smtp, smtpSender := startSMTP(t)
	sender := &countingSender{next: smtpSender}
	worker := mail.NewWorker(db, sender, mail.WorkerOptions{PollInterval: 50 * time.Millisecond, BaseBackoff: time.Hour,
		Metrics: m, Tracer: tp})
	runWorker(t, worker)
	e := wire(t, db, nil, worker.Notify)
	e.smtp = smtp
	e.serve(db, httpapi.Config{TrustedProxies: []string{"127.0.0.1/32", "::1/128"}, Limits: limits, Metrics: m, Tracer: tp})
	return e, sender
}

// newMetrics is the metrics of `espace serve`, on a registry of the test's own.
func newMetrics(t *testing.T) *metrics.Metrics {
	t.Helper()
	db := testdb.DB(t)
	m := metrics.New(prometheus.NewRegistry())
	sqlDB, err := db.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	m.WatchDB(sqlDB, "espace")
	m.WatchOutbox(mail.Stats(db))
	m.WatchReadiness(db.Ping)
	return m
}

// scrape reads the metrics listener as Prometheus would.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET %s → %d", url, res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

// value is the sum of the samples of a family whose labels include want
// (counters, gauges; histograms: their count).
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	f, ok := fams[name]
	if !ok {
		return 0, false
	}
	sum, found := 0.0, false
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		found = true
		switch {
		case m.Counter != nil:
			sum += m.GetCounter().GetValue()
		case m.Gauge != nil:
			sum += m.GetGauge().GetValue()
		case m.Histogram != nil:
			sum += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum, found
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("attendu en vain : %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The metrics listener, after a scripted scenario, holds each series with
// the values the scenario implies; the public port knows no /metrics; no
// label carries a user id, a username or a path.
func TestMetricsAfterScenario(t *testing.T) {
	m := newMetrics(t)
	lim := generous
	lim.ExportPerUser = ratelimit.Rule{Burst: 1, Every: time.Hour}
	e, sender := observedEnv(t, m, nil, lim)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	msrv := m.Serve(ln.Addr().String())
	go func() {
		if err := msrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Error(err)
		}
	}()
	t.Cleanup(func() { msrv.Close() })
	metricsURL := "http://" + ln.Addr().String() + "/metrics"

	// The scenario: a surveyor adds a délégataire (mail to both), who logs
	// in (once with a wrong password), acts for the surveyor, lists the
	// dossiers, is refused managing délégataires, exports twice (the second
	// is over the limit); one sign-up's welcome mail is refused.
	s := e.surveyor("metsurv")
	d := e.signUp("metdeleg")
	st := e.login(s)
	e.expect(e.addDelegate(st, d.ID), 201)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": d.Username, "password": "pas le bon mot de passe"}}), 401)
	dt := e.login(d)
	dt, _ = e.actFor(dt, s.ID)
	e.expect(e.do(req{method: "GET", path: "/api/v1/dossiers", token: dt.Access}), 200)
	refused := e.expect(e.do(req{method: "GET", path: "/api/v1/delegates", token: dt.Access}), 403)
	if code(refused) != "surveyor_only" {
		t.Fatalf("refus attendu surveyor_only : %s", refused.Body)
	}
	exp := e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx", token: st.Access}), 200)
	if len(exp.Body) == 0 {
		t.Fatal("exportation vide")
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/activities/export?format=xlsx", token: st.Access}), 429)
	name := "metrefus" + testdb.Suffix()
	e.expect(e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{
		"username": name, "email": name + refusedDomain, "firstName": "Réal", "lastName": "Refusé", "password": goodPassword,
	}}), 201)
	e.expect(e.do(req{method: "GET", path: "/api/v1/nulle-part", token: st.Access}), 404)

	// The public port serves no metrics.
	res, err := http.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("/metrics sur le port public : %d, 404 attendu", res.StatusCode)
	}

	// Mail: the welcomes and the delegation notice are sent, the refused
	// welcome failed once (retried only an hour later).
	waitFor(t, "un envoi refusé et trois envois", func() bool { return sender.failed.Load() >= 1 && sender.sent.Load() >= 3 })
	waitFor(t, "la file au repos", func() bool {
		n := sender.sent.Load()
		time.Sleep(300 * time.Millisecond)
		return n == sender.sent.Load()
	})
	// The export's figures are recorded when its producer ends.
	waitFor(t, "la durée de l'exportation", func() bool {
		v, _ := value(scrape(t, metricsURL), "espace_export_duration_seconds", map[string]string{"format": "xlsx", "outcome": "success"})
		return v == 1
	})
	fams := scrape(t, metricsURL)

	expect := func(name string, labels map[string]string, want float64) {
		t.Helper()
		got, ok := value(fams, name, labels)
		if !ok {
			t.Errorf("%s%v absent", name, labels)
		} else if got != want {
			t.Errorf("%s%v = %v, %v attendu", name, labels, got, want)
		}
	}
	atLeast := func(name string, labels map[string]string, want float64) {
		t.Helper()
		got, ok := value(fams, name, labels)
		if !ok {
			t.Errorf("%s%v absent", name, labels)
		} else if got < want {
			t.Errorf("%s%v = %v, au moins %v attendu", name, labels, got, want)
		}
	}
	expect("espace_http_requests_total", map[string]string{"operation": "login", "status_class": "2xx", "code": ""}, 2)
	expect("espace_http_requests_total", map[string]string{"operation": "login", "status_class": "4xx", "code": "unauthenticated"}, 1)
	expect("espace_http_requests_total", map[string]string{"operation": "selectDelegant", "status_class": "2xx"}, 1)
	expect("espace_http_requests_total", map[string]string{"operation": "listDossiers", "status_class": "2xx"}, 1)
	expect("espace_http_requests_total", map[string]string{"operation": "listDelegates", "status_class": "4xx", "code": "surveyor_only"}, 1)
	expect("espace_http_requests_total", map[string]string{"operation": "exportActivities", "status_class": "4xx", "code": "rate_limited"}, 1)
	expect("espace_http_requests_total", map[string]string{"operation": "unknown", "status_class": "4xx", "code": "not_found"}, 2)
	expect("espace_http_request_duration_seconds", map[string]string{"operation": "login"}, 3)
	expect("espace_http_request_duration_seconds", map[string]string{"operation": "createAccount"}, 3)
	expect("espace_refusals_total", map[string]string{"operation": "listDelegates", "code": "surveyor_only"}, 1)
	expect("espace_rate_limited_total", map[string]string{"rule": "export"}, 1)
	expect("espace_logins_total", map[string]string{"outcome": "success"}, 2)
	expect("espace_logins_total", map[string]string{"outcome": "failure"}, 1)
	expect("espace_logins_total", map[string]string{"outcome": "rate_limited"}, 0)
	expect("espace_export_duration_seconds", map[string]string{"format": "xlsx", "outcome": "success"}, 1)
	atLeast("espace_export_rows_total", map[string]string{"format": "xlsx"}, 1) // the surveyor's « Ajout d'un délégataire »
	expect("espace_outbox_sent_total", nil, float64(sender.sent.Load()))
	expect("espace_outbox_failed_total", nil, float64(sender.failed.Load()))
	expect("espace_smtp_attempt_duration_seconds", map[string]string{"outcome": "failure"}, float64(sender.failed.Load()))
	expect("espace_smtp_attempt_duration_seconds", map[string]string{"outcome": "success"}, float64(sender.sent.Load()))
	atLeast("espace_outbox_pending", nil, 1)
	atLeast("espace_outbox_oldest_age_seconds", nil, 0)
	expect("espace_outbox_stats_up", nil, 1)
	expect("espace_ready", nil, 1)
	expect("espace_deadline_runs_total", nil, 0)
	atLeast("go_sql_open_connections", map[string]string{"db_name": "espace"}, 1)
	expect("espace_build_info", nil, 1)

	// No label value names a person or a path.
	forbidden := []string{s.ID, d.ID, s.Username, d.Username, name, "/api/", "nulle-part"}
	for fname, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				for _, bad := range forbidden {
					if strings.Contains(l.GetValue(), bad) {
						t.Errorf("%s : étiquette %s=%q", fname, l.GetName(), l.GetValue())
					}
				}
			}
		}
	}
	checkDeployQueries(t, fams)

	// Everything else on the listener is a 404.
	res, err = http.Get("http://" + ln.Addr().String() + "/debug/pprof/")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("écouteur des métriques : %d", res.StatusCode)
	}
}

// promqlNoise is what checkDeployQueries removes from an expression before
// reading its series names: strings, label matchers, grouping clauses,
// ranges, Grafana variables, numbers.
var promqlNoise = []*regexp.Regexp{
	regexp.MustCompile(`"(?:[^"\\]|\\.)*"`),
	regexp.MustCompile(`\{[^}]*\}`),
	regexp.MustCompile(`\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)`),
	regexp.MustCompile(`\[[^\]]*\]`),
	regexp.MustCompile(`\$\w+`),
	regexp.MustCompile(`\b\d+(?:\.\d+)?\b`),
}

var (
	promqlIdent    = regexp.MustCompile(`[A-Za-z_:][A-Za-z0-9_:]*\s*\(?`)
	promqlKeywords = map[string]bool{"and": true, "or": true, "unless": true, "bool": true, "offset": true, "inf": true, "nan": true}
)

// seriesOf lists the series names an expression reads.
func seriesOf(expr string) []string {
	for _, re := range promqlNoise {
		expr = re.ReplaceAllString(expr, " ")
	}
	var out []string
	for _, tok := range promqlIdent.FindAllString(expr, -1) {
		if strings.HasSuffix(tok, "(") || promqlKeywords[strings.ToLower(strings.TrimSpace(tok))] {
			continue // a function or an aggregation
		}
		out = append(out, strings.TrimSpace(tok))
	}
	return out
}

// checkDeployQueries: every series the dashboard and the alerts query is one
// the service exports (histograms by their _bucket, _sum and _count), or
// Prometheus's own `up`.
func checkDeployQueries(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	known := map[string]bool{"up": true}
	for name, f := range fams {
		known[name] = true
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suf := range []string{"_bucket", "_sum", "_count"} {
				known[name+suf] = true
			}
		}
	}
	var exprs []string
	for _, r := range testutil.AlertRules(t) {
		exprs = append(exprs, r.Expr)
	}
	if len(exprs) < 4 {
		t.Fatalf("alerts.yml : %d règles", len(exprs))
	}
	raw := testutil.RepoFile(t, "deploy/grafana/espace.json")
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	for _, p := range dash.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("tableau de bord : panneau %q sans requête", p.Title)
		}
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	read := 0
	for _, x := range exprs {
		names := seriesOf(x)
		if len(names) == 0 {
			t.Errorf("aucune série lue dans %q", x)
		}
		for _, n := range names {
			read++
			if !known[n] {
				t.Errorf("série inconnue %s dans %q", n, x)
			}
		}
	}
	// The check itself: a misspelt name is caught.
	if n := seriesOf(`sum by (code) (rate(espace_refusal_total{code!="x"}[5m])) / on(instance) up`); strings.Join(n, ",") != "espace_refusal_total,up" {
		t.Fatalf("lecture des séries : %v", n)
	}
}
