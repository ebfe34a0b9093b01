package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"espace/backend/internal/mail"
)

func TestSMTPURL(t *testing.T) {
	cases := []struct {
		url  string
		mode mail.TLSMode
		addr string
	}{
		{"smtp://127.0.0.1:1025", mail.TLSNone, "127.0.0.1:1025"},
		{"smtp://localhost:1025", mail.TLSNone, "localhost:1025"},
		{"smtp://[::1]:2525", mail.TLSNone, "[::1]:2525"},
		{"smtp://mailpit:1025", mail.TLSOpportunistic, "mailpit:1025"},
		{"smtp://relais.gouv.qc.ca", mail.TLSOpportunistic, "relais.gouv.qc.ca:25"},
		{"smtp://u:p@relais.gouv.qc.ca?tls=starttls", mail.TLSStartTLS, "relais.gouv.qc.ca:587"},
		{"smtp://relais.gouv.qc.ca?tls=tls", mail.TLSImplicit, "relais.gouv.qc.ca:465"},
		{"smtps://relais.gouv.qc.ca", mail.TLSImplicit, "relais.gouv.qc.ca:465"},
		{"smtp://relais.gouv.qc.ca:2525?tls=none", mail.TLSNone, "relais.gouv.qc.ca:2525"},
		{"smtp://localhost:25?tls=starttls", mail.TLSStartTLS, "localhost:25"},
	}
	for _, c := range cases {
		s, err := mail.NewSMTPSender(mail.SMTPConfig{URL: c.url})
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if s.Mode() != c.mode || s.Addr() != c.addr {
			t.Errorf("%s: mode %s addr %s, want %s %s", c.url, s.Mode(), s.Addr(), c.mode, c.addr)
		}
	}
	for _, bad := range []string{
		"", "http://relais.gouv.qc.ca", "smtp://", "smtp://relais:0", "smtp://relais:99999",
		"smtp://relais?tls=maybe", "smtps://relais?tls=none",
	} {
		if _, err := mail.NewSMTPSender(mail.SMTPConfig{URL: bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := mail.NewSMTPSender(mail.SMTPConfig{URL: "smtp://127.0.0.1:25", From: "pas une adresse"}); err == nil {
		t.Error("bad From accepted")
	}
	s, err := mail.NewSMTPSender(mail.SMTPConfig{URL: "smtp://relais:secret@relais.gouv.qc.ca"})
	if err != nil || strings.Contains(s.String(), "secret") {
		t.Errorf("String() must hide the password: %s %v", s, err)
	}
}

func TestNewSenderWithoutURLLogs(t *testing.T) {
	var buf bytes.Buffer
	s, err := mail.NewSender("", "", slog.New(slog.NewTextHandler(&buf, nil)))
	if err != nil {
		t.Fatal(err)
	}
	m := mail.PasswordReset("edith@exemple.qc.ca", "Édith", "https://espace.exemple/reinitialiser#jeton-123", 0)
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"edith@exemple.qc.ca", "Réinitialisation de votre mot de passe"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// Outside demo mode the link, a secret, is not logged (SPEC §17).
	if strings.Contains(out, "jeton-123") {
		t.Errorf("le lien est écrit au journal hors démonstration :\n%s", out)
	}
	buf.Reset()
	if err := (mail.LogSender{Logger: slog.New(slog.NewTextHandler(&buf, nil)), ShowBody: true}).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "https://espace.exemple/reinitialiser#jeton-123") {
		t.Errorf("en démonstration, le lien est écrit au journal :\n%s", buf.String())
	}
	if s, err := mail.NewSender("smtp://127.0.0.1:1025", "", nil); err != nil {
		t.Fatal(err)
	} else if _, ok := s.(*mail.SMTPSender); !ok {
		t.Fatalf("NewSender with a URL gave %T", s)
	}
}
