package quebec

import (
	"testing"
	"time"
)

// Today is the midnight, in Québec, of the Québec day of an instant: the
// day is Québec's, not UTC's, and days around the clock changes are whole.
func TestToday(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		now, want string // want: the midnight, as an instant
		hours     int    // length of that day
	}{
		{"2026-07-01T03:59:59Z", "2026-06-30T04:00:00Z", 24}, // still June 30 in Québec (UTC−4)
		{"2026-07-01T04:00:00Z", "2026-07-01T04:00:00Z", 24}, // midnight itself
		{"2026-01-15T04:59:59Z", "2026-01-14T05:00:00Z", 24}, // winter, UTC−5
		{"2026-03-08T06:59:59Z", "2026-03-08T05:00:00Z", 23}, // clocks go forward at 2:00
		{"2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", 23},
		{"2026-11-01T05:30:00Z", "2026-11-01T04:00:00Z", 25}, // 1:30 the first time, clocks go back at 2:00
		{"2026-11-01T06:30:00Z", "2026-11-01T04:00:00Z", 25}, // 1:30 the second time
		{"2026-11-02T04:59:59Z", "2026-11-01T04:00:00Z", 25},
	} {
		now := at(c.now)
		got := Today(now)
		if !got.Equal(at(c.want)) || got.Location() != Location {
			t.Errorf("Today(%s) = %s, attendu %s à Québec", c.now, got, c.want)
		}
		if h, m, s := got.Clock(); h != 0 || m != 0 || s != 0 || Day(got) != Day(now) {
			t.Errorf("Today(%s) = %s : pas le minuit du même jour", c.now, got)
		}
		if next := got.AddDate(0, 0, 1); next.Sub(got) != time.Duration(c.hours)*time.Hour || Day(next) == Day(now) {
			t.Errorf("jour de %s : %s, attendu %d h", c.now, next.Sub(got), c.hours)
		}
	}
}
