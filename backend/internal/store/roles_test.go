package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

// The service runs as a role that may only INSERT and SELECT on the activity
// log: no UPDATE, DELETE, TRUNCATE, and no DDL, so it cannot drop the
// append-only triggers either (SPEC §17, §6). The package's database is
// migrated by an owner role and the tests connect as the runtime role, as
// the service does in production.
func TestRuntimeRoleMayOnlyAppendToTheActivityLog(t *testing.T) {
	if testdb.Dialect() != store.Postgres {
		t.Skip("rôles PostgreSQL ; SQLite n'a que ses déclencheurs")
	}
	db := testdb.DB(t)
	ctx := context.Background()
	roles := testdb.Roles()
	if role, err := db.CurrentRole(ctx); err != nil || role != roles.Runtime {
		t.Fatalf("les tests doivent tourner sous le rôle d'exécution %s, pas %q (%v)", roles.Runtime, role, err)
	}
	owns, mayUpdate, err := db.Posture(ctx)
	if err != nil || owns || mayUpdate {
		t.Fatalf("posture : possède=%v peut modifier=%v %v", owns, mayUpdate, err)
	}

	// The service works: users, sessions (UPDATE), the log (INSERT, SELECT, bigserial).
	now := time.Now().UTC()
	u := store.User{ID: uuid.New(), Username: "roles", UsernameKey: "roles-" + testdb.Suffix(), Email: "r@x.qc.ca", EmailKey: "roles-" + testdb.Suffix(),
		FirstName: "Rô", LastName: "Le", PasswordHash: "x", PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := db.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Model(&store.User{}).Where("id = ?", u.ID).Update("first_name", "Rose").Error; err != nil {
		t.Fatalf("UPDATE users refusé : %v", err)
	}
	var id int64
	err = db.Raw(`INSERT INTO activities (occurred_at, type, actor_id, actor_name, principal_id, principal_name,
		actor_first_name, actor_last_name, actor_sort, principal_first_name, principal_last_name, principal_sort)
		VALUES (now(), 'product_order', ?, 'Rose Le', ?, 'Rose Le', 'Rose', 'Le', 'rose le', 'Rose', 'Le', 'rose le') RETURNING id`,
		u.ID, u.ID).Scan(&id).Error
	if err != nil || id == 0 {
		t.Fatalf("INSERT activities refusé : %v", err)
	}
	var n int64
	if err := db.Raw("SELECT count(*) FROM activities WHERE id = ?", id).Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("SELECT activities : %d %v", n, err)
	}

	// Refused by privilege, not by the trigger: the message says so.
	for _, stmt := range []string{
		"UPDATE activities SET type = 'dm_deposit'",
		"DELETE FROM activities",
		"TRUNCATE activities",
		"DROP TRIGGER activities_no_update ON activities",
		"ALTER TABLE activities DISABLE TRIGGER activities_no_update",
		"ALTER TABLE activities ADD COLUMN x text",
		"DROP TABLE activities",
		"DELETE FROM goose_db_version",
		"CREATE TRIGGER t BEFORE INSERT ON activities FOR EACH ROW EXECUTE FUNCTION activities_append_only()",
	} {
		err := db.Exec(stmt).Error
		if err == nil {
			t.Errorf("%s : accepté", stmt)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "permission denied") && !strings.Contains(msg, "must be owner") {
			t.Errorf("%s : refusé pour une autre raison que les droits : %v", stmt, err)
		}
	}
	if err := db.Raw("SELECT count(*) FROM activities WHERE id = ?", id).Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("entrée disparue : %d %v", n, err)
	}
	// The administration journal (§13) is guarded the same way.
	if tables, err := db.AppendOnlyTables(ctx); err != nil || strings.Join(tables, ",") != "activities,admin_activities" {
		t.Fatalf("tables en ajout seul : %v %v", tables, err)
	}
	if err := db.Exec(`INSERT INTO admin_activities (occurred_at, type, actor_id, actor_name, principal_id, principal_name,
		actor_first_name, actor_last_name, actor_sort, principal_first_name, principal_last_name, principal_sort, detail)
		VALUES (now(), 'surveyor_granted', ?, 'Rose Le', ?, 'Rose Le', 'Rose', 'Le', 'rose le', 'Rose', 'Le', 'rose le', 'Matricule 1')`,
		u.ID, u.ID).Error; err != nil {
		t.Fatalf("INSERT admin_activities refusé : %v", err)
	}
	for _, stmt := range []string{
		"UPDATE admin_activities SET detail = 'x'",
		"DELETE FROM admin_activities",
		"TRUNCATE admin_activities",
		"DROP TRIGGER admin_activities_no_update ON admin_activities",
	} {
		err := db.Exec(stmt).Error
		if err == nil || (!strings.Contains(err.Error(), "permission denied") && !strings.Contains(err.Error(), "must be owner")) {
			t.Errorf("%s : %v", stmt, err)
		}
	}
}

// GrantRuntime refuses to grant the owner itself, and tables the owner adds
// later are usable by the runtime role (default privileges).
func TestGrantRuntimeCoversLaterTablesAndRefusesTheOwner(t *testing.T) {
	if testdb.Dialect() != store.Postgres {
		t.Skip("rôles PostgreSQL")
	}
	ctx := context.Background()
	roles := testdb.Roles()
	owner, err := store.Open(roles.OwnerURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if err := owner.GrantRuntime(ctx, roles.Owner); err == nil {
		t.Fatal("le propriétaire ne doit pas devenir rôle d'exécution")
	}
	table := "later_" + testdb.Suffix()
	if err := owner.Exec("CREATE TABLE " + table + " (id bigserial PRIMARY KEY, v text)").Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = owner.Exec("DROP TABLE " + table).Error })
	db := testdb.DB(t)
	if err := db.Exec("INSERT INTO " + table + " (v) VALUES ('a')").Error; err != nil {
		t.Fatalf("table créée ensuite inaccessible : %v", err)
	}
	if err := db.Exec("UPDATE " + table + " SET v = 'b'").Error; err != nil {
		t.Fatalf("UPDATE sur table ordinaire refusé : %v", err)
	}
	// Granting again (every migrate does) changes nothing.
	if err := owner.GrantRuntime(ctx, roles.Runtime); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("UPDATE activities SET type = type").Error; err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("UPDATE activities après nouvel octroi : %v", err)
	}
}
