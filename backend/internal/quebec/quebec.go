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
