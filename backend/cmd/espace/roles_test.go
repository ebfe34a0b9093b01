package main

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"espace/backend/internal/config"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

// pgRoles creates a database owned by a fresh owner role, and a runtime
// role; both are unique to the run (roles are cluster-wide) and dropped at
// the end.
func pgRoles(t *testing.T) (ownerURL, runtimeURL, runtime string) {
	t.Helper()
	if testdb.Dialect() != store.Postgres {
		t.Skip("rôles PostgreSQL")
	}
	adminURL := os.Getenv("TEST_DATABASE_URL")
	if adminURL == "" {
		adminURL = testdb.DefaultAdminURL
	}
	admin, err := gorm.Open(postgres.Open(adminURL), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	name := "espace_t_cmd_" + testdb.Suffix()
	owner, runtime := name+"_owner", name+"_app"
	t.Cleanup(func() {
		_ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").Error
		_ = admin.Exec("DROP ROLE IF EXISTS " + runtime).Error
		_ = admin.Exec("DROP ROLE IF EXISTS " + owner).Error
		if sqlDB, err := admin.DB(); err == nil {
			sqlDB.Close()
		}
	})
	for _, stmt := range []string{"CREATE ROLE " + owner + " LOGIN", "CREATE ROLE " + runtime + " LOGIN", "CREATE DATABASE " + name + " OWNER " + owner} {
		if err := admin.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	ownerURL, _ = testdb.RoleURL(adminURL, name, owner)
	runtimeURL, _ = testdb.RoleURL(adminURL, name, runtime)
	return ownerURL, runtimeURL, runtime
}

// `espace migrate` with the owner's URL grants the role of DATABASE_URL; the
// service then runs as that role, loads the demo through it, serves logins,
// and does not warn. Run as the owner, it warns that the log is protected by
// triggers only.
func TestMigrateAsOwnerThenServeAsRuntimeRole(t *testing.T) {
	ownerURL, runtimeURL, runtime := pgRoles(t)
	t.Setenv("DATABASE_URL", runtimeURL)
	t.Setenv("ESPACE_MIGRATE_DATABASE_URL", ownerURL)
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(runtimeURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Exec("TRUNCATE activities").Error; err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("le rôle %s peut vider le journal : %v", runtime, err)
	}

	base, logs, stop := startServe(t, map[string]string{"DATABASE_URL": runtimeURL, "ESPACE_DEMO": "1", "ESPACE_DEMO_PASSWORD": "démo-de-test-verger"})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"jpiette","password":"démo-de-test-verger"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("connexion sous le rôle d'exécution : %v %v", res, err)
	}
	res.Body.Close()
	stop()
	if strings.Contains(logs.String(), "possède ses tables") {
		t.Fatalf("avertissement sous le rôle d'exécution :\n%s", logs.String())
	}

	_, logs, stop = startServe(t, map[string]string{"DATABASE_URL": ownerURL})
	stop()
	if !strings.Contains(logs.String(), "possède ses tables") {
		t.Fatalf("aucun avertissement quand le service possède ses tables :\n%s", logs.String())
	}
}

// serve given an owner URL migrates through it and grants its own role.
func TestServeWithOwnerURLGrantsItsRole(t *testing.T) {
	ownerURL, runtimeURL, runtime := pgRoles(t)
	_, logs, stop := startServe(t, map[string]string{"DATABASE_URL": runtimeURL, "ESPACE_MIGRATE_DATABASE_URL": ownerURL})
	stop()
	if strings.Contains(logs.String(), "possède ses tables") || !strings.Contains(logs.String(), "droits du service accordés") {
		t.Fatalf("journal :\n%s", logs.String())
	}
	// --runtime-role names the role explicitly (e.g. before it can log in).
	t.Setenv("DATABASE_URL", ownerURL)
	t.Setenv("ESPACE_MIGRATE_DATABASE_URL", "")
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), cfg, []string{"--runtime-role", runtime}); err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), cfg, []string{"--runtime-role", "nobody_" + testdb.Suffix()}); err == nil {
		t.Fatal("un rôle inexistant doit être refusé")
	}
}
