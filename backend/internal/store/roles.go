package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// On PostgreSQL the running service should not own its tables (SPEC §17):
// an owner role applies the migrations, and the service connects as a
// runtime role that may read and write what it needs but may only INSERT and
// SELECT on the append-only tables (the activity log). Whoever owns a table
// may drop its triggers, so only this separation makes the log append-only
// for the service itself.

// CurrentRole returns the role the connection runs as (PostgreSQL).
func (db *DB) CurrentRole(ctx context.Context) (string, error) {
	if db.Dialect != Postgres {
		return "", errors.New("rôles : PostgreSQL seulement")
	}
	var role string
	err := db.DB.WithContext(ctx).Raw("SELECT current_user").Scan(&role).Error
	return role, err
}

// AppendOnlyTables lists the tables of the current schema guarded by the
// append-only trigger function: the activity log, and any later journal
// that reuses the function. The runtime role gets INSERT and SELECT only on
// them.
func (db *DB) AppendOnlyTables(ctx context.Context) ([]string, error) {
	var names []string
	err := db.DB.WithContext(ctx).Raw(`
		SELECT DISTINCT c.relname FROM pg_trigger t
		JOIN pg_class c ON c.oid = t.tgrelid
		JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE p.proname = 'activities_append_only' AND c.relnamespace = current_schema()::regnamespace
		ORDER BY c.relname`).Scan(&names).Error
	if err != nil {
		return nil, err
	}
	if !contains(names, "activities") {
		names = append(names, "activities")
	}
	return names, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// GrantRuntime gives role what the running service needs on the schema that
// db (connected as the owner, after the migrations) owns:
//   - SELECT, INSERT, UPDATE, DELETE on every table, and on the tables the
//     owner creates later (default privileges);
//   - INSERT and SELECT only on the append-only tables: no UPDATE, DELETE,
//     TRUNCATE, and no DDL since the role owns nothing;
//   - SELECT only on goose's version table (the service checks that the
//     schema is current, it never changes it);
//   - USAGE and SELECT on the sequences (bigserial keys).
//
// It is idempotent: `espace migrate` runs it after every migration.
func (db *DB) GrantRuntime(ctx context.Context, role string) error {
	if db.Dialect != Postgres {
		return errors.New("rôles : PostgreSQL seulement")
	}
	if strings.TrimSpace(role) == "" {
		return errors.New("rôle d'exécution vide")
	}
	owner, err := db.CurrentRole(ctx)
	if err != nil {
		return err
	}
	if owner == role {
		return fmt.Errorf("le rôle d'exécution %q est le propriétaire du schéma : donnez au service un autre rôle", role)
	}
	appendOnly, err := db.AppendOnlyTables(ctx)
	if err != nil {
		return err
	}
	var schema string
	if err := db.DB.WithContext(ctx).Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		return err
	}
	quotedSchema := QuoteIdent(schema)
	r := QuoteIdent(role)
	stmts := []string{
		"GRANT USAGE ON SCHEMA " + quotedSchema + " TO " + r,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + quotedSchema + " TO " + r,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + quotedSchema + " TO " + r,
		"ALTER DEFAULT PRIVILEGES IN SCHEMA " + quotedSchema + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + r,
		"ALTER DEFAULT PRIVILEGES IN SCHEMA " + quotedSchema + " GRANT USAGE, SELECT ON SEQUENCES TO " + r,
		"REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON goose_db_version FROM " + r,
	}
	for _, t := range appendOnly {
		stmts = append(stmts, "REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "+QuoteIdent(t)+" FROM "+r)
	}
	return db.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		for _, s := range stmts {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("%s : %w", s, err)
			}
		}
		return nil
	})
}

// QuoteIdent quotes a PostgreSQL identifier (a role or table name).
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Posture tells, on PostgreSQL, whether the connection's role owns the
// activity log or may change its entries: both mean the log is protected
// by triggers only, which its owner can drop.
func (db *DB) Posture(ctx context.Context) (ownsLog, mayUpdateLog bool, err error) {
	if db.Dialect != Postgres {
		return false, false, nil
	}
	row := struct {
		Owns, Updates bool
	}{}
	err = db.DB.WithContext(ctx).Raw(`SELECT pg_get_userbyid(c.relowner) = current_user AS owns,
		has_table_privilege(c.oid, 'UPDATE') AS updates
		FROM pg_class c WHERE c.oid = to_regclass('activities')`).Scan(&row).Error
	return row.Owns, row.Updates, err
}
