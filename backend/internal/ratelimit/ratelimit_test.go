package ratelimit

import (
	"testing"
	"time"
)

func TestBurstThenRefuseThenRefill(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := New(Rule{Burst: 3, Every: time.Minute})
	l.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("ip:1"); !ok {
			t.Fatalf("attempt %d refused", i)
		}
	}
	ok, wait := l.Allow("ip:1")
	if ok || wait <= 0 || wait > time.Minute {
		t.Fatalf("fourth attempt: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := l.Allow("ip:2"); !ok {
		t.Fatal("another key must not be affected")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("ip:1"); !ok {
		t.Fatal("refilled after a minute")
	}
}

func TestZeroRuleAllowsEverything(t *testing.T) {
	l := New(Rule{})
	for i := 0; i < 100; i++ {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatal("refused")
		}
	}
}
