// Package ratelimit slows down guessing and flooding: token buckets (one
// rule, one bucket per key) kept either in this process's memory or, when
// several instances serve as one, in Redis so that they share one allowance.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Rule allows Burst attempts at once, then one every Every. A zero Burst
// allows everything.
type Rule struct {
	Burst int
	Every time.Duration
}

// Result is the outcome of one attempt.
type Result struct {
	Allowed    bool
	RetryAfter time.Duration // when refused: how long until the next attempt may pass
	Used       int           // attempts the bucket holds, this one included (Burst once full)
}

// Store keeps the buckets. Both implementations (Memory, Redis) apply a
// rule the same way: a bucket of Burst tokens refilled one every Every.
type Store interface {
	// Take takes one token for key under rule.
	Take(ctx context.Context, key string, rule Rule) Result
}

// Limiter applies one named Rule to keys in a Store.
type Limiter struct {
	store Store
	name  string
	rule  Rule
}

// New returns a limiter applying rule to each key, under a name unique among
// the limiters of one store (it keeps their buckets apart).
func New(store Store, name string, rule Rule) *Limiter {
	return &Limiter{store: store, name: name, rule: rule}
}

// Name is the limiter's name, e.g. "login-ip" (metrics label the refusals with it).
func (l *Limiter) Name() string { return l.name }

// Rule is the limiter's rule.
func (l *Limiter) Rule() Rule { return l.rule }

// Allow takes one attempt for key.
func (l *Limiter) Allow(ctx context.Context, key string) Result {
	if l == nil || l.rule.Burst <= 0 {
		return Result{Allowed: true}
	}
	return l.store.Take(ctx, l.name+":"+compact(key), l.rule)
}

// compact keeps keys short whatever the client sent (a username may be long):
// long keys are replaced by their SHA-256.
func compact(key string) string {
	if len(key) <= 96 {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:])
}
