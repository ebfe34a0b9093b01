package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/crypto/argon2"

	"espace/backend/internal/auth"
)

// target is one server measured under load.
type target struct {
	name   string
	req    func() *http.Request
	status int
}

func get(u, token string) func() *http.Request {
	return func() *http.Request {
		r, _ := http.NewRequest(http.MethodGet, u, nil)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return r
	}
}

func post(u, token, body string) func() *http.Request {
	return func() *http.Request {
		r, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return r
	}
}

// result accumulates the rounds of one target.
type result struct {
	name    string
	n, errs int
	elapsed time.Duration
	lat     []time.Duration
	rounds  []float64     // requests per second of each round
	cpu     time.Duration // this process's CPU time (servers and load generator)
}

// processCPU is the CPU time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (r *result) rps() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r *result) p(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	slices.Sort(r.lat)
	return r.lat[min(len(r.lat)-1, int(q*float64(len(r.lat))))]
}

// measure runs o.rounds rounds; in each, every target in turn (the order
// rotates) takes o.conns connections' load for o.round. Each target keeps
// its own keep-alive connections, warmed up before the first round.
func measure(ctx context.Context, o options, targets []target) []*result {
	out := make([]*result, len(targets))
	clients := make([]*http.Client, len(targets))
	for i, t := range targets {
		out[i] = &result{name: t.name}
		clients[i] = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.conns, MaxConnsPerHost: o.conns, DisableCompression: true}}
		load(ctx, clients[i], t, o.conns, o.round/4) // warm-up
	}
	for r := range o.rounds {
		for k := range targets {
			i := (r + k) % len(targets)
			cpu := processCPU()
			n, errs, lat, el := load(ctx, clients[i], targets[i], o.conns, o.round)
			res := out[i]
			res.cpu += processCPU() - cpu
			res.n += n
			res.errs += errs
			res.elapsed += el
			res.lat = append(res.lat, lat...)
			res.rounds = append(res.rounds, float64(n)/el.Seconds())
		}
		fmt.Printf("  tour %d/%d fait\n", r+1, o.rounds)
	}
	return out
}

// load keeps conns requests in flight for d and returns the successful
// requests, the failures, their latencies and the time taken.
func load(ctx context.Context, client *http.Client, t target, conns int, d time.Duration) (int, int, []time.Duration, time.Duration) {
	var (
		mu     sync.Mutex
		n, bad int
		all    []time.Duration
		wg     sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			errs := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t0 := time.Now()
				resp, err := client.Do(t.req())
				if err != nil {
					errs++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != t.status {
					errs++
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			n += len(lat)
			bad += errs
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return n, bad, all, time.Since(start)
}

func report(rs []*result) {
	base := rs[1]
	for _, r := range rs {
		rounds := make([]string, len(r.rounds))
		for i, v := range r.rounds {
			rounds[i] = fmt.Sprintf("%.0f", v)
		}
		fmt.Printf("  %-50s %8.0f req/s (%.2f×)  p50 %s  p99 %s (%.2f×)  CPU Go %4.0f µs/req  erreurs %d  tours [%s]\n", r.name, r.rps(), r.rps()/base.rps(),
			ms(r.p(0.5)), ms(r.p(0.99)), float64(r.p(0.99))/float64(base.p(0.99)), float64(r.cpu.Microseconds())/float64(max(r.n, 1)), r.errs, strings.Join(rounds, " "))
	}
}

// measureLogin times logins one at a time, each after one bare argon2id
// hash with the service's parameters, and returns both medians.
func measureLogin(base, username string, n int) (time.Duration, time.Duration, error) {
	p := auth.OWASPParams
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	client := &http.Client{}
	var logins, hashes []time.Duration
	for i := range n + 1 {
		t0 := time.Now()
		_ = argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, 32)
		h := time.Since(t0)
		t0 = time.Now()
		resp, err := client.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
		if err != nil {
			return 0, 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		l := time.Since(t0)
		if resp.StatusCode != 200 {
			return 0, 0, fmt.Errorf("connexion : %d", resp.StatusCode)
		}
		if i > 0 { // the first of each warms up
			logins, hashes = append(logins, l), append(hashes, h)
		}
	}
	slices.Sort(logins)
	slices.Sort(hashes)
	return logins[len(logins)/2], hashes[len(hashes)/2], nil
}
