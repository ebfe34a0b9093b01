package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/activity"
)

// people is how many other users the log mentions: délégataires and the
// surveyors they act for.
const people = 5000

// exportTypes are the activity types the export measures filter on: the
// person's entries cycle through the ten types, so these five pick exactly
// half of what they see, from both branches (done by them, done for them).
func exportTypes() []activity.Type { return activity.Types[:5] }

// load fills the log with o.rows entries, one in every rows/visible being the
// measured person's: half done by them (for themself or a surveyor), half
// done for them by others. Their entries are spread over the whole table, as
// in real life, not packed together. Loading uses INSERT ... SELECT over
// generate_series with the indexes dropped and rebuilt afterwards, and
// session_replication_role=replica to skip the foreign-key and append-only
// triggers (the data is consistent by construction).
func load(ctx context.Context, db *sql.DB, me uuid.UUID, o options) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	step := o.rows / o.visible
	// Rebuild exactly the indexes the migrations define, after the load.
	var indexes []string
	irows, err := conn.QueryContext(ctx, `SELECT indexname, indexdef FROM pg_indexes
		WHERE tablename = 'activities' AND indexname <> 'activities_pkey' ORDER BY indexname`)
	if err != nil {
		return err
	}
	var drops []string
	for irows.Next() {
		var name, def string
		if err := irows.Scan(&name, &def); err != nil {
			irows.Close()
			return err
		}
		drops = append(drops, "DROP INDEX "+name)
		indexes = append(indexes, def)
	}
	irows.Close()
	var types []string
	for _, t := range activity.Types {
		types = append(types, "'"+string(t)+"'")
	}
	stmts := []string{
		"SET session_replication_role = replica",
		"SET maintenance_work_mem = '512MB'",
		"SET max_parallel_maintenance_workers = 2",
		// The people of the log: k = 0 is the measured person.
		`CREATE TEMP TABLE bench_people AS
		 SELECT k, CASE WHEN k = 0 THEN '` + me.String() + `'::uuid ELSE md5('bench-person-' || k)::uuid END AS id,
		        CASE WHEN k = 0 THEN 'Édith' ELSE (ARRAY['Jean','Claire','Zoé','François','Hélène','Gaëtan','Ève','Luc'])[1 + k % 8] END AS first_name,
		        CASE WHEN k = 0 THEN 'Descartes' ELSE (ARRAY['Piette','Lavoie','Lévesque','Côté','Bélanger','Gagnon','Roy','Bouchard'])[1 + (k / 8) % 8] || '-' || k END AS last_name,
		        CASE WHEN k BETWEEN 1 AND 1000 THEN (5000 + k)::text END AS matricule
		 FROM generate_series(0, ` + fmt.Sprint(people) + `) k`,
		`ALTER TABLE bench_people ADD COLUMN sort text`,
		`UPDATE bench_people SET sort = translate(lower(first_name || ' ' || last_name), 'éèêëàâäçîïôöùûüÿ', 'eeeeaaaciioouuuy')`,
		`CREATE UNIQUE INDEX ON bench_people (k)`,
		`INSERT INTO users (id, username, username_key, email, email_key, first_name, last_name, password_hash, password_changed_at, created_at, updated_at)
		 SELECT id, 'bench' || k, 'bench' || k, 'bench' || k || '@exemple.qc.ca', 'bench' || k || '@exemple.qc.ca',
		        first_name, last_name, '!', now(), now(), now()
		 FROM bench_people WHERE k > 0`,
		fmt.Sprintf(`INSERT INTO activities (id, occurred_at, type, dossier_number,
		    actor_id, actor_name, actor_first_name, actor_last_name, actor_matricule, actor_sort,
		    principal_id, principal_name, principal_first_name, principal_last_name, principal_matricule, principal_sort)
		 SELECT g.i, timestamptz '2026-11-27 12:00:00+00' - (%[1]d - g.i) * interval '10 seconds',
		        (ARRAY[%[3]s])[(1 + (CASE WHEN g.i %% %[2]d = 0 THEN g.i / %[2]d ELSE g.i END) %% 10)::int],
		        CASE WHEN g.i %% 3 = 0 THEN NULL ELSE lpad(((g.i * 31) %% 9000000 + 1000000)::text, 7, '0') END,
		        a.id, a.first_name || ' ' || a.last_name, a.first_name, a.last_name, a.matricule, a.sort,
		        p.id, p.first_name || ' ' || p.last_name, p.first_name, p.last_name, p.matricule, p.sort
		 FROM generate_series(1::bigint, %[1]d) AS g(i)
		 CROSS JOIN LATERAL (SELECT
		     CASE WHEN g.i %% %[2]d <> 0 THEN 1 + (g.i * 7919) %% %[4]d
		          WHEN (g.i / %[2]d) %% 2 = 0 THEN 0
		          ELSE 1 + (g.i / %[2]d) %% 40 END AS ak,
		     CASE WHEN g.i %% %[2]d <> 0 THEN 1 + (g.i * 104729 + 13) %% %[4]d
		          WHEN (g.i / %[2]d) %% 4 = 0 THEN 0
		          WHEN (g.i / %[2]d) %% 2 = 0 THEN 41 + (g.i / %[2]d) %% 50
		          ELSE 0 END AS pk) x
		 JOIN bench_people a ON a.k = x.ak
		 JOIN bench_people p ON p.k = x.pk`, o.rows, step, strings.Join(types, ","), people),
		"SELECT setval(pg_get_serial_sequence('activities', 'id'), (SELECT max(id) FROM activities))",
	}
	// Drop the indexes just before loading the log; rebuild them after.
	insertAt := len(stmts) - 2
	stmts = slices.Concat(stmts[:insertAt], drops, stmts[insertAt:], indexes, []string{
		"SET session_replication_role = DEFAULT",
		"VACUUM (ANALYZE) activities",
		"VACUUM (ANALYZE) users",
	})
	for _, s := range stmts {
		start := time.Now()
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s : %w", firstLine(s), err)
		}
		if d := time.Since(start); d > 2*time.Second {
			fmt.Printf("  %-60s %6.1f s\n", firstLine(s), d.Seconds())
		}
	}
	return nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
