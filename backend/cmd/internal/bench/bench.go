// Package bench holds what the measuring commands (bench-activities,
// bench-http) share: their flags' environment defaults, the scratch
// PostgreSQL database each run creates, and JSON calls to the API under
// measure (which the tests of several `espace serve` instances send too).
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/jackc/pgx/v5"
)

// DefaultAdminURL is the PostgreSQL server where the scratch databases are
// created, unless BENCH_ADMIN_URL or -admin-url says otherwise.
const DefaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Main runs a command until it ends or is interrupted, and exits 1 with its
// error written after its name.
func Main(name string, run func(ctx context.Context) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name, ":", err)
		os.Exit(1)
	}
}

// EnvOr is the environment variable k, or def when it is empty.
func EnvOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// EnvInt is the environment variable k as a positive integer, or def.
func EnvInt(k string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(k), &n); err == nil && n > 0 {
		return n
	}
	return def
}

// ScratchDB creates the database name on the server of adminURL and returns
// its URL, and drop, which removes it (unless keep) once the run is over.
func ScratchDB(ctx context.Context, adminURL, name string, keep bool) (dbURL string, drop func(), err error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	admin, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("connexion à %s : %w", adminURL, err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		_ = admin.Close(context.Background())
		return "", nil, fmt.Errorf("création de la base : %w", err)
	}
	return u.String(), func() {
		if !keep {
			_, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		}
		_ = admin.Close(context.Background())
	}, nil
}

// Request is a request to the API, with a JSON body unless in is nil and a
// bearer token unless token is empty.
func Request(method, u, token string, in any) (*http.Request, error) {
	var rd io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req, nil
}

// Call sends Request and returns the answer's body; an answer other than
// 2xx is an error that quotes it.
func Call(method, u, token string, in any) ([]byte, error) {
	req, err := Request(method, u, token, in)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode/100 != 2 {
		err = fmt.Errorf("%s %s → %d : %s", method, u, res.StatusCode, body)
	}
	return body, err
}

// CallJSON is Call that decodes the answer into out, unless out is nil.
func CallJSON(method, u, token string, in, out any) error {
	body, err := Call(method, u, token, in)
	if err != nil || out == nil {
		return err
	}
	return json.Unmarshal(body, out)
}
