package ratelimit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"espace/backend/internal/ratelimit/redistest"
)

var ctx = context.Background()

func TestMemoryBurstThenRefuseThenRefill(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	m := NewMemory()
	m.now = func() time.Time { return now }
	l := New(m, "login", Rule{Burst: 3, Every: time.Minute})
	for i := 1; i <= 3; i++ {
		r := l.Allow(ctx, "ip:1")
		if !r.Allowed || r.Used != i {
			t.Fatalf("attempt %d: %+v", i, r)
		}
	}
	r := l.Allow(ctx, "ip:1")
	if r.Allowed || r.RetryAfter <= 0 || r.RetryAfter > time.Minute || r.Used != 3 {
		t.Fatalf("fourth attempt: %+v", r)
	}
	if r := l.Allow(ctx, "ip:2"); !r.Allowed {
		t.Fatal("another key must not be affected")
	}
	if r := New(m, "other", Rule{Burst: 3, Every: time.Minute}).Allow(ctx, "ip:1"); !r.Allowed {
		t.Fatal("another limiter on the same store must not be affected")
	}
	now = now.Add(time.Minute)
	if r := l.Allow(ctx, "ip:1"); !r.Allowed {
		t.Fatal("refilled after a minute")
	}
}

func TestMemoryForgetsIdleBuckets(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	m := NewMemory()
	m.now = func() time.Time { return now }
	l := New(m, "x", Rule{Burst: 2, Every: time.Second})
	for i := 0; i < 100; i++ {
		l.Allow(ctx, fmt.Sprint(i))
	}
	now = now.Add(2 * time.Minute)
	l.Allow(ctx, "last")
	if len(m.buckets) != 1 {
		t.Fatalf("%d buckets kept", len(m.buckets))
	}
}

func TestZeroRuleAllowsEverything(t *testing.T) {
	l := New(NewMemory(), "x", Rule{})
	for i := 0; i < 100; i++ {
		if r := l.Allow(ctx, "k"); !r.Allowed {
			t.Fatal("refused")
		}
	}
}

func TestLongKeysAreHashed(t *testing.T) {
	m := NewMemory()
	l := New(m, "x", Rule{Burst: 1, Every: time.Hour})
	long := string(bytes.Repeat([]byte("a"), 10000))
	l.Allow(ctx, long)
	if r := l.Allow(ctx, long); r.Allowed {
		t.Fatal("the same long key must share its bucket")
	}
	if r := l.Allow(ctx, long+"b"); !r.Allowed {
		t.Fatal("another long key must not")
	}
	for k := range m.buckets {
		if len(k) > 100 {
			t.Fatalf("key of %d bytes kept", len(k))
		}
	}
}

// §16: two instances, each with its own client, share one allowance.
func TestRedisSharedBetweenInstances(t *testing.T) {
	prefix := redistest.Prefix(t)
	rule := Rule{Burst: 4, Every: time.Hour}
	a := New(NewRedis(redistest.Client(t), prefix), "login", rule)
	b := New(NewRedis(redistest.Client(t), prefix), "login", rule)
	for i := 1; i <= 4; i++ {
		l := a
		if i%2 == 0 {
			l = b
		}
		if r := l.Allow(ctx, "account:x"); !r.Allowed || r.Used != i {
			t.Fatalf("attempt %d: %+v", i, r)
		}
	}
	for _, l := range []*Limiter{a, b} {
		r := l.Allow(ctx, "account:x")
		if r.Allowed || r.RetryAfter <= 59*time.Minute || r.RetryAfter > time.Hour {
			t.Fatalf("fifth attempt: %+v", r)
		}
	}
	if r := a.Allow(ctx, "account:y"); !r.Allowed {
		t.Fatal("another key must not be affected")
	}
	if r := New(NewRedis(redistest.Client(t), prefix), "signup", rule).Allow(ctx, "account:x"); !r.Allowed {
		t.Fatal("another limiter must not be affected")
	}
	if r := New(NewRedis(redistest.Client(t), redistest.Prefix(t)), "login", rule).Allow(ctx, "account:x"); !r.Allowed {
		t.Fatal("another prefix must not be affected")
	}
}

// Redis refills as Memory does: one token every Every.
func TestRedisRefills(t *testing.T) {
	l := New(NewRedis(redistest.Client(t), redistest.Prefix(t)), "x", Rule{Burst: 2, Every: 300 * time.Millisecond})
	l.Allow(ctx, "k")
	l.Allow(ctx, "k")
	r := l.Allow(ctx, "k")
	if r.Allowed || r.RetryAfter > 300*time.Millisecond {
		t.Fatalf("third attempt: %+v", r)
	}
	time.Sleep(r.RetryAfter + 20*time.Millisecond)
	if r := l.Allow(ctx, "k"); !r.Allowed {
		t.Fatalf("after the wait: %+v", r)
	}
}

// Redis unreachable: the limit still holds, counted in this process, the
// error is logged, and Redis is asked again after the pause.
func TestRedisDownCountsLocally(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(lockedWriter{&mu, &logs}, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	client, err := OpenRedis("redis://127.0.0.1:1/0") // nothing listens there
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	store := NewRedis(client, "x:")
	now := time.Unix(1_700_000_000, 0)
	store.now = func() time.Time { return now }
	store.fallback.now = store.now
	l := New(store, "login", Rule{Burst: 3, Every: time.Hour})
	for i := 1; i <= 3; i++ {
		if r := l.Allow(ctx, "account:x"); !r.Allowed || r.Used != i {
			t.Fatalf("attempt %d: %+v", i, r)
		}
	}
	if r := l.Allow(ctx, "account:x"); r.Allowed || r.RetryAfter <= 0 {
		t.Fatalf("fourth attempt must be refused while Redis is down: %+v", r)
	}
	mu.Lock()
	n := bytes.Count(logs.Bytes(), []byte(`"event":"ratelimit_redis_down"`))
	mu.Unlock()
	if n != 1 {
		t.Fatalf("one error logged per pause, got %d: %s", n, logs.String())
	}
	// After the pause Redis is tried again (and fails again: logged again).
	now = now.Add(RedisPause + time.Second)
	l.Allow(ctx, "account:y")
	mu.Lock()
	n = bytes.Count(logs.Bytes(), []byte(`"event":"ratelimit_redis_down"`))
	mu.Unlock()
	if n != 2 {
		t.Fatalf("Redis must be asked again after the pause: %d errors logged", n)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestSlots(t *testing.T) {
	s := NewSlots(2)
	r1, ok1 := s.TryAcquire()
	_, ok2 := s.TryAcquire()
	if !ok1 || !ok2 {
		t.Fatal("two slots free")
	}
	if _, ok := s.TryAcquire(); ok {
		t.Fatal("third slot granted")
	}
	r1()
	r1() // releasing twice frees one slot only
	if _, ok := s.TryAcquire(); !ok {
		t.Fatal("released slot not granted")
	}
	if _, ok := s.TryAcquire(); ok {
		t.Fatal("a double release must not free a second slot")
	}
	if _, ok := NewSlots(0).TryAcquire(); !ok {
		t.Fatal("unbounded")
	}
}

func BenchmarkMemoryTake(b *testing.B) {
	l := New(NewMemory(), "x", Rule{Burst: 1 << 30, Every: time.Millisecond})
	for i := 0; b.Loop(); i++ {
		l.Allow(ctx, fmt.Sprint(i%1000))
	}
}

func BenchmarkRedisTake(b *testing.B) {
	l := New(NewRedis(redistest.Client(b), redistest.Prefix(b)), "x", Rule{Burst: 1 << 30, Every: time.Millisecond})
	for i := 0; b.Loop(); i++ {
		l.Allow(ctx, fmt.Sprint(i%1000))
	}
}
