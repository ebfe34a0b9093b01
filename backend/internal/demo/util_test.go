package demo_test

import (
	"testing"

	"github.com/google/uuid"

	"espace/backend/internal/store"
)

func parseID(t *testing.T, s string) uuid.UUID {
	t.Helper()
	id, err := uuid.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustHash(t *testing.T, db *store.DB, username string) string {
	t.Helper()
	var h string
	if err := db.Raw("SELECT password_hash FROM users WHERE username_key = ?", username).Scan(&h).Error; err != nil {
		t.Fatal(err)
	}
	return h
}
