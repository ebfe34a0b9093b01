// Package metrics holds the service's Prometheus series. A *Metrics is built
// on a registry given by the caller (never the global default one, so tests
// each get their own); a nil *Metrics is the disabled state and every method
// is then a no-op, so callers never test whether metrics are on.
//
// No label carries a user id, a username or a raw path: requests are named
// by their operationId ("unknown" when no operation matched), refusals and
// errors by their problem code, limits by their rule name.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every series of the service.
const Namespace = "espace"

// UnknownOperation names requests that matched no operation of the contract.
const UnknownOperation = "unknown"

// RequestBuckets suit this service: most reads take 1–50 ms, a login about
// 60 ms (argon2id), an export seconds.
var RequestBuckets = []float64{.001, .0025, .005, .01, .025, .05, .075, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// Metrics are the series of one process.
type Metrics struct {
	reg *prometheus.Registry

	requests    *prometheus.CounterVec   // operation, status_class, code
	duration    *prometheus.HistogramVec // operation
	refusals    *prometheus.CounterVec   // operation, code
	rateLimited *prometheus.CounterVec   // rule
	logins      *prometheus.CounterVec   // outcome
	exports     *prometheus.HistogramVec // format, outcome
	exportRows  *prometheus.CounterVec   // format
	mailSent    prometheus.Counter
	mailFailed  prometheus.Counter
	smtp        *prometheus.HistogramVec // outcome
	deadlineRun prometheus.Counter
	deadlineIt  *prometheus.CounterVec // kind

	mu  sync.RWMutex
	ops map[string]*Operation
}

// New registers the service's series, the Go runtime's and the process's on
// reg, with the build information of the binary.
func New(reg *prometheus.Registry) *Metrics {
	m := &Metrics{reg: reg, ops: map[string]*Operation{}}
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "http_requests_total",
		Help: "Requêtes HTTP servies, par operationId, classe de statut et code de problème (vide si succès)."},
		[]string{"operation", "status_class", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "http_request_duration_seconds",
		Help: "Durée des requêtes HTTP par operationId.", Buckets: RequestBuckets}, []string{"operation"})
	m.refusals = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "refusals_total",
		Help: "Refus d'autorisation (403) par operationId et code de problème."}, []string{"operation", "code"})
	m.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "rate_limited_total",
		Help: "Requêtes refusées par une limite de fréquence (429), par règle."}, []string{"rule"})
	m.logins = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "logins_total",
		Help: "Tentatives de connexion par issue (success, failure, rate_limited)."}, []string{"outcome"})
	m.exports = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "export_duration_seconds",
		Help:    "Durée de production des exportations du suivi des activités, par format et issue.",
		Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}}, []string{"format", "outcome"})
	m.exportRows = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "export_rows_total",
		Help: "Lignes écrites dans les exportations, par format."}, []string{"format"})
	m.mailSent = prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "outbox_sent_total",
		Help: "Courriels de la file remis au serveur SMTP."})
	m.mailFailed = prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "outbox_failed_total",
		Help: "Essais d'envoi de courriels échoués (chacun sera réessayé)."})
	m.smtp = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "smtp_attempt_duration_seconds",
		Help: "Durée d'un essai d'envoi SMTP, par issue.", Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}},
		[]string{"outcome"})
	m.deadlineRun = prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "deadline_runs_total",
		Help: "Passages de la tâche des échéances de délégation (§11)."})
	m.deadlineIt = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "deadline_items_total",
		Help: "Délégations traitées par la tâche des échéances, par sorte (ended, reminder)."}, []string{"kind"})
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.refusals, m.rateLimited, m.logins, m.exports,
		m.exportRows, m.mailSent, m.mailFailed, m.smtp, m.deadlineRun, m.deadlineIt} {
		f(c)
	}
	for _, o := range []string{"success", "failure", "rate_limited"} {
		m.logins.WithLabelValues(o)
	}
	for _, k := range []string{DeadlineEnded, DeadlineReminder} {
		m.deadlineIt.WithLabelValues(k)
	}
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f(buildInfo())
	return m
}

// Registry is the registry the series live in.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Handler serves the series in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Commit names the source revision when the build has no VCS information
// (a container build without .git): go build -ldflags "-X
// espace/backend/internal/metrics.Commit=<sha>".
var Commit = "unknown"

// buildInfo is espace_build_info{version, commit, modified, goversion} 1,
// read from the binary's embedded build information.
func buildInfo() prometheus.Collector {
	version, commit, modified, goVersion := "(devel)", Commit, "false", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{Namespace: Namespace, Name: "build_info",
		Help:        "Version du binaire (1).",
		ConstLabels: prometheus.Labels{"version": version, "commit": commit, "modified": modified, "goversion": goVersion}})
	g.Set(1)
	return g
}

// Operation holds the series of one operationId, resolved once so that a
// request costs no label lookup when it succeeds.
type Operation struct {
	m        *Metrics
	name     string
	duration prometheus.Observer
	ok       [6]prometheus.Counter // by status class, code ""
}

// Op returns the series of an operation (nil when metrics are off).
func (m *Metrics) Op(name string) *Operation {
	if m == nil {
		return nil
	}
	m.mu.RLock()
	o := m.ops[name]
	m.mu.RUnlock()
	if o != nil {
		return o
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if o = m.ops[name]; o != nil {
		return o
	}
	o = &Operation{m: m, name: name, duration: m.duration.WithLabelValues(name)}
	for c := 1; c <= 5; c++ {
		o.ok[c] = m.requests.WithLabelValues(name, statusClass[c], "")
	}
	m.ops[name] = o
	return o
}

// Ops resolves the series of every named operation in advance.
func (m *Metrics) Ops(names []string) map[string]*Operation {
	out := make(map[string]*Operation, len(names)+1)
	for _, n := range append(names, UnknownOperation) {
		out[n] = m.Op(n)
	}
	return out
}

var statusClass = [6]string{"", "1xx", "2xx", "3xx", "4xx", "5xx"}

// Done records one request: its status, its problem code ("" when it
// succeeded) and its duration.
func (o *Operation) Done(status int, code string, d time.Duration) {
	if o == nil {
		return
	}
	c := status / 100
	if c < 1 || c > 5 {
		c = 5
	}
	if code == "" {
		o.ok[c].Inc()
	} else {
		o.m.requests.WithLabelValues(o.name, statusClass[c], code).Inc()
	}
	o.duration.Observe(d.Seconds())
}

// Refused counts a 403 of the operation by problem code.
func (m *Metrics) Refused(operation, code string) {
	if m == nil {
		return
	}
	m.refusals.WithLabelValues(operation, code).Inc()
}

// RateLimited counts a 429 by the rule that refused it.
func (m *Metrics) RateLimited(rule string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(rule).Inc()
}

// Login outcomes.
const (
	LoginSuccess     = "success"
	LoginFailure     = "failure"
	LoginRateLimited = "rate_limited"
)

// Login counts a login attempt by outcome.
func (m *Metrics) Login(outcome string) {
	if m == nil {
		return
	}
	m.logins.WithLabelValues(outcome).Inc()
}

// Export records one export of the activity log: format ("xlsx", "pdf"),
// whether it completed, how long it took and how many rows it wrote.
func (m *Metrics) Export(format string, ok bool, d time.Duration, rows int) {
	if m == nil {
		return
	}
	outcome := "success"
	if !ok {
		outcome = "failure"
	}
	m.exports.WithLabelValues(format, outcome).Observe(d.Seconds())
	m.exportRows.WithLabelValues(format).Add(float64(rows))
}

// MailSent counts a message the SMTP server accepted.
func (m *Metrics) MailSent() {
	if m == nil {
		return
	}
	m.mailSent.Inc()
}

// MailFailed counts a failed sending attempt.
func (m *Metrics) MailFailed() {
	if m == nil {
		return
	}
	m.mailFailed.Inc()
}

// SMTPAttempt records the duration of one attempt to hand a message over.
func (m *Metrics) SMTPAttempt(d time.Duration, err error) {
	if m == nil {
		return
	}
	outcome := "success"
	if err != nil {
		outcome = "failure"
	}
	m.smtp.WithLabelValues(outcome).Observe(d.Seconds())
}

// Deadline item kinds (§11).
const (
	DeadlineEnded    = "ended"    // a delegation reached its end date and was ended
	DeadlineReminder = "reminder" // the seven-day reminder was sent
)

// DeadlineRun counts one run of the deadline job (§11: end dates and
// reminders), whatever it found to do.
func (m *Metrics) DeadlineRun() {
	if m == nil {
		return
	}
	m.deadlineRun.Inc()
}

// DeadlineItems counts n delegations handled by the deadline job, by kind
// (DeadlineEnded, DeadlineReminder).
func (m *Metrics) DeadlineItems(kind string, n int) {
	if m == nil || n <= 0 {
		return
	}
	m.deadlineIt.WithLabelValues(kind).Add(float64(n))
}

// WatchDB adds the statistics of the database pool (open, in use, idle
// connections, waits, closes), as go_sql_* series labelled db_name.
func (m *Metrics) WatchDB(db *sql.DB, name string) {
	if m == nil || db == nil {
		return
	}
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// ReadinessProbe is asked on every scrape: nil when the service could serve.
type ReadinessProbe func(ctx context.Context) error

// WatchReadiness adds espace_ready, 1 when probe (the database ping of
// /readyz, bounded by one second) succeeds at the scrape, 0 otherwise.
func (m *Metrics) WatchReadiness(probe ReadinessProbe) {
	if m == nil || probe == nil {
		return
	}
	m.reg.MustRegister(&readinessCollector{probe: probe,
		desc: prometheus.NewDesc(Namespace+"_ready", "1 quand la base de données répond (comme /readyz), 0 sinon.", nil, nil)})
}

type readinessCollector struct {
	probe ReadinessProbe
	desc  *prometheus.Desc
}

func (r *readinessCollector) Describe(ch chan<- *prometheus.Desc) { ch <- r.desc }

func (r *readinessCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	v := 0.0
	if r.probe(ctx) == nil {
		v = 1
	}
	ch <- prometheus.MustNewConstMetric(r.desc, prometheus.GaugeValue, v)
}

// OutboxStats reports the messages waiting to be sent and when the oldest of
// them was queued (zero when none waits).
type OutboxStats func(ctx context.Context) (pending int64, oldest time.Time, err error)

// WatchOutbox adds espace_outbox_pending and espace_outbox_oldest_age_seconds,
// asked of stats on every scrape (one indexed query, bounded by 2 s).
func (m *Metrics) WatchOutbox(stats OutboxStats) {
	if m == nil || stats == nil {
		return
	}
	m.reg.MustRegister(&outboxCollector{stats: stats,
		pending: prometheus.NewDesc(Namespace+"_outbox_pending", "Courriels en attente d'envoi dans la file.", nil, nil),
		age:     prometheus.NewDesc(Namespace+"_outbox_oldest_age_seconds", "Âge du plus ancien courriel en attente (0 si aucun).", nil, nil),
		up:      prometheus.NewDesc(Namespace+"_outbox_stats_up", "1 si la file a pu être lue à cette collecte.", nil, nil),
	})
}

type outboxCollector struct {
	stats            OutboxStats
	pending, age, up *prometheus.Desc
}

func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- o.pending
	ch <- o.age
	ch <- o.up
}

func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n, oldest, err := o.stats(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(o.up, prometheus.GaugeValue, 0)
		return
	}
	age := 0.0
	if n > 0 && !oldest.IsZero() {
		age = max(0, time.Since(oldest).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(o.up, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(o.pending, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(o.age, prometheus.GaugeValue, age)
}

// Serve answers /metrics on its own listener (never the public port), and
// 404 for everything else.
func (m *Metrics) Serve(addr string) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second}
}

// OKCounter is the success counter of a status, for tests.
func (o *Operation) OKCounter(status int) prometheus.Counter { return o.ok[status/100] }
