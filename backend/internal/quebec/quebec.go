// Package quebec is the portal's one time zone: the database stores UTC,
// people read and type dates in Québec time (America/Toronto).
package quebec

import (
	"time"
	_ "time/tzdata" // America/Toronto resolves even on a bare container
)

// Location is Québec's time zone.
var Location = func() *time.Location {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Day is the calendar date, in Québec, of the instant t (YYYY-MM-DD).
func Day(t time.Time) string { return t.In(Location).Format(time.DateOnly) }

// Today is midnight, in Québec, that starts the Québec day of the instant
// now: where the date rules count days from (an end date, a reminder).
// Québec changes the clock at 2:00, so that midnight always exists.
func Today(now time.Time) time.Time {
	t := now.In(Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Location)
}
