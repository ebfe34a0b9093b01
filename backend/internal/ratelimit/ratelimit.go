// Package ratelimit slows down guessing: token buckets keyed by client IP or
// by account, kept in memory and forgotten once idle.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rule allows Burst attempts at once, then one every Every.
type Rule struct {
	Burst int
	Every time.Duration
}

// Limiter applies one Rule per key.
type Limiter struct {
	rule    Rule
	mu      sync.Mutex
	buckets map[string]*bucket
	lastGC  time.Time
	now     func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New returns a limiter applying rule to each key.
func New(rule Rule) *Limiter {
	return &Limiter{rule: rule, buckets: map[string]*bucket{}, now: time.Now}
}

// Allow takes one attempt for key. When refused it tells how long to wait.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if l == nil || l.rule.Burst <= 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gc(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.rule.Every), l.rule.Burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// gc forgets buckets that have refilled completely: they hold no state.
func (l *Limiter) gc(now time.Time) {
	full := l.rule.Every * time.Duration(l.rule.Burst)
	if now.Sub(l.lastGC) < time.Minute {
		return
	}
	l.lastGC = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) > full {
			delete(l.buckets, k)
		}
	}
}
