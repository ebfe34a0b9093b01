// Command bench-activities measures the activity log at scale (SPEC §6):
// it loads a fresh PostgreSQL database with millions of entries, one person
// seeing a couple of hundred thousand of them, and compares the application
// with baselines measured in the same run:
//
//   - list page 1 and page 1 000 through the HTTP API vs the same SQL run
//     directly (goal: at most 2×);
//   - the Excel export of 100 000 lines vs a bare excelize StreamWriter loop
//     writing the same rows (goal: at most 2× the time, peak RSS at most the
//     baseline's + 64 MiB);
//   - the PDF export of 100 000 lines vs a bare maroto loop with the same
//     font (goal: at most 1.5×).
//
// Peak memory is the peak resident set size (getrusage ru_maxrss) of separate
// child processes: a fresh `espace serve` per export format, a fresh process
// per baseline run. See bench/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"espace/backend/cmd/internal/bench"
)

type options struct {
	adminURL   string
	rows       int
	visible    int
	iterations int
	runs       int
	espaceBin  string
	keep       bool
	skipPDF    bool
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "bare" {
		// A baseline child: see bare.go.
		if err := bareMain(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench-activities bare :", err)
			os.Exit(1)
		}
		return
	}
	var o options
	flag.StringVar(&o.adminURL, "admin-url", bench.EnvOr("BENCH_ADMIN_URL", bench.DefaultAdminURL),
		"PostgreSQL où créer la base de mesure (BENCH_ADMIN_URL)")
	flag.IntVar(&o.rows, "rows", bench.EnvInt("BENCH_ROWS", 10_000_000), "activités au total (BENCH_ROWS)")
	flag.IntVar(&o.visible, "visible", bench.EnvInt("BENCH_VISIBLE", 200_000), "activités visibles par la personne mesurée; l'export en prend la moitié (BENCH_VISIBLE)")
	flag.IntVar(&o.iterations, "iterations", 30, "requêtes par mesure de liste")
	flag.IntVar(&o.runs, "runs", 2, "exécutions de chaque export (le meilleur temps compte)")
	flag.StringVar(&o.espaceBin, "espace", "", "binaire espace déjà construit (sinon : go build)")
	flag.BoolVar(&o.keep, "keep", false, "garder la base de mesure")
	flag.BoolVar(&o.skipPDF, "skip-pdf", false, "ne pas mesurer le PDF")
	flag.Parse()
	if o.visible < 2 || o.rows < o.visible {
		fmt.Fprintln(os.Stderr, "bench-activities : il faut 2 ≤ -visible ≤ -rows")
		os.Exit(2)
	}
	bench.Main("bench-activities", func(ctx context.Context) error { return run(ctx, o) })
}
