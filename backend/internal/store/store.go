// Package store opens the database (PostgreSQL in production, an embedded
// SQLite file by default), applies the versioned migrations and offers
// transactions. It also declares the persisted models.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/libtnb/sqlite"
	"github.com/pressly/goose/v3"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"espace/backend/migrations"
)

// Dialect names the database engine behind a DB.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DB wraps the GORM handle with the dialect it speaks.
type DB struct {
	*gorm.DB
	Dialect Dialect
}

// Open connects to PostgreSQL when databaseURL is set, otherwise to the
// embedded SQLite file espace.db under dataDir.
func Open(databaseURL, dataDir string) (*DB, error) {
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	if databaseURL != "" {
		g, err := gorm.Open(postgres.Open(databaseURL), cfg)
		if err != nil {
			return nil, fmt.Errorf("connexion à PostgreSQL : %w", err)
		}
		sqlDB, err := g.DB()
		if err != nil {
			return nil, err
		}
		// As many idle connections as open ones: under load, returning a
		// connection beyond the idle limit closes it, and the next request
		// pays a new PostgreSQL backend and re-prepares its statements.
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{DB: g, Dialect: Postgres}, nil
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("dossier de données %s : %w", dataDir, err)
	}
	path := filepath.Join(dataDir, "espace.db")
	// Foreign keys on, WAL for concurrent readers, a busy timeout so that
	// writers queue instead of failing, and UTC timestamps.
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	g, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("ouverture de %s : %w", path, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	// One writer at a time is SQLite's model; a single connection avoids
	// "database is locked" errors between our own goroutines.
	sqlDB.SetMaxOpenConns(1)
	return &DB{DB: g, Dialect: SQLite}, nil
}

// Migrate applies every pending migration of the dialect.
func (db *DB) Migrate(ctx context.Context) error {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	var fsys fs.FS
	var dialect goose.Dialect
	switch db.Dialect {
	case Postgres:
		fsys, _ = fs.Sub(migrations.Postgres, "postgres")
		dialect = goose.DialectPostgres
	default:
		fsys, _ = fs.Sub(migrations.SQLite, "sqlite")
		dialect = goose.DialectSQLite3
	}
	provider, err := goose.NewProvider(dialect, sqlDB, fsys)
	if err != nil {
		return err
	}
	results, err := provider.Up(ctx)
	for _, r := range results {
		slog.Info("migration appliquée", "version", r.Source.Version, "duree", r.Duration.String())
	}
	return err
}

// OpenMigrated opens the database and applies the pending migrations; on
// failure nothing stays open.
func OpenMigrated(ctx context.Context, databaseURL, dataDir string) (*DB, error) {
	db, err := Open(databaseURL, dataDir)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrations : %w", err)
	}
	return db, nil
}

// MigrateAs applies the migrations through ownerURL, then grants runtime
// (when not empty) the service's privileges (SPEC §17).
func MigrateAs(ctx context.Context, ownerURL, runtime string) error {
	owner, err := OpenMigrated(ctx, ownerURL, "")
	if err != nil {
		return err
	}
	defer owner.Close()
	if runtime == "" {
		return nil
	}
	if err := owner.GrantRuntime(ctx, runtime); err != nil {
		return fmt.Errorf("droits du rôle %s : %w", runtime, err)
	}
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connections.
func (db *DB) Close() error {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

type txKey struct{}

// WithTx runs fn in a transaction. A transaction already carried by ctx is
// reused, so services compose: the action, its activity row and its e-mails
// commit together or not at all.
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context, tx *gorm.DB) error) error {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx, tx)
	}
	return db.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx), tx)
	}, &sql.TxOptions{})
}

// Conn returns the transaction carried by ctx, or the plain handle.
func (db *DB) Conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return db.DB.WithContext(ctx)
}

// TakeOr loads the first row of q into dst, and answers missing instead of
// gorm's own error when there is none: each caller names what is absent
// (a 404, a refused token) in one line.
func TakeOr(q *gorm.DB, dst any, missing error) error {
	err := q.Take(dst).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return missing
	}
	return err
}

// IsUniqueViolation tells whether err comes from a unique index.
func IsUniqueViolation(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "duplicate key value")
}

// Pool returns the connection (or transaction) behind Conn(ctx), for the
// few statements of the request path that skip the ORM: plain
// database/sql, prepared once per connection by the driver.
func (db *DB) Pool(ctx context.Context) gorm.ConnPool {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.Statement.ConnPool
	}
	return db.DB.ConnPool
}

// Numbered rewrites PostgreSQL's numbered parameters ($1, $2, ...) for the
// dialect: SQLite spells them ?1, ?2, ... Casts written ::uuid are dropped
// there (SQLite keeps uuids as text).
func (db *DB) Numbered(query string) string {
	if db.Dialect == Postgres {
		return query
	}
	query = strings.ReplaceAll(query, "::uuid", "")
	return strings.ReplaceAll(query, "$", "?")
}

// OnPgx runs fn on the pgx connection under one pooled connection, on
// PostgreSQL outside a transaction: the request path's statements skip
// database/sql's row machinery (same pool, same prepared statements). It
// reports false, without running fn, elsewhere: callers then use Pool.
func (db *DB) OnPgx(ctx context.Context, fn func(*pgx.Conn) error) (bool, error) {
	if db.Dialect != Postgres {
		return false, nil
	}
	if _, inTx := ctx.Value(txKey{}).(*gorm.DB); inTx {
		return false, nil
	}
	sqlDB, ok := db.DB.ConnPool.(*sql.DB)
	if !ok {
		return false, nil
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return true, err
	}
	defer conn.Close()
	return true, conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("pilote PostgreSQL inattendu : %T", dc)
		}
		return fn(c.Conn())
	})
}
