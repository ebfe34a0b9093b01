// Package redistest gives tests a client of the real Redis the test suite
// runs against (TEST_REDIS_URL, default redis://127.0.0.1:6379/0) and a key
// prefix of their own.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

func open(t testing.TB) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(URL())
	if err != nil {
		t.Fatalf("TEST_REDIS_URL : %v", err)
	}
	return redis.NewClient(opt)
}

// URL is the Redis the tests use.
func URL() string {
	if v := os.Getenv("TEST_REDIS_URL"); v != "" {
		return v
	}
	return "redis://127.0.0.1:6379/0"
}

// Client returns a new client of the test Redis, closed with the test. The
// test fails when Redis does not answer.
func Client(t testing.TB) *redis.Client {
	t.Helper()
	c := open(t)
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("Redis injoignable à %s (TEST_REDIS_URL) : %v", URL(), err)
	}
	return c
}

// Prefix returns a key prefix no other test uses; its keys are deleted
// with the test.
func Prefix(t testing.TB) string {
	t.Helper()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	prefix := "espace-test:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		c := open(t)
		defer c.Close()
		ctx := context.Background()
		iter := c.Scan(ctx, 0, "rate:"+prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
	})
	return prefix
}
