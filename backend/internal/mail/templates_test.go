package mail_test

import (
	"strings"
	"testing"
	"time"

	"espace/backend/internal/mail"
)

// Every builder, with one French and one English phrase that must appear
// in that order in both parts.
func allTemplates() map[string]struct {
	msg    mail.Message
	fr, en string
} {
	at := time.Date(2026, 7, 1, 16, 30, 0, 0, time.UTC)
	return map[string]struct {
		msg    mail.Message
		fr, en string
	}{
		"Welcome": {mail.Welcome("a@exemple.qc.ca", "Édith", "edith"),
			"Votre identifiant Mon espace client a été créé", "Your Mon espace client account has been created"},
		"PasswordReset": {mail.PasswordReset("a@exemple.qc.ca", "Édith", "https://espace.exemple/r#x", time.Hour),
			"ne peut servir qu'une seule fois", "can be used only once"},
		"UsernameReminder": {mail.UsernameReminder("a@exemple.qc.ca", []string{"edith"}),
			"Le nom d'utilisateur associé", "The username associated"},
		"PasswordChanged": {mail.PasswordChanged("a@exemple.qc.ca", "Édith", at),
			"a été modifié le 2026-07-01 12:30", "was changed on 2026-07-01 12:30"},
		"DelegateAddedToSurveyor": {mail.DelegateAddedToSurveyor("a@exemple.qc.ca", "Édith", "Gérard Côté"),
			"Vous avez ajouté Gérard Côté comme délégataire", "You added Gérard Côté as a delegate"},
		"DelegateAddedToDelegate": {mail.DelegateAddedToDelegate("a@exemple.qc.ca", "Gérard", "Édith Côté", "5001"),
			"Édith Côté (matricule 5001) vous a désigné comme délégataire", "has designated you as a delegate"},
		"DelegateRemovedToDelegate": {mail.DelegateRemovedToDelegate("a@exemple.qc.ca", "Gérard", "Édith Côté", "5001"),
			"Édith Côté (matricule 5001) a mis fin à votre délégation", "has ended your delegation"},
		"DelegationRenouncedToSurveyor": {mail.DelegationRenouncedToSurveyor("a@exemple.qc.ca", "Édith", "Gérard Côté"),
			"Gérard Côté a renoncé à être votre délégataire", "has given up being your delegate"},
	}
}

func TestTemplatesAreFrenchFirst(t *testing.T) {
	for name, c := range allTemplates() {
		t.Run(name, func(t *testing.T) {
			m := c.msg
			if err := m.Validate(); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(m.Subject, "Mon espace client — ") {
				t.Errorf("Subject = %q", m.Subject)
			}
			if !strings.HasPrefix(m.Text, "Bonjour") {
				t.Errorf("text does not open in French: %q", m.Text[:min(40, len(m.Text))])
			}
			frAt, sepAt, enAt := strings.Index(m.Text, c.fr), strings.Index(m.Text, "English version"), strings.Index(m.Text, c.en)
			if frAt < 0 || sepAt < 0 || enAt < 0 || !(frAt < sepAt && sepAt < enAt) {
				t.Errorf("text order fr=%d separator=%d en=%d:\n%s", frAt, sepAt, enAt, m.Text)
			}
			// The subject also appears in <title>: look from the body on.
			langFR, langEN := strings.Index(m.HTML, `<div lang="fr-CA"`), strings.Index(m.HTML, `<div lang="en-CA"`)
			body := m.HTML[max(langFR, 0):]
			htmlFR, htmlEN := htmlIndex(body, c.fr), htmlIndex(body, c.en)
			if htmlFR >= 0 {
				htmlFR += max(langFR, 0)
			}
			if htmlEN >= 0 {
				htmlEN += max(langFR, 0)
			}
			if htmlFR < 0 || htmlEN < 0 || langFR < 0 || !(langFR < htmlFR && htmlFR < langEN && langEN < htmlEN) {
				t.Errorf("HTML order fr=%d en=%d:\n%s", htmlFR, htmlEN, m.HTML)
			}
			if !strings.Contains(m.HTML, `<html lang="fr-CA">`) || !strings.Contains(m.HTML, "<hr") {
				t.Errorf("HTML layout:\n%s", m.HTML)
			}
		})
	}
}

// htmlIndex finds plain text in the HTML part, where html/template writes
// the apostrophe as &#39;.
func htmlIndex(html, text string) int {
	return strings.Index(html, strings.ReplaceAll(text, "'", "&#39;"))
}

func TestTemplatesEscapeWhatUsersTyped(t *testing.T) {
	evil := "<script>alert('x')</script>"
	for _, m := range []mail.Message{
		mail.Welcome("a@exemple.qc.ca", evil, evil),
		mail.DelegateAddedToSurveyor("a@exemple.qc.ca", evil, evil),
		mail.UsernameReminder("a@exemple.qc.ca", []string{evil}),
	} {
		if strings.Contains(m.HTML, "<script>") || !strings.Contains(m.HTML, "&lt;script&gt;") {
			t.Errorf("%s: not escaped:\n%s", m.Subject, m.HTML)
		}
	}
	// A line break in a name cannot fake a paragraph of the text part.
	m := mail.Welcome("a@exemple.qc.ca", "Édith\n\nCliquez ici", "edith")
	if !strings.HasPrefix(m.Text, "Bonjour Édith Cliquez ici,") {
		t.Errorf("name not flattened: %q", m.Text[:40])
	}
	// A javascript: link never becomes a live href.
	m = mail.PasswordReset("a@exemple.qc.ca", "É", "javascript:alert(1)", time.Hour)
	if strings.Contains(m.HTML, `href="javascript:`) {
		t.Errorf("unsafe href kept:\n%s", m.HTML)
	}
}

func TestPasswordResetLinkAndValidity(t *testing.T) {
	link := "https://espace.exemple/reinitialiser?jeton=abc&x=1"
	m := mail.PasswordReset("a@exemple.qc.ca", "Édith", link, time.Hour)
	if !strings.Contains(m.Text, "\n"+link+"\n") {
		t.Errorf("link not on its own line:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, `href="https://espace.exemple/reinitialiser?jeton=abc&amp;x=1"`) {
		t.Errorf("link missing from HTML:\n%s", m.HTML)
	}
	for _, want := range []string{"valide pendant 1 heure", "valid for 1 hour", "Si vous n'avez pas fait cette demande, ignorez ce courriel"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	m = mail.PasswordReset("a@exemple.qc.ca", "", link, 90*time.Minute)
	if !strings.Contains(m.Text, "1 heure 30 minutes") || !strings.Contains(m.Text, "1 hour and 30 minutes") ||
		!strings.HasPrefix(m.Text, "Bonjour,") {
		t.Errorf("90 min:\n%s", m.Text)
	}
	m = mail.PasswordReset("a@exemple.qc.ca", "", link, 2*time.Hour)
	if !strings.Contains(m.Text, "2 heures") || !strings.Contains(m.Text, "2 hours") {
		t.Errorf("2 h:\n%s", m.Text)
	}
}

func TestPasswordChangedShowsQuebecTime(t *testing.T) {
	winter := time.Date(2026, 1, 15, 17, 5, 0, 0, time.UTC) // EST, UTC-5
	if m := mail.PasswordChanged("a@exemple.qc.ca", "Édith", winter); !strings.Contains(m.Text, "2026-01-15 12:05") {
		t.Errorf("winter:\n%s", m.Text)
	}
	summer := time.Date(2026, 7, 1, 3, 0, 0, 0, time.UTC) // EDT, UTC-4: still June 30
	if m := mail.PasswordChanged("a@exemple.qc.ca", "Édith", summer); !strings.Contains(m.Text, "2026-06-30 23:00") {
		t.Errorf("summer:\n%s", m.Text)
	}
}

func TestUsernameReminderLists(t *testing.T) {
	m := mail.UsernameReminder("a@exemple.qc.ca", []string{"edith", "edith2"})
	if !strings.Contains(m.Text, "Les noms d'utilisateur associés") || !strings.Contains(m.Text, "  - edith\n  - edith2") {
		t.Errorf("two names:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, "<li><strong>edith2</strong></li>") {
		t.Errorf("HTML list:\n%s", m.HTML)
	}
	if m.Subject != "Mon espace client — Votre nom d'utilisateur" {
		t.Errorf("Subject = %q", m.Subject)
	}
}

// The delegation e-mails are formats filled with the names and dates: each
// value lands in both versions, and a name that looks like a verb stays text.
func TestDelegationNoticesCarryEveryValue(t *testing.T) {
	const name, mat, day = "Gérard %d Côté", "5001", "2026-09-30"
	for _, c := range []struct {
		msg    mail.Message
		values []string
	}{
		{mail.DelegateAddedToSurveyor("a@exemple.qc.ca", "Édith", name), []string{name}},
		{mail.DelegateAddedToDelegate("a@exemple.qc.ca", "Édith", name, mat), []string{name, mat}},
		{mail.DelegateRemovedToDelegate("a@exemple.qc.ca", "Édith", name, mat), []string{name, mat}},
		{mail.DelegationRenouncedToSurveyor("a@exemple.qc.ca", "Édith", name), []string{name}},
		{mail.DelegationEndingSoonToSurveyor("a@exemple.qc.ca", "Édith", name, day), []string{name, day}},
		{mail.DelegationEndingSoonToDelegate("a@exemple.qc.ca", "Édith", name, mat, day), []string{name, mat, day}},
		{mail.DelegationExpiredToSurveyor("a@exemple.qc.ca", "Édith", name, day), []string{name, day}},
		{mail.DelegationExpiredToDelegate("a@exemple.qc.ca", "Édith", name, mat, day), []string{name, mat, day}},
	} {
		fr, en, ok := strings.Cut(c.msg.Text, "English version")
		if !ok || strings.Contains(c.msg.Text, "%!") || !strings.HasPrefix(fr, "Bonjour Édith,") || !strings.HasPrefix(en, "\n\nHello Édith,") {
			t.Errorf("%s:\n%s", c.msg.Subject, c.msg.Text)
		}
		for _, v := range c.values {
			if strings.Count(fr, v) != 1 || strings.Count(en, v) != 1 {
				t.Errorf("%s: %q not once in each version:\n%s", c.msg.Subject, v, c.msg.Text)
			}
		}
	}
}
