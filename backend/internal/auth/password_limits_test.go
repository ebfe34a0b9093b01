package auth

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// §17: argon2id runs at most one per CPU at once; further hashes wait.
func TestHashingConcurrencyIsBounded(t *testing.T) {
	if cap(hashSlots) != runtime.GOMAXPROCS(0) {
		t.Fatalf("%d slots for %d CPUs", cap(hashSlots), runtime.GOMAXPROCS(0))
	}
	for i := 0; i < cap(hashSlots); i++ { // as many hashes as CPUs running
		hashSlots <- struct{}{}
	}
	done := make(chan struct{})
	go func() {
		_, _ = cheap.Hash("une phrase de passe")
		cheap.Verify("$argon2id$v=19$m=64,t=1,p=1$c2VsZHVzZWw$aGFjaGFnZQ", "x")
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("hash computed while every slot was taken")
	case <-time.After(150 * time.Millisecond):
	}
	<-hashSlots // one ends
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("hash still waiting after a slot was freed")
	}
	for len(hashSlots) > 0 {
		<-hashSlots
	}
}

// The dummy hash is made once, safely under concurrent logins (-race), with
// the parameters of the hasher that uses it.
func TestDummyVerifyConcurrent(t *testing.T) {
	other := Hasher{Params: Argon2Params{MemoryKiB: 128, Time: 1, Threads: 1}}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); cheap.DummyVerify("x") }()
		go func() { defer wg.Done(); other.DummyVerify("x") }()
	}
	wg.Wait()
	a, b := dummyHashFor(cheap), dummyHashFor(other)
	if a != dummyHashFor(cheap) {
		t.Fatal("dummy hash made twice")
	}
	if !strings.Contains(a, "$m=64,") || !strings.Contains(b, "$m=128,") {
		t.Fatalf("dummy hashes: %s %s", a, b)
	}
}
