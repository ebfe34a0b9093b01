package portal

import (
	"gorm.io/gorm"
)

// take reserves n consecutive values of a counter and returns the first.
// The single UPDATE ... RETURNING is atomic in PostgreSQL and SQLite alike,
// so two concurrent requests never get the same numbers.
func take(tx *gorm.DB, name string, n int) (int64, error) {
	var last int64
	err := tx.Raw("UPDATE counters SET value = value + ? WHERE name = ? RETURNING value", n, name).Scan(&last).Error
	return last - int64(n) + 1, err
}
