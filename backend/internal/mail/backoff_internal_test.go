package mail

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestBackoffDoublesAndIsCapped(t *testing.T) {
	base, limit := 10*time.Second, 15*time.Minute
	cases := []struct {
		attempts int
		want     time.Duration
	}{
		{0, 10 * time.Second},
		{1, 10 * time.Second},
		{2, 20 * time.Second},
		{3, 40 * time.Second},
		{7, 640 * time.Second},
		{8, 15 * time.Minute}, // 1280 s passes the cap
		{50, 15 * time.Minute},
		{1 << 30, 15 * time.Minute}, // no overflow, no endless loop
	}
	for _, c := range cases {
		if got := backoff(c.attempts, base, limit, 0); got != c.want {
			t.Errorf("backoff(%d) = %s, want %s", c.attempts, got, c.want)
		}
		// Jitter only ever shortens, by at most 10 %.
		got := backoff(c.attempts, base, limit, 0.999)
		if got > c.want || got < c.want*9/10 {
			t.Errorf("backoff(%d) with jitter = %s, want within 10 %% below %s", c.attempts, got, c.want)
		}
	}
	if got := backoff(40, time.Hour, time.Duration(1<<62), 0); got != time.Duration(1<<62) {
		t.Errorf("huge cap: %s", got)
	}
}

func TestWorkerOptionDefaults(t *testing.T) {
	o := WorkerOptions{}.withDefaults()
	if o.PollInterval != 2*time.Second || o.BatchSize != 20 || o.BaseBackoff != 10*time.Second ||
		o.MaxBackoff != 15*time.Minute || o.Lease != 2*time.Minute || o.SendTimeout != 30*time.Second || o.Logger == nil {
		t.Fatalf("defaults = %+v", o)
	}
	o = WorkerOptions{SendTimeout: 5 * time.Minute, Lease: time.Minute}.withDefaults()
	if o.Lease != 10*time.Minute {
		t.Fatalf("a lease must outlast two sends, got %s", o.Lease)
	}
}

func TestTruncateKeepsValidUTF8(t *testing.T) {
	s := strings.Repeat("é", 600) // 1200 bytes
	got := truncate(s, maxErrorLen)
	if !utf8.ValidString(got) || len(got) > maxErrorLen+len("…") || !strings.HasSuffix(got, "…") {
		t.Fatalf("truncate gave %d bytes, valid=%v", len(got), utf8.ValidString(got))
	}
	if truncate("court", maxErrorLen) != "court" {
		t.Fatal("short strings stay as they are")
	}
}
