package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "store") }

func TestUniqueUsernameIsCaseInsensitive(t *testing.T) {
	db := testdb.DB(t)
	now := time.Now().UTC()
	mk := func(name string) store.User {
		return store.User{ID: uuid.New(), Username: name, UsernameKey: "dup" + "-key", Email: name + "@x.qc.ca", EmailKey: name + "@x.qc.ca",
			FirstName: "A", LastName: "B", PasswordHash: "x", PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}
	}
	if err := db.Create(ptr(mk("Dup"))).Error; err != nil {
		t.Fatal(err)
	}
	err := db.Create(ptr(mk("dup"))).Error
	if err == nil || !store.IsUniqueViolation(err) {
		t.Fatalf("want unique violation, got %v", err)
	}
}

func TestWithTxRollsBackEverything(t *testing.T) {
	db := testdb.DB(t)
	ctx := context.Background()
	id := uuid.New()
	now := time.Now().UTC()
	boom := db.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&store.User{ID: id, Username: "tx", UsernameKey: "tx-" + id.String(), Email: "e", EmailKey: "tx-" + id.String(),
			FirstName: "A", LastName: "B", PasswordHash: "x", PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}).Error; err != nil {
			return err
		}
		return context.Canceled
	})
	if boom == nil {
		t.Fatal("want error")
	}
	var n int64
	db.Model(&store.User{}).Where("id = ?", id).Count(&n)
	if n != 0 {
		t.Fatalf("row survived rollback")
	}
}

func ptr[T any](v T) *T { return &v }
