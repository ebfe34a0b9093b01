package mail_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"espace/backend/internal/mail"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "mail") }

// freshDB empties the outbox: tests of this package share one database and
// a worker takes every due row it finds.
func freshDB(t *testing.T) *store.DB {
	t.Helper()
	db := testdb.DB(t)
	if err := db.Exec("DELETE FROM outbox").Error; err != nil {
		t.Fatal(err)
	}
	return db
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fastOptions keep retries in the tens of milliseconds.
func fastOptions(t *testing.T) mail.WorkerOptions {
	return mail.WorkerOptions{
		PollInterval: 20 * time.Millisecond,
		BatchSize:    5,
		BaseBackoff:  50 * time.Millisecond,
		MaxBackoff:   200 * time.Millisecond,
		SendTimeout:  2 * time.Second,
		Logger:       testLogger(t),
	}
}

func smtpSender(t *testing.T, url string) *mail.SMTPSender {
	t.Helper()
	s, err := mail.NewSMTPSender(mail.SMTPConfig{URL: url, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func enqueue(t *testing.T, db *store.DB, msgs ...mail.Message) {
	t.Helper()
	err := db.WithTx(context.Background(), func(ctx context.Context, tx *gorm.DB) error {
		return mail.Enqueue(tx, msgs...)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// runWorker runs w until the test ends.
func runWorker(t *testing.T, w *mail.Worker) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func rowsTo(t *testing.T, db *store.DB, recipient string) []store.OutboxMessage {
	t.Helper()
	var rows []store.OutboxMessage
	if err := db.Where("recipient = ?", recipient).Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func oneRow(t *testing.T, db *store.DB, recipient string) store.OutboxMessage {
	t.Helper()
	rows := rowsTo(t, db, recipient)
	if len(rows) != 1 {
		t.Fatalf("%d outbox rows for %s, want 1", len(rows), recipient)
	}
	return rows[0]
}

// listenSilently accepts connections on addr and never answers, like a
// hung SMTP server.
func listenSilently(t *testing.T, addr string) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ln
}

// waitUntil polls cond, failing the test after timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
