package testutil

import (
	"sync/atomic"
	"time"
)

// Clock is the services' clock in tests: the real time, moved by an offset
// the tests set (end dates, the reauthentication window) without sleeping.
type Clock struct{ offset atomic.Int64 }

// Now is the real time moved by the offset; services take it as their Now.
func (c *Clock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// Set moves the clock so that it reads t now.
func (c *Clock) Set(t time.Time) { c.offset.Store(int64(time.Until(t))) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }
