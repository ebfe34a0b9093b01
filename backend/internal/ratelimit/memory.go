package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Memory keeps the buckets in this process, forgetting them once idle: each
// instance counts on its own.
type Memory struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	lastGC  time.Time
	now     func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
	full time.Duration // time to refill completely
}

// NewMemory returns an empty in-process store.
func NewMemory() *Memory {
	return &Memory{buckets: map[string]*bucket{}, now: time.Now}
}

// Take implements Store.
func (m *Memory) Take(_ context.Context, key string, rule Rule) Result {
	if rule.Burst <= 0 {
		return Result{Allowed: true}
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gc(now)
	b, ok := m.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(rule.Every), rule.Burst), full: rule.Every * time.Duration(rule.Burst)}
		m.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return Result{RetryAfter: d, Used: rule.Burst}
	}
	left := int(math.Floor(b.lim.TokensAt(now)))
	return Result{Allowed: true, Used: max(rule.Burst-left, 1)}
}

// gc forgets buckets that have refilled completely: they hold no state.
func (m *Memory) gc(now time.Time) {
	if now.Sub(m.lastGC) < time.Minute {
		return
	}
	m.lastGC = now
	for k, b := range m.buckets {
		if now.Sub(b.seen) > b.full {
			delete(m.buckets, k)
		}
	}
}
