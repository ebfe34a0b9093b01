// Package mailtest runs a real SMTP server inside a test process, so tests
// check what actually crosses the wire: envelope, encoded headers and
// transfer-encoded bodies, decoded back for assertions.
package mailtest

import (
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Server is an SMTP listener on 127.0.0.1 that keeps every message it
// accepts. It offers AUTH PLAIN (any credentials) without TLS, and accepts
// mail without authentication too.
type Server struct {
	srv  *smtp.Server
	ln   net.Listener
	done chan struct{}

	mu       sync.Mutex
	messages []Received
	closed   bool
}

// Start listens on a free port of 127.0.0.1. The server closes when the test
// ends.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartOn(t, "127.0.0.1:0")
}

// StartOn listens on addr, e.g. one returned by FreeAddr where a client was
// already pointed while nothing listened.
func StartOn(t testing.TB, addr string) *Server {
	t.Helper()
	ln, err := listen(addr)
	if err != nil {
		t.Fatalf("mailtest: écoute sur %s : %v", addr, err)
	}
	s := &Server{ln: ln, done: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{server: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 100
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	// Connections cut by Close are expected; keep them out of test output.
	srv.ErrorLog = log.New(io.Discard, "", 0)
	s.srv = srv
	go func() {
		defer close(s.done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(s.Close)
	return s
}

// listen retries briefly: a port just released by a previous server (or a
// client probing it) can take a moment to be free again.
func listen(addr string) (net.Listener, error) {
	var err error
	for range 50 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err == nil {
			return ln, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil, err
}

// FreeAddr returns a 127.0.0.1 address where nothing listens, to point a
// client at a server that is down.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// Addr is host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the SMTP_URL that reaches this server.
func (s *Server) URL() string { return "smtp://" + s.Addr() + "?tls=none" }

// Messages returns a copy of what was received so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.messages))
	copy(out, s.messages)
	return out
}

// Count is how many received messages match.
func (s *Server) Count(match func(Received) bool) int {
	n := 0
	for _, m := range s.Messages() {
		if match(m) {
			n++
		}
	}
	return n
}

// WaitFor polls until a received message matches and returns it; the test
// fails if none does within timeout.
func (s *Server) WaitFor(t testing.TB, match func(Received) bool, timeout time.Duration) Received {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		for _, m := range s.Messages() {
			if match(m) {
				return m
			}
		}
		if time.Now().After(deadline) {
			var seen []string
			for _, m := range s.Messages() {
				seen = append(seen, fmt.Sprintf("%v %q", m.To, m.Subject))
			}
			t.Fatalf("mailtest: aucun courriel attendu reçu en %s ; reçus : %s", timeout, strings.Join(seen, ", "))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// To matches messages whose envelope names addr as a recipient.
func To(addr string) func(Received) bool {
	return func(m Received) bool {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				return true
			}
		}
		return false
	}
}

// Close stops listening and drops open connections. The port is free again
// when it returns, so StartOn can reuse it.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.mu.Unlock()
	_ = s.srv.Close()
	// Also close the listener directly: Serve may not have registered it
	// with the server yet when Close comes very early.
	_ = s.ln.Close()
	<-s.done
}

func (s *Server) add(m Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
}

// session collects one SMTP conversation.
type session struct {
	server *Server
	user   string
	from   string
	to     []string
}

var _ smtp.AuthSession = (*session)(nil)

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		ss.user = username
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := parse(raw)
	m.From, m.To, m.User = ss.from, ss.to, ss.user
	ss.server.add(m)
	ss.from, ss.to = "", nil
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }
