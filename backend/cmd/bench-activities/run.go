package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/activity"
	"espace/backend/internal/store"
)

func run(ctx context.Context, o options) error {
	admin, err := sql.Open("pgx", o.adminURL)
	if err != nil {
		return err
	}
	defer admin.Close()
	name := fmt.Sprintf("espace_bench_%d", time.Now().Unix())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("création de la base : %w", err)
	}
	if !o.keep {
		defer admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}
	u, err := url.Parse(o.adminURL)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	dsn := u.String()
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

	var report []line2
	token, err := login(srv)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		label string
		page  int
		q     activity.Query
		param string
	}{
		{"liste, page 1 (date ↓)", 1, activity.Query{Viewer: me}, "page=1"},
		{"liste, page 1 000 (date ↓)", 1000, activity.Query{Viewer: me}, "page=1000"},
		{"liste, page 1 (Réalisée par ↑)", 1, activity.Query{Viewer: me, Sort: activity.SortActor, Asc: true}, "page=1&sort=actor&order=asc"},
		{"liste, page 1 000 (Activité ↑)", 1000, activity.Query{Viewer: me, Sort: activity.SortActivity, Asc: true}, "page=1000&sort=activity&order=asc"},
	} {
		app, err := timeIt(o.iterations, func() error {
			var p struct{ Items []any }
			if err := srv.call("GET", "/api/v1/activities?"+c.param, token, nil, &p); err != nil {
				return err
			}
			if len(p.Items) != activity.DefaultPageSize {
				return fmt.Errorf("%d lignes au lieu de %d", len(p.Items), activity.DefaultPageSize)
			}
			return nil
		})
		if err != nil {
			return err
		}
		base, err := timeIt(o.iterations, func() error { return directList(ctx, db, c.q, c.page) })
		if err != nil {
			return err
		}
		goal := 2.0
		if c.param != "page=1" && c.param != "page=1000" {
			goal = 0 // for information: the goal is on the default sort
		}
		report = append(report, line2{c.label, ms(app), ms(base), app.Seconds() / base.Seconds(), goal, ""})
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
		// Baseline first: it also warms PostgreSQL's cache for both.
		var bareBest time.Duration
		var bareRSS int64
		for range o.runs {
			res, rss, err := bareChild(ctx, dsn, meID, f)
			if err != nil {
				return err
			}
			if res.Rows != exportRows {
				return fmt.Errorf("référence %s : %d lignes au lieu de %d", f, res.Rows, exportRows)
			}
			d := time.Duration(res.Seconds * float64(time.Second))
			if bareBest == 0 || d < bareBest {
				bareBest = d
			}
			bareRSS = max(bareRSS, rss)
		}
		srv, err := startServer(ctx, bin, dsn)
		if err != nil {
			return err
		}
		token, err := login(srv)
		if err != nil {
			_, _ = srv.stop()
			return err
		}
		var appBest time.Duration
		var size int64
		for range o.runs {
			start := time.Now()
			size, err = srv.download("/api/v1/activities/export?format="+f+path.String(), token)
			if err != nil {
				_, _ = srv.stop()
				return err
			}
			if d := time.Since(start); appBest == 0 || d < appBest {
				appBest = d
			}
		}
		appRSS, err := srv.stop()
		if err != nil {
			return fmt.Errorf("arrêt du serveur : %w", err)
		}
		goal := 2.0
		if f == "pdf" {
			goal = 1.5
		}
		report = append(report, line2{"export " + f + " " + activity.Thousands(exportRows) + " lignes, temps", secs(appBest), secs(bareBest),
			appBest.Seconds() / bareBest.Seconds(), goal, fmt.Sprintf("%.1f Mo", float64(size)/1e6)})
		memGoal := ""
		if f == "xlsx" {
			memGoal = "écart ≤ 64 Mio"
			if appRSS-bareRSS > 64<<20 {
				memGoal += " ✗"
			} else {
				memGoal += " ✓"
			}
		}
		report = append(report, line2{"export " + f + ", pic RSS", mib(appRSS), mib(bareRSS), float64(appRSS) / float64(bareRSS), 0,
			fmt.Sprintf("écart %+.0f Mio %s", float64(appRSS-bareRSS)/(1<<20), memGoal)})
	}
	printReport(o, report)
	return nil
}

// line2 is one line of the report.
type line2 struct {
	what      string
	app, base string
	ratio     float64
	goal      float64 // 0: for information
	note      string
}

func printReport(o options, lines []line2) {
	fmt.Printf("\nRésultats (%s activités, %s visibles; liste : médiane de %d requêtes; exports : meilleur de %d)\n",
		activity.Thousands(o.rows), activity.Thousands(o.visible), o.iterations, o.runs)
	fmt.Printf("%-40s %14s %14s %8s %9s  %s\n", "mesure", "application", "référence", "ratio", "objectif", "")
	for _, l := range lines {
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
	pq, pargs := dollars(activity.PageSQL(store.Postgres, q, activity.DefaultPageSize, int64(page-1)*activity.DefaultPageSize))
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
	if n != activity.DefaultPageSize {
		return fmt.Errorf("SQL direct : %d lignes", n)
	}
	return rows.Err()
}

// timeIt returns the median duration of n calls, after one warm-up call.
func timeIt(n int, fn func() error) (time.Duration, error) {
	if err := fn(); err != nil {
		return 0, err
	}
	ds := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

// bareChild runs one baseline in its own process and returns its result
// and peak RSS.
func bareChild(ctx context.Context, dsn, me, format string) (bareResult, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return bareResult{}, 0, err
	}
	cmd := exec.CommandContext(ctx, self, "bare", "-db", dsn, "-user", me, "-format", format)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return bareResult{}, 0, fmt.Errorf("référence %s : %w", format, err)
	}
	var res bareResult
	if err := json.Unmarshal(out, &res); err != nil {
		return res, 0, err
	}
	return res, maxRSS(cmd.ProcessState), nil
}

func ms(d time.Duration) string   { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mib(b int64) string          { return fmt.Sprintf("%.0f Mio", float64(b)/(1<<20)) }
