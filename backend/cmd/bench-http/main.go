// Command bench-http measures the request path of the API on PostgreSQL
// against bare baselines measured in the same run, rounds alternating
// (SPEC §16, the hot path):
//
//   - P1 read: a délégataire's authorized GET /api/v1/dossiers?kind=cadastre
//     acting for a surveyor (real httpapi server, real tokens) vs (a) a bare
//     Echo handler running the same data SQL through pgx and (b) a bare Echo
//     handler writing the same bytes. Goals: ≥ 0.6× (a) in requests per
//     second, p99 ≤ 2× (a).
//   - P1 write: POST /api/v1/lot-reservations acting for a surveyor vs a bare
//     Echo handler doing the same inserts in one pgx transaction. Goal ≥ 0.5×.
//   - Login: p50 of POST /api/v1/auth/login vs one argon2id hash with the
//     service's parameters. Goal ≤ 1.3×.
//
// Everything runs in this process: the servers on loopback ports, the load
// generator (net/http with keep-alive, -conns connections). A scratch
// database is created and dropped. See bench/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"espace/backend/cmd/internal/bench"
)

type options struct {
	adminURL  string
	conns     int
	rounds    int
	round     time.Duration
	surveyors int
	dossiers  int
	logins    int
	keep      bool
	profile   string

	skipMiddleware bool
	observed       bool
}

func main() {
	var o options
	flag.StringVar(&o.adminURL, "admin-url", bench.EnvOr("BENCH_ADMIN_URL", bench.DefaultAdminURL),
		"PostgreSQL où créer la base de mesure (BENCH_ADMIN_URL)")
	flag.IntVar(&o.conns, "conns", 16, "connexions simultanées")
	flag.IntVar(&o.rounds, "rounds", 5, "tours alternés (application, références)")
	flag.DurationVar(&o.round, "round", 3*time.Second, "durée de chaque mesure d'un tour")
	flag.IntVar(&o.surveyors, "surveyors", 200, "arpenteurs-géomètres chargés en plus des personnes mesurées")
	flag.IntVar(&o.dossiers, "dossiers", 100, "dossiers par arpenteur-géomètre")
	flag.IntVar(&o.logins, "logins", 15, "connexions mesurées (et hachages de référence)")
	flag.BoolVar(&o.keep, "keep", false, "garder la base de mesure")
	flag.BoolVar(&o.skipMiddleware, "skip-middleware", false, "ne pas mesurer l'intergiciel sans base (go test -bench BenchmarkMiddleware)")
	flag.BoolVar(&o.observed, "metrics", bench.EnvOr("BENCH_METRICS", "") != "", "mesurer aussi l'application avec métriques Prometheus et traces (exportateur qui jette) contre la même sans (BENCH_METRICS=1)")
	flag.StringVar(&o.profile, "cpuprofile", "", "profil CPU de l'application pendant la lecture P1 (fichier pprof)")
	flag.Parse()
	if o.conns < 1 || o.rounds < 1 || o.round <= 0 || o.dossiers < 10 || o.logins < 1 {
		fmt.Fprintln(os.Stderr, "bench-http : options invalides")
		os.Exit(2)
	}
	bench.Main("bench-http", func(ctx context.Context) error { return run(ctx, o) })
}
