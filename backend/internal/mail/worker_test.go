package mail_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"espace/backend/internal/mail"
	"espace/backend/internal/mailtest"
)

func TestEnqueueRollsBackWithTheAction(t *testing.T) {
	db := freshDB(t)
	boom := errors.New("action refusée")
	err := db.WithTx(context.Background(), func(ctx context.Context, tx *gorm.DB) error {
		if err := mail.Enqueue(tx, mail.Welcome("annule@exemple.qc.ca", "Annie", "annie")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if rows := rowsTo(t, db, "annule@exemple.qc.ca"); len(rows) != 0 {
		t.Fatalf("%d rows survived the rollback", len(rows))
	}
}

func TestEnqueueRejectsUndeliverable(t *testing.T) {
	db := freshDB(t)
	for _, m := range []mail.Message{
		{To: "", Subject: "s", Text: "t"},
		{To: "pas une adresse", Subject: "s", Text: "t"},
		{To: "Nom <nom@exemple.qc.ca>", Subject: "s", Text: "t"},
		{To: "a@exemple.qc.ca", Subject: "ligne\r\nBcc: x@exemple.qc.ca", Text: "t"},
		{To: "a@exemple.qc.ca", Subject: "s", Text: " "},
	} {
		err := db.WithTx(context.Background(), func(ctx context.Context, tx *gorm.DB) error {
			return mail.Enqueue(tx, m)
		})
		if err == nil {
			t.Errorf("Enqueue(%+v) accepted", m)
		}
	}
	var n int64
	db.Table("outbox").Count(&n)
	if n != 0 {
		t.Fatalf("%d rows written", n)
	}
}

func TestCommittedMailIsDeliveredWithAccents(t *testing.T) {
	db := freshDB(t)
	srv := mailtest.Start(t)
	w := mail.NewWorker(db, smtpSender(t, srv.URL()), fastOptions(t))

	before := time.Now().UTC()
	msg := mail.DelegateAddedToSurveyor("edith@exemple.qc.ca", "Édith", "Gérard Côté")
	enqueue(t, db, msg)
	row := oneRow(t, db, "edith@exemple.qc.ca")
	if row.SentAt != nil || row.Attempts != 0 || row.NextAttemptAt.Before(before.Add(-time.Second)) {
		t.Fatalf("fresh row = %+v", row)
	}

	sent, err := w.RunOnce(context.Background())
	if err != nil || sent != 1 {
		t.Fatalf("RunOnce = %d, %v", sent, err)
	}
	got := srv.WaitFor(t, mailtest.To("edith@exemple.qc.ca"), 2*time.Second)
	if got.Subject != "Mon espace client — Vous avez ajouté un délégataire" {
		t.Errorf("Subject = %q", got.Subject)
	}
	if got.Text != msg.Text || got.HTML != msg.HTML {
		t.Errorf("bodies changed on the way:\n%q\n%q", got.Text, msg.Text)
	}
	for _, want := range []string{"Bonjour Édith,", "Gérard Côté", "délégataire", "Hello Édith,"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, got.Text)
		}
	}
	if !strings.Contains(got.HTML, "Gérard Côté") || !strings.Contains(got.HTML, `lang="fr-CA"`) {
		t.Errorf("HTML part = %s", got.HTML)
	}
	if got.From != mail.DefaultFrom || got.HeaderFrom() != `"Mon espace client" <noreply@cadastre.gouv.qc.ca>` &&
		got.HeaderFrom() != "Mon espace client <noreply@cadastre.gouv.qc.ca>" {
		t.Errorf("From = %q / %q", got.From, got.HeaderFrom())
	}
	if got.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("Auto-Submitted = %q", got.Header.Get("Auto-Submitted"))
	}

	row = oneRow(t, db, "edith@exemple.qc.ca")
	if row.SentAt == nil || row.Attempts != 1 || row.LastAttemptAt == nil {
		t.Fatalf("row after send = %+v", row)
	}
	// Once sent, the body (which may carry a reset link) no longer rests in
	// the outbox; who and what stay (SPEC §17).
	if row.TextBody != "" || row.HTMLBody != "" || row.Subject != msg.Subject || row.Recipient != "edith@exemple.qc.ca" {
		t.Fatalf("corps conservé après l'envoi : %q / %q", row.TextBody, row.HTMLBody)
	}
	// Nothing is due any more.
	if sent, err := w.RunOnce(context.Background()); err != nil || sent != 0 {
		t.Fatalf("second RunOnce = %d, %v", sent, err)
	}
	if n := srv.Count(mailtest.To("edith@exemple.qc.ca")); n != 1 {
		t.Fatalf("delivered %d times", n)
	}
}

func TestNotifyWakesTheWorker(t *testing.T) {
	db := freshDB(t)
	srv := mailtest.Start(t)
	opts := fastOptions(t)
	opts.PollInterval = time.Hour
	w := mail.NewWorker(db, smtpSender(t, srv.URL()), opts)
	runWorker(t, w)
	time.Sleep(50 * time.Millisecond) // let the first round find nothing

	enqueue(t, db, mail.PasswordChanged("reveil@exemple.qc.ca", "Rémi", time.Now()))
	w.Notify()
	w.Notify() // never blocks
	srv.WaitFor(t, mailtest.To("reveil@exemple.qc.ca"), 2*time.Second)
}

func TestOutageDelaysButLosesNothing(t *testing.T) {
	db := freshDB(t)
	addr := mailtest.FreeAddr(t) // the SMTP server is down
	opts := fastOptions(t)
	// Long enough that the round "right away" below comes before the retry
	// is due even on a loaded machine.
	opts.BaseBackoff, opts.MaxBackoff = 500*time.Millisecond, time.Second
	w := mail.NewWorker(db, smtpSender(t, "smtp://"+addr+"?tls=none"), opts)
	ctx := context.Background()
	to := "panne@exemple.qc.ca"
	enqueue(t, db, mail.PasswordReset(to, "Édith", "https://espace.exemple/reinitialiser#jeton", time.Hour))

	before := time.Now().UTC()
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 {
		t.Fatalf("RunOnce while down = %d, %v", sent, err)
	}
	row := oneRow(t, db, to)
	if row.Attempts != 1 || row.LastError == "" || row.LastAttemptAt == nil || row.SentAt != nil {
		t.Fatalf("after first failure: %+v", row)
	}
	if !row.NextAttemptAt.After(before) {
		t.Fatalf("next_attempt_at %v did not move past %v", row.NextAttemptAt, before)
	}
	t.Logf("last_error: %s", row.LastError)

	// Not due yet: a round right away leaves it alone.
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 || oneRow(t, db, to).Attempts != 1 {
		t.Fatalf("retried before its time")
	}
	first := row.NextAttemptAt
	time.Sleep(time.Until(first) + 5*time.Millisecond)
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	row = oneRow(t, db, to)
	if row.Attempts != 2 || !row.NextAttemptAt.After(first) {
		t.Fatalf("after second failure: %+v (first next %v)", row, first)
	}

	// The server comes back on the same address.
	srv := mailtest.StartOn(t, addr)
	runWorker(t, w)
	got := srv.WaitFor(t, mailtest.To(to), 5*time.Second)
	if !strings.Contains(got.Text, "https://espace.exemple/reinitialiser#jeton") {
		t.Errorf("link lost: %s", got.Text)
	}
	waitUntil(t, 2*time.Second, "sent_at", func() bool { return oneRow(t, db, to).SentAt != nil })
	time.Sleep(100 * time.Millisecond) // several more polls
	if n := srv.Count(mailtest.To(to)); n != 1 {
		t.Fatalf("delivered %d times, want exactly 1", n)
	}
}

// countingSender sends through next and counts per worker, slowly enough
// that two workers' rounds overlap.
type countingSender struct {
	next mail.Sender
	n    atomic.Int64
}

func (c *countingSender) Send(ctx context.Context, m mail.Message) error {
	time.Sleep(2 * time.Millisecond)
	if err := c.next.Send(ctx, m); err != nil {
		return err
	}
	c.n.Add(1)
	return nil
}

func TestTwoWorkersNeverSendTheSameMessage(t *testing.T) {
	db := freshDB(t)
	srv := mailtest.Start(t)
	const total = 50
	msgs := make([]mail.Message, total)
	for i := range msgs {
		msgs[i] = mail.Message{
			To:      fmt.Sprintf("m%02d@exemple.qc.ca", i),
			Subject: fmt.Sprintf("Mon espace client — essai %02d", i),
			Text:    "Délégataire n° " + fmt.Sprint(i),
		}
	}
	enqueue(t, db, msgs...)

	senders := []*countingSender{{next: smtpSender(t, srv.URL())}, {next: smtpSender(t, srv.URL())}}
	for _, s := range senders {
		opts := fastOptions(t)
		opts.PollInterval = 5 * time.Millisecond
		runWorker(t, mail.NewWorker(db, s, opts))
	}
	waitUntil(t, 20*time.Second, "50 deliveries", func() bool { return len(srv.Messages()) >= total })
	time.Sleep(150 * time.Millisecond) // room for a duplicate to show up

	counts := map[string]int{}
	for _, m := range srv.Messages() {
		counts[strings.Join(m.To, ",")]++
	}
	for i := range total {
		to := fmt.Sprintf("m%02d@exemple.qc.ca", i)
		if counts[to] != 1 {
			t.Errorf("%s delivered %d times", to, counts[to])
		}
	}
	if len(srv.Messages()) != total {
		t.Errorf("%d deliveries for %d messages", len(srv.Messages()), total)
	}
	var unsent int64
	db.Table("outbox").Where("sent_at IS NULL").Count(&unsent)
	if unsent != 0 {
		t.Errorf("%d rows not marked sent", unsent)
	}
	t.Logf("worker A sent %d, worker B sent %d", senders[0].n.Load(), senders[1].n.Load())
}

// slowSender takes its time, to push a round past its lease.
type slowSender struct {
	mu   sync.Mutex
	sent []string
	wait time.Duration
}

func (s *slowSender) Send(ctx context.Context, m mail.Message) error {
	select {
	case <-time.After(s.wait):
	case <-ctx.Done():
		return ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, m.To)
	return nil
}

func TestRoundStopsBeforeItsLeaseRunsOut(t *testing.T) {
	db := freshDB(t)
	for i := range 5 {
		enqueue(t, db, mail.Message{To: fmt.Sprintf("bail%d@exemple.qc.ca", i), Subject: "bail", Text: "t"})
	}
	sender := &slowSender{wait: 60 * time.Millisecond}
	opts := fastOptions(t)
	opts.SendTimeout = 70 * time.Millisecond
	opts.Lease = 150 * time.Millisecond
	w := mail.NewWorker(db, sender, opts)

	start := time.Now().UTC()
	sent, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 60 ms per send: a third send would start at ~120 ms and could last
	// until 120+70 ms, past the lease, so the worker sends two (one on a
	// slow machine) and hands the rest back.
	if sent < 1 || sent > 2 {
		t.Fatalf("sent %d in a 150 ms lease", sent)
	}
	var rows []struct {
		Recipient     string
		Attempts      int
		NextAttemptAt time.Time
		SentAt        *time.Time
	}
	db.Table("outbox").Order("id").Find(&rows)
	for i, r := range rows {
		if i < sent {
			if r.SentAt == nil {
				t.Errorf("%s should be sent", r.Recipient)
			}
			continue
		}
		if r.SentAt != nil || r.Attempts != 0 || r.NextAttemptAt.After(time.Now().UTC()) || r.NextAttemptAt.Before(start) {
			t.Errorf("%s not handed back cleanly: %+v", r.Recipient, r)
		}
	}
	// The rows handed back are due again at once.
	if more, err := w.RunOnce(context.Background()); err != nil || more == 0 {
		t.Fatalf("next round sent %d, %v", more, err)
	}
}

func TestSendTimeoutCutsAHungServer(t *testing.T) {
	// A server that accepts the connection and never says a word.
	srv := mailtest.FreeAddr(t)
	ln := listenSilently(t, srv)
	defer ln.Close()

	s, err := mail.NewSMTPSender(mail.SMTPConfig{URL: "smtp://" + srv + "?tls=none", Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = s.Send(context.Background(), mail.Message{To: "a@exemple.qc.ca", Subject: "s", Text: "t"})
	if err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("Send = %v after %s", err, time.Since(start))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	s, _ = mail.NewSMTPSender(mail.SMTPConfig{URL: "smtp://" + srv + "?tls=none", Timeout: time.Minute})
	start = time.Now()
	if err := s.Send(ctx, mail.Message{To: "a@exemple.qc.ca", Subject: "s", Text: "t"}); err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("Send with cancelled ctx = %v after %s", err, time.Since(start))
	}
}

func TestSMTPAuthFromURL(t *testing.T) {
	db := freshDB(t)
	srv := mailtest.Start(t)
	w := mail.NewWorker(db, smtpSender(t, "smtp://relais:mot%20de%20passe@"+srv.Addr()+"?tls=none"), fastOptions(t))
	enqueue(t, db, mail.UsernameReminder("auth@exemple.qc.ca", []string{"édith.côté"}))
	if sent, err := w.RunOnce(context.Background()); err != nil || sent != 1 {
		t.Fatalf("RunOnce = %d, %v (last_error %q)", sent, err, oneRow(t, db, "auth@exemple.qc.ca").LastError)
	}
	got := srv.WaitFor(t, mailtest.To("auth@exemple.qc.ca"), 2*time.Second)
	if got.User != "relais" {
		t.Errorf("authenticated as %q", got.User)
	}
	if !strings.Contains(got.Text, "édith.côté") {
		t.Errorf("username lost: %s", got.Text)
	}
}

// blockingSender holds every send until its context ends.
type blockingSender struct{ started chan struct{} }

func (b blockingSender) Send(ctx context.Context, _ mail.Message) error {
	b.started <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

func TestShutdownHandsBackWithoutCountingAnAttempt(t *testing.T) {
	db := freshDB(t)
	enqueue(t, db,
		mail.Message{To: "arret1@exemple.qc.ca", Subject: "arrêt", Text: "t"},
		mail.Message{To: "arret2@exemple.qc.ca", Subject: "arrêt", Text: "t"})
	sender := blockingSender{started: make(chan struct{}, 1)}
	w := mail.NewWorker(db, sender, fastOptions(t))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	<-sender.started
	cancel()
	<-done // Run returns once ctx ends
	for _, to := range []string{"arret1@exemple.qc.ca", "arret2@exemple.qc.ca"} {
		row := oneRow(t, db, to)
		if row.SentAt != nil || row.Attempts != 0 || row.LastError != "" || row.NextAttemptAt.After(time.Now().UTC()) {
			t.Errorf("%s after shutdown: %+v", to, row)
		}
	}
}
