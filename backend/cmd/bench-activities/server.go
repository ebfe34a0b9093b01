package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"espace/backend/cmd/internal/bench"
)

// buildEspace compiles the real server, so that what is measured is what
// ships.
func buildEspace(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "espace")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "espace/backend/cmd/espace") //nolint:gosec // bin is a path in our own scratch directory
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build espace : %w", err)
	}
	return bin, nil
}

// server is one `espace serve` child process.
type server struct {
	cmd  *exec.Cmd
	base string
}

const jwtSecret = "clé de signature des mesures, trente-deux octets et plus" //nolint:gosec // a scratch server for measurements

func startServer(ctx context.Context, bin, databaseURL string) (*server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(),
		"DATABASE_URL="+databaseURL, "ESPACE_ADDR="+addr, "ESPACE_JWT_SECRET="+jwtSecret,
		"ESPACE_WEB_DIR=/nonexistent", "ESPACE_LOG_LEVEL=error",
		"ESPACE_DATA_DIR="+os.TempDir(),
	)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
		select {
		case <-ctx.Done():
			_, _ = s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	_, _ = s.stop()
	return nil, fmt.Errorf("espace serve ne répond pas sur %s", addr)
}

// stop ends the server and returns its peak resident set size in bytes.
func (s *server) stop() (int64, error) {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	err := s.cmd.Wait()
	return maxRSS(s.cmd.ProcessState), err
}

// maxRSS is a finished child's peak resident set size, in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024 // kilobytes on Linux
	}
	return 0
}

// call sends one JSON request and decodes the answer.
func (s *server) call(method, path, token string, body, out any) error {
	return bench.CallJSON(method, s.base+path, token, body, out)
}

// download fetches path and throws the body away, returning its size.
func (s *server) download(path, token string) (int64, error) {
	req, err := http.NewRequest("GET", s.base+path, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		raw, _ := io.ReadAll(res.Body)
		return 0, fmt.Errorf("GET %s → %d : %s", path, res.StatusCode, raw)
	}
	return io.Copy(io.Discard, res.Body)
}

const benchPassword = "une phrase de passe pour les mesures" //nolint:gosec // the scratch accounts of the measurements

// signUpAndLogin creates the measured person through the API.
func signUpAndLogin(s *server) (id, token string, err error) {
	var u struct{ ID string }
	if err = s.call("POST", "/api/v1/accounts", "", map[string]string{
		"username": "mesure", "email": "mesure@exemple.qc.ca", "firstName": "Édith", "lastName": "Descartes", "password": benchPassword,
	}, &u); err != nil {
		return "", "", err
	}
	token, err = login(s)
	return u.ID, token, err
}

func login(s *server) (string, error) {
	var t struct{ AccessToken string }
	err := s.call("POST", "/api/v1/auth/login", "", map[string]string{"username": "mesure", "password": benchPassword}, &t)
	return t.AccessToken, err
}

// processCPU is the CPU time (user + system) a running process has used so
// far, read from /proc (Linux); 0 elsewhere.
func processCPU(pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(raw[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / clockTicks
}

// clockTicks is USER_HZ, 100 on every Linux this runs on.
const clockTicks = 100
