package ratelimit

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Redis keeps the buckets in Redis, so that every instance pointing at the
// same server and prefix shares one allowance per key. The algorithm is
// redis_rate's GCRA, which behaves as the token bucket of Memory: Burst at
// once, then one every Every.
//
// When Redis cannot answer, an attempt is counted in this process's memory
// instead, under the same rule, and the error is logged; Redis is tried
// again after a short pause. Neither failing open nor failing closed is
// right for this service:
//   - open would hand unlimited password guesses (login, password change,
//     recovery) to whoever can make Redis unreachable or slow;
//   - closed would turn a Redis outage into a refusal of every login, search
//     and export, making Redis a single point of failure of the service.
//
// Counting locally keeps every limit in force during an outage, each
// instance granting at most its own allowance (n instances: n times the
// shared one), and keeps the service available.
type Redis struct {
	rl       *redis_rate.Limiter
	prefix   string
	fallback *Memory
	pause    time.Duration
	now      func() time.Time

	mu        sync.Mutex
	downUntil time.Time
}

// RedisPause is how long the local fallback is used after a Redis error
// before Redis is asked again.
const RedisPause = 5 * time.Second

// NewRedis returns a store on client whose keys all start with prefix
// (redis_rate adds its own "rate:" in front).
func NewRedis(client redis.UniversalClient, prefix string) *Redis {
	return &Redis{rl: redis_rate.NewLimiter(client), prefix: prefix, fallback: NewMemory(), pause: RedisPause, now: time.Now}
}

// OpenRedis connects to the Redis of rawURL (redis:// or rediss://, with
// user, password and database number if any). Timeouts are short: a slow
// Redis must not hold requests, the fallback answers instead.
func OpenRedis(rawURL string) (*redis.Client, error) {
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL : %w", err)
	}
	opt.DialTimeout = 500 * time.Millisecond
	opt.ReadTimeout = 300 * time.Millisecond
	opt.WriteTimeout = 300 * time.Millisecond
	opt.PoolTimeout = 500 * time.Millisecond
	opt.MaxRetries = 1
	opt.DialerRetries = 1
	opt.ContextTimeoutEnabled = true
	return redis.NewClient(opt), nil
}

// Take implements Store.
func (r *Redis) Take(ctx context.Context, key string, rule Rule) Result {
	if rule.Burst <= 0 {
		return Result{Allowed: true}
	}
	if r.isDown() {
		return r.fallback.Take(ctx, key, rule)
	}
	limit := redis_rate.Limit{Rate: 1, Period: rule.Every, Burst: rule.Burst}
	// A request that ends while Redis answers must not count as an outage.
	res, err := r.rl.Allow(context.WithoutCancel(ctx), r.prefix+key, limit)
	if err != nil {
		r.markDown(ctx, err)
		return r.fallback.Take(ctx, key, rule)
	}
	if res.Allowed == 0 {
		return Result{RetryAfter: max(res.RetryAfter, time.Millisecond), Used: rule.Burst}
	}
	return Result{Allowed: true, Used: max(rule.Burst-res.Remaining, 1)}
}

func (r *Redis) isDown() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now().Before(r.downUntil)
}

func (r *Redis) markDown(ctx context.Context, err error) {
	r.mu.Lock()
	r.downUntil = r.now().Add(r.pause)
	r.mu.Unlock()
	slog.ErrorContext(ctx, "limites de fréquence : Redis injoignable, décompte local à cette instance",
		"event", "ratelimit_redis_down", "erreur", err.Error(), "pause", r.pause.String())
}
