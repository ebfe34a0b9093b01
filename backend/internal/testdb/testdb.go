// Package testdb gives each test package its own freshly migrated database:
// a PostgreSQL database created for the run (the default) or an SQLite file
// when ESPACE_TEST_DB=sqlite.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"espace/backend/internal/store"
)

// DefaultAdminURL is the local PostgreSQL the tests create databases on.
const DefaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var shared *store.DB

// Main wraps testing.M: it creates the package's database, runs the tests and
// drops the database. Use it from TestMain.
func Main(m *testing.M, pkg string) {
	db, cleanup, err := create(pkg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		os.Exit(1)
	}
	shared = db
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// DB returns the package's database (TestMain must call Main).
func DB(t testing.TB) *store.DB {
	t.Helper()
	if shared == nil {
		t.Fatal("testdb.Main was not called from TestMain")
	}
	return shared
}

// Dialect tells which engine the tests run on.
func Dialect() store.Dialect {
	if os.Getenv("ESPACE_TEST_DB") == "sqlite" {
		return store.SQLite
	}
	return store.Postgres
}

// Suffix returns a short random string for unique names within a database.
func Suffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var nonWord = regexp.MustCompile(`[^a-z0-9_]`)

func create(pkg string) (*store.DB, func(), error) {
	ctx := context.Background()
	if Dialect() == store.SQLite {
		dir, err := os.MkdirTemp("", "espace-test-"+nonWord.ReplaceAllString(pkg, "_")+"-")
		if err != nil {
			return nil, nil, err
		}
		db, err := store.OpenMigrated(ctx, "", dir)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { _ = db.Close(); _ = os.RemoveAll(filepath.Clean(dir)) }, nil
	}

	adminURL := os.Getenv("TEST_DATABASE_URL")
	if adminURL == "" {
		adminURL = DefaultAdminURL
	}
	admin, err := gorm.Open(postgres.Open(adminURL), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, nil, fmt.Errorf("PostgreSQL unreachable at %s: %w", adminURL, err)
	}
	// Like production (SPEC §17): an owner role migrates, and the tests run
	// as a runtime role that may only INSERT and SELECT on the activity log.
	// Roles are cluster-wide, so their names are unique to the run, and
	// dropped with the database.
	name := "espace_t_" + nonWord.ReplaceAllString(pkg, "_") + "_" + Suffix()
	owner, runtime := name+"_owner", name+"_app"
	for _, stmt := range []string{
		"CREATE ROLE " + owner + " LOGIN", "CREATE ROLE " + runtime + " LOGIN",
		"CREATE DATABASE " + name + " OWNER " + owner,
	} {
		if err := admin.Exec(stmt).Error; err != nil {
			return nil, nil, err
		}
	}
	dropAll := func() {
		_ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").Error
		_ = admin.Exec("DROP ROLE IF EXISTS " + runtime).Error
		_ = admin.Exec("DROP ROLE IF EXISTS " + owner).Error
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	}
	ownerURL, err := RoleURL(adminURL, name, owner)
	if err != nil {
		dropAll()
		return nil, nil, err
	}
	if err := store.MigrateAs(ctx, ownerURL, runtime); err != nil {
		dropAll()
		return nil, nil, err
	}
	runtimeURL, _ := RoleURL(adminURL, name, runtime)
	// Nothing pending: migrating checks the runtime role can read the version.
	db, err := store.OpenMigrated(ctx, runtimeURL, "")
	if err != nil {
		dropAll()
		return nil, nil, err
	}
	info := Info{OwnerURL: ownerURL, RuntimeURL: runtimeURL, Owner: owner, Runtime: runtime, AdminURL: adminURL}
	roles = &info
	cleanup := func() {
		_ = db.Close()
		dropAll()
	}
	return db, cleanup, nil
}

// Info names the PostgreSQL roles of the package's database.
type Info struct {
	AdminURL, OwnerURL, RuntimeURL string
	Owner, Runtime                 string
}

var roles *Info

// Roles returns the owner and runtime roles of the package's database, or
// nil on SQLite.
func Roles() *Info { return roles }

// RoleURL is serverURL pointed at database as user.
func RoleURL(serverURL, database, user string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", err
	}
	u.Path = "/" + database
	u.User = url.User(user)
	return u.String(), nil
}
