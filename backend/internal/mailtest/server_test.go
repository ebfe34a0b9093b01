package mailtest_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"espace/backend/internal/mailtest"
)

// A message as a mail client could write it: encoded-word subject, a
// quoted-printable text part and a base64 HTML part.
func rawMessage() string {
	html := base64.StdEncoding.EncodeToString([]byte("<p>Délégataire ajouté : Édith Côté</p>"))
	return strings.Join([]string{
		"From: =?UTF-8?Q?Mon_espace_client?= <noreply@cadastre.gouv.qc.ca>",
		"To: edith@exemple.qc.ca",
		"Subject: =?UTF-8?Q?Mon_espace_client_=E2=80=94_Vous_avez_ajout=C3=A9_un_d=C3=A9l?=",
		" =?UTF-8?B?w6lnYXRhaXJl?=",
		"MIME-Version: 1.0",
		`Content-Type: multipart/alternative; boundary="b1"`,
		"",
		"--b1",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"Bonjour =C3=89dith,",
		"",
		"Vous avez ajout=C3=A9 un d=C3=A9l=C3=A9gataire, avec une ligne tr=C3=A8s longue qui=",
		" continue ici.",
		"--b1",
		"Content-Type: text/html; charset=UTF-8",
		"Content-Transfer-Encoding: base64",
		"",
		html[:20],
		html[20:],
		"--b1--",
		"",
	}, "\r\n")
}

// send speaks plain SMTP; smtp.SendMail would insist on STARTTLS.
func send(t *testing.T, addr, from, to, raw string) {
	t.Helper()
	c, err := smtp.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SendMail(from, []string{to}, strings.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
}

func TestReceivesAndDecodes(t *testing.T) {
	srv := mailtest.Start(t)
	if !strings.HasPrefix(srv.URL(), "smtp://127.0.0.1:") || !strings.HasSuffix(srv.URL(), "?tls=none") {
		t.Fatalf("URL = %s", srv.URL())
	}
	send(t, srv.Addr(), "noreply@cadastre.gouv.qc.ca", "edith@exemple.qc.ca", rawMessage())
	got := srv.WaitFor(t, mailtest.To("Edith@exemple.qc.ca"), 2*time.Second)
	if got.Err != nil {
		t.Fatalf("parse: %v", got.Err)
	}
	if got.From != "noreply@cadastre.gouv.qc.ca" || len(got.To) != 1 || got.User != "" {
		t.Errorf("envelope = %q %q user %q", got.From, got.To, got.User)
	}
	if want := "Mon espace client — Vous avez ajouté un délégataire"; got.Subject != want {
		t.Errorf("Subject = %q, want %q", got.Subject, want)
	}
	if want := "Bonjour Édith,\n\nVous avez ajouté un délégataire, avec une ligne très longue qui continue ici."; got.Text != want {
		t.Errorf("Text = %q, want %q", got.Text, want)
	}
	if want := "<p>Délégataire ajouté : Édith Côté</p>"; got.HTML != want {
		t.Errorf("HTML = %q", got.HTML)
	}
	if got.HeaderFrom() != "Mon espace client <noreply@cadastre.gouv.qc.ca>" {
		t.Errorf("HeaderFrom = %q", got.HeaderFrom())
	}
	if !strings.Contains(string(got.Raw), "=C3=89dith") {
		t.Error("Raw should be the message as sent")
	}
}

func TestPlainAuthIsAccepted(t *testing.T) {
	srv := mailtest.Start(t)
	c, err := smtp.Dial(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Auth(sasl.NewPlainClient("", "relais", "secret")); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail("a@exemple.qc.ca", []string{"b@exemple.qc.ca", "c@exemple.qc.ca"},
		strings.NewReader("Subject: simple\r\n\r\nCorps sans MIME.\r\n")); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, mailtest.To("c@exemple.qc.ca"), 2*time.Second)
	if got.User != "relais" || len(got.To) != 2 || got.Subject != "simple" || got.Text != "Corps sans MIME.\n" {
		t.Errorf("got user %q to %q subject %q text %q", got.User, got.To, got.Subject, got.Text)
	}
}

func TestRestartOnSameAddress(t *testing.T) {
	addr := mailtest.FreeAddr(t)
	if _, err := smtp.Dial(addr); err == nil {
		t.Fatal("nothing should listen on FreeAddr")
	}
	first := mailtest.StartOn(t, addr)
	first.Close()
	first.Close() // idempotent
	second := mailtest.StartOn(t, addr)
	if second.Addr() != addr {
		t.Fatalf("Addr = %s, want %s", second.Addr(), addr)
	}
	send(t, addr, "a@exemple.qc.ca", "b@exemple.qc.ca", "Subject: encore\r\n\r\nok\r\n")
	second.WaitFor(t, func(r mailtest.Received) bool { return r.Subject == "encore" }, 2*time.Second)
	if n := second.Count(func(mailtest.Received) bool { return true }); n != 1 {
		t.Fatalf("Count = %d", n)
	}
	if len(first.Messages()) != 0 {
		t.Fatal("a closed server keeps its own messages only")
	}
}
