package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"espace/backend/cmd/internal/bench"
	"espace/backend/internal/activity"
	"espace/backend/internal/paging"
	"espace/backend/internal/store"
)

func run(ctx context.Context, o options) error {
	name := fmt.Sprintf("espace_bench_%d", time.Now().Unix())
	dsn, drop, err := bench.ScratchDB(ctx, o.adminURL, name, o.keep)
	if err != nil {
		return err
	}
	defer drop()
	fmt.Printf("Base de mesure : %s (%s activités, %s visibles par la personne mesurée)\n", name,
		activity.Thousands(o.rows), activity.Thousands(o.visible))

	tmp, err := os.MkdirTemp("", "bench-activities-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := o.espaceBin
	if bin == "" {
		if bin, err = buildEspace(ctx, tmp); err != nil {
			return err
		}
	}

	// The server migrates the fresh database on start; the measured person
	// signs up through the API like anyone.
	srv, err := startServer(ctx, bin, dsn)
	if err != nil {
		return err
	}
	meID, _, err := signUpAndLogin(srv)
	if err != nil {
		_, _ = srv.stop()
		return err
	}
	me := uuid.MustParse(meID)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Println("Chargement…")
	start := time.Now()
	if err := load(ctx, db, me, o); err != nil {
		_, _ = srv.stop()
		return err
	}
	fmt.Printf("Chargé en %.0f s\n\n", time.Since(start).Seconds())

	var report []result
	token, err := login(srv)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		label string
		page  int
		q     activity.Query
		param string
		goal  float64 // 0: for information, the goal is on the default sort
	}{
		{"liste, page 1 (date ↓)", 1, activity.Query{Viewer: me}, "page=1", 2},
		{"liste, page 1 000 (date ↓)", 1000, activity.Query{Viewer: me}, "page=1000", 2},
		{"liste, page 1 (Réalisée par ↑)", 1, activity.Query{Viewer: me, Sort: activity.SortActor, Asc: true}, "page=1&sort=actor&order=asc", 0},
		{"liste, page 1 000 (Activité ↑)", 1000, activity.Query{Viewer: me, Sort: activity.SortActivity, Asc: true}, "page=1000&sort=activity&order=asc", 0},
	} {
		app, base, err := timePairs(o.iterations, func() error {
			var p struct{ Items []any }
			if err := srv.call("GET", "/api/v1/activities?"+c.param, token, nil, &p); err != nil {
				return err
			}
			if len(p.Items) != paging.DefaultSize {
				return fmt.Errorf("%d lignes au lieu de %d", len(p.Items), paging.DefaultSize)
			}
			return nil
		}, func() error { return directList(ctx, db, c.q, c.page) })
		if err != nil {
			return err
		}
		report = append(report, result{c.label, ms(app), ms(base), app.Seconds() / base.Seconds(), c.goal, ""})
	}
	if _, err := srv.stop(); err != nil {
		return fmt.Errorf("arrêt du serveur : %w", err)
	}

	exportRows := o.visible / 2
	formats := []string{"xlsx", "pdf"}
	if o.skipPDF {
		formats = formats[:1]
	}
	q := exportQuery(me)
	var path strings.Builder
	for _, t := range q.Types {
		path.WriteString("&type=" + string(t))
	}
	for _, f := range formats {
		fmt.Printf("Export %s de %s lignes…\n", f, activity.Thousands(exportRows))
		srv, err := startServer(ctx, bin, dsn)
		if err != nil {
			return err
		}
		token, err := login(srv)
		if err != nil {
			_, _ = srv.stop()
			return err
		}
		// Runs alternate baseline and application so that a busy machine
		// weighs on both alike; the best of each counts. CPU time is the
		// process's own (user + system), steadier than wall time under load.
		var app, bare measure
		var size int64
		for range o.runs {
			res, rss, cpu, err := bareChild(ctx, dsn, meID, f)
			if err != nil {
				_, _ = srv.stop()
				return err
			}
			if res.Rows != exportRows {
				_, _ = srv.stop()
				return fmt.Errorf("référence %s : %d lignes au lieu de %d", f, res.Rows, exportRows)
			}
			bare.add(time.Duration(res.Seconds*float64(time.Second)), cpu)
			bare.rss = max(bare.rss, rss)

			cpu0 := processCPU(srv.cmd.Process.Pid)
			start := time.Now()
			if size, err = srv.download("/api/v1/activities/export?format="+f+path.String(), token); err != nil {
				_, _ = srv.stop()
				return err
			}
			app.add(time.Since(start), processCPU(srv.cmd.Process.Pid)-cpu0)
		}
		if app.rss, err = srv.stop(); err != nil {
			return fmt.Errorf("arrêt du serveur : %w", err)
		}
		goal := 2.0
		if f == "pdf" {
			goal = 1.5
		}
		name := "export " + f + " " + activity.Thousands(exportRows) + " lignes"
		report = append(report,
			result{name + ", temps", secs(app.wall), secs(bare.wall), app.wall.Seconds() / bare.wall.Seconds(), goal, fmt.Sprintf("%.1f Mo", float64(size)/1e6)},
			result{name + ", temps CPU", secs(app.cpu), secs(bare.cpu), app.cpu.Seconds() / bare.cpu.Seconds(), goal, "processus du serveur seul"})
		note := fmt.Sprintf("écart %+.0f Mio", float64(app.rss-bare.rss)/(1<<20))
		if f == "xlsx" {
			mark := "✓"
			if app.rss-bare.rss > 64<<20 {
				mark = "✗"
			}
			note += " (objectif ≤ +64 Mio " + mark + ")"
		}
		report = append(report, result{"export " + f + ", pic RSS", mib(app.rss), mib(bare.rss), float64(app.rss) / float64(bare.rss), 0, note})
	}
	printReport(o, report)
	return nil
}

// result is one line of the report.
type result struct {
	what      string
	app, base string
	ratio     float64
	goal      float64 // 0: for information
	note      string
}

func printReport(o options, results []result) {
	fmt.Printf("\nRésultats (%s activités, %s visibles; liste : médiane de %d requêtes alternées; exports : meilleur de %d)\n",
		activity.Thousands(o.rows), activity.Thousands(o.visible), o.iterations, o.runs)
	fmt.Printf("%-40s %14s %14s %8s %9s  %s\n", "mesure", "application", "référence", "ratio", "objectif", "")
	for _, l := range results {
		goal := ""
		if l.goal > 0 {
			mark := "✓"
			if l.ratio > l.goal {
				mark = "✗"
			}
			goal = fmt.Sprintf("≤ %.1f %s", l.goal, mark)
		}
		fmt.Printf("%-40s %14s %14s %7.2f× %9s  %s\n", l.what, l.app, l.base, l.ratio, goal, l.note)
	}
	fmt.Println("\nRéférences : liste = le même SQL (count + page) exécuté directement par database/sql;")
	fmt.Println("exports = une requête SQL puis une boucle excelize StreamWriter / maroto nue, même police.")
	fmt.Println("Pic RSS : ru_maxrss de processus enfants distincts (un `espace serve` neuf par format, un processus par référence).")
}

// directList runs the SQL List runs (count, then the page), nothing else.
func directList(ctx context.Context, db *sql.DB, q activity.Query, page int) error {
	cq, cargs := dollars(activity.CountSQL(q))
	var total int
	if err := db.QueryRowContext(ctx, cq, cargs...).Scan(&total); err != nil {
		return err
	}
	pq, pargs := dollars(activity.PageSQL(store.Postgres, q, paging.DefaultSize, int64(page-1)*paging.DefaultSize))
	rows, err := db.QueryContext(ctx, pq, pargs...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := scan(rows); err != nil {
			return err
		}
		n++
	}
	if n != paging.DefaultSize {
		return fmt.Errorf("SQL direct : %d lignes", n)
	}
	return rows.Err()
}

// timePairs calls app and base alternately n times (after one warm-up
// each) and returns the median duration of each: alternating keeps a busy
// machine from favouring either side.
func timePairs(n int, app, base func() error) (time.Duration, time.Duration, error) {
	if err := app(); err != nil {
		return 0, 0, err
	}
	if err := base(); err != nil {
		return 0, 0, err
	}
	var da, db []time.Duration
	for range n {
		for _, side := range []struct {
			fn func() error
			ds *[]time.Duration
		}{{app, &da}, {base, &db}} {
			start := time.Now()
			if err := side.fn(); err != nil {
				return 0, 0, err
			}
			*side.ds = append(*side.ds, time.Since(start))
		}
	}
	slices.Sort(da)
	slices.Sort(db)
	return da[len(da)/2], db[len(db)/2], nil
}

// measure keeps the best wall and CPU times of a few runs, and a peak RSS.
type measure struct {
	wall, cpu time.Duration
	rss       int64
}

func (m *measure) add(wall, cpu time.Duration) {
	if m.wall == 0 || wall < m.wall {
		m.wall = wall
	}
	if m.cpu == 0 || cpu < m.cpu {
		m.cpu = cpu
	}
}

// bareChild runs one baseline in its own process and returns its result,
// peak RSS and CPU time.
func bareChild(ctx context.Context, dsn, me, format string) (bareResult, int64, time.Duration, error) {
	self, err := os.Executable()
	if err != nil {
		return bareResult{}, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, self, "bare", "-db", dsn, "-user", me, "-format", format) //nolint:gosec // this very binary, on the scratch database it created
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return bareResult{}, 0, 0, fmt.Errorf("référence %s : %w", format, err)
	}
	var res bareResult
	if err := json.Unmarshal(out, &res); err != nil {
		return res, 0, 0, err
	}
	ps := cmd.ProcessState
	return res, maxRSS(ps), ps.UserTime() + ps.SystemTime(), nil
}

func ms(d time.Duration) string   { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mib(b int64) string          { return fmt.Sprintf("%.0f Mio", float64(b)/(1<<20)) }
