package store

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// NullTime scans a nullable timestamp from either dialect: PostgreSQL
// returns time.Time; SQLite returns time.Time for a column declared as a
// date or datetime and text for an expression over one (max(), a subquery).
type NullTime struct {
	Time  time.Time
	Valid bool
}

// sqliteLayouts are the forms SQLite text timestamps take here (the
// driver's _time_format=sqlite, and dates).
var sqliteLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// Scan implements sql.Scanner.
func (t *NullTime) Scan(v any) error {
	t.Time, t.Valid = time.Time{}, false
	var s string
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		t.Time, t.Valid = x, true
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("horodatage : type %T inattendu", v)
	}
	for _, layout := range sqliteLayouts {
		if parsed, err := time.Parse(layout, s); err == nil {
			t.Time, t.Valid = parsed.UTC(), true
			return nil
		}
	}
	return fmt.Errorf("horodatage illisible : %q", s)
}

// Value implements driver.Valuer.
func (t NullTime) Value() (driver.Value, error) {
	if !t.Valid {
		return nil, nil
	}
	return t.Time, nil
}

// Ptr is the time, or nil when NULL.
func (t NullTime) Ptr() *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}
