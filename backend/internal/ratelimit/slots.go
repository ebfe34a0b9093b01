package ratelimit

import "sync"

// Slots bounds how many costly jobs of one kind run at once in this process
// (a semaphore that never waits). Memory is per process, so the bound is too,
// with or without Redis.
type Slots struct{ ch chan struct{} }

// NewSlots allows n jobs at once; n <= 0 allows any number.
func NewSlots(n int) *Slots {
	if n <= 0 {
		return &Slots{}
	}
	return &Slots{ch: make(chan struct{}, n)}
}

// TryAcquire takes a slot if one is free. The caller must call release once
// the job is done.
func (s *Slots) TryAcquire() (release func(), ok bool) {
	if s == nil || s.ch == nil {
		return func() {}, true
	}
	select {
	case s.ch <- struct{}{}:
		return sync.OnceFunc(func() { <-s.ch }), true
	default:
		return nil, false
	}
}
