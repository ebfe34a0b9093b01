package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// load is Load with the test's environment, failing the test on error.
func load(t *testing.T) Config {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSigningKeys(t *testing.T) {
	a, b := strings.Repeat("a", 32), strings.Repeat("b:c", 11) // a secret may hold ':'
	t.Setenv("ESPACE_JWT_SECRET", "")
	t.Setenv("ESPACE_JWT_KEYS", "2026-11:"+a+", 2026-10:"+b)
	c := load(t)
	keys, err := c.SigningKeys()
	if err != nil || len(keys) != 2 || keys[0].ID != "2026-11" || string(keys[0].Secret) != a || keys[1].ID != "2026-10" || string(keys[1].Secret) != b {
		t.Fatalf("%v %+v", err, keys)
	}
	for _, bad := range []string{"", "k1", ":" + a, "k1:court", "k1:" + a + ",k1:" + b, "k 1:" + a, "k1:" + a + ","} {
		if _, err := ParseSigningKeys(bad); err == nil {
			t.Errorf("%q accepté", bad)
		}
	}
	// Both set: ambiguous, refused.
	t.Setenv("ESPACE_JWT_SECRET", a)
	c = load(t)
	if _, err := c.SigningKeys(); err == nil {
		t.Error("ESPACE_JWT_KEYS et ESPACE_JWT_SECRET acceptés ensemble")
	}
	// ESPACE_JWT_SECRET alone: one key, id "default".
	t.Setenv("ESPACE_JWT_KEYS", "")
	c = load(t)
	keys, err = c.SigningKeys()
	if err != nil || len(keys) != 1 || keys[0].ID != "default" || string(keys[0].Secret) != a {
		t.Fatalf("%v %+v", err, keys)
	}
	// Too short a secret is refused when the keys are built, as before.
	t.Setenv("ESPACE_JWT_SECRET", "court")
	c = load(t)
	if _, err := c.SigningKeys(); err == nil {
		t.Error("ESPACE_JWT_SECRET de 5 caractères accepté")
	}
}

// Neither variable: a key is generated once into the data directory and
// read back at the next start, so a restart logs nobody out.
func TestGeneratedSecret(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ESPACE_JWT_SECRET", "")
	t.Setenv("ESPACE_JWT_KEYS", "")
	t.Setenv("ESPACE_DATA_DIR", dir)
	c := load(t)
	first, err := c.SigningKeys()
	if err != nil || len(first) != 1 || len(first[0].Secret) < 32 {
		t.Fatalf("%v %+v", err, first)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "jwt-secret")); err != nil || string(b) != string(first[0].Secret) {
		t.Fatalf("clé non conservée : %v", err)
	}
	c = load(t)
	again, err := c.SigningKeys()
	if err != nil || string(again[0].Secret) != string(first[0].Secret) {
		t.Fatalf("nouvelle clé au redémarrage : %v", err)
	}
}

// Every variable the command reads goes through Load: the command line's
// administrator password too, taken as given.
func TestLoadReadsTheCommandsVariables(t *testing.T) {
	t.Setenv("ESPACE_ADMIN_PASSWORD", "")
	if c := load(t); c.AdminPassword != "" {
		t.Fatalf("mot de passe sans variable : %q", c.AdminPassword)
	}
	t.Setenv("ESPACE_ADMIN_PASSWORD", " Une phrase de passe ")
	t.Setenv("ESPACE_JWT_SECRET", strings.Repeat("s", 40))
	t.Setenv("ESPACE_JWT_KEYS", "k1:"+strings.Repeat("k", 32))
	c := load(t)
	if c.AdminPassword != " Une phrase de passe " {
		t.Errorf("ESPACE_ADMIN_PASSWORD : %q", c.AdminPassword)
	}
	if string(c.JWTSecret) != strings.Repeat("s", 40) || c.JWTKeys != "k1:"+strings.Repeat("k", 32) {
		t.Errorf("clés : %q %q", c.JWTSecret, c.JWTKeys)
	}
}

// The metrics listener never shares the public port.
func TestMetricsAddr(t *testing.T) {
	t.Setenv("ESPACE_ADDR", "0.0.0.0:8080")
	for addr, ok := range map[string]bool{"": true, "0.0.0.0:9090": true, "127.0.0.1:8080": false, ":8080": false, "9090": false} {
		t.Setenv("ESPACE_METRICS_ADDR", addr)
		c, err := Load()
		if (err == nil) != ok || (ok && c.MetricsAddr != addr) {
			t.Errorf("ESPACE_METRICS_ADDR=%q : %v", addr, err)
		}
	}
}
