package config

import (
	"strings"
	"testing"
)

func TestSigningKeys(t *testing.T) {
	a, b := strings.Repeat("a", 32), strings.Repeat("b:c", 11) // a secret may hold ':'
	t.Setenv("ESPACE_JWT_SECRET", "")
	t.Setenv("ESPACE_JWT_KEYS", "2026-11:"+a+", 2026-10:"+b)
	var c Config
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
	if _, err := c.SigningKeys(); err == nil {
		t.Error("ESPACE_JWT_KEYS et ESPACE_JWT_SECRET acceptés ensemble")
	}
	// ESPACE_JWT_SECRET alone: one key, id "default".
	t.Setenv("ESPACE_JWT_KEYS", "")
	keys, err = c.SigningKeys()
	if err != nil || len(keys) != 1 || keys[0].ID != "default" || string(keys[0].Secret) != a {
		t.Fatalf("%v %+v", err, keys)
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
