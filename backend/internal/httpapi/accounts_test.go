package httpapi_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"espace/backend/internal/mailtest"
)

func TestSignUpSendsWelcomeMail(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("bienvenue")
	m := e.smtp.WaitFor(t, mailtest.To(u.Email), 5*time.Second)
	if !strings.Contains(m.Subject, "Mon espace client") || !strings.Contains(m.Text, u.Username) || !strings.Contains(m.Text, "Édith") {
		t.Fatalf("courriel : %q\n%s", m.Subject, m.Text)
	}
}

func TestUsernameAndEmailAreUniqueWhateverTheCase(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("unique")
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{
		"username": strings.ToUpper(u.Username), "email": strings.ToUpper(u.Email), "firstName": "A", "lastName": "B", "password": goodPassword,
	}}), 409)
	f := r.Fields(t)
	if r.JSON(t)["code"] != "conflict" || f["/username"] == "" || f["/email"] == "" {
		t.Fatalf("%s", r.Body)
	}
}

func TestPasswordPolicy(t *testing.T) {
	e := newEnv(t)
	mk := func(pw string) resp {
		n := "pol" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "")
		return e.do(req{method: "POST", path: "/api/v1/accounts", body: map[string]any{
			"username": n, "email": n + "@exemple.qc.ca", "firstName": "A", "lastName": "B", "password": pw}})
	}
	// No composition rules: a long lowercase phrase is fine, 64 and 128 characters are accepted.
	e.expect(mk("tout en minuscules sans chiffre"), 201)
	e.expect(mk(strings.Repeat("x", 64)), 201)
	e.expect(mk(strings.Repeat("é", 128)), 201)
	for _, pw := range []string{"password", "Password123", "azertyuiop", "1234567890"} {
		if f := e.expect(mk(pw), 400).Fields(t); f["/password"] == "" {
			t.Fatalf("%q accepté", pw)
		}
	}
}

func TestPasswordIsUnicodeNormalised(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("unicode")
	composed := "café crème brûlée"
	decomposed := "cafe\u0301 cre\u0300me bru\u0302le\u0301e"
	tk := e.login(u)
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": u.Password, "newPassword": composed}}), 204)
	u.Password = decomposed
	e.login(u)
}

func TestChangePasswordErrors(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("changement")
	tk := e.login(u)
	r := e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": "pas le bon", "newPassword": "une autre phrase de passe"}}), 400)
	if r.Fields(t)["/currentPassword"] == "" {
		t.Fatalf("%s", r.Body)
	}
	r = e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": u.Password, "newPassword": u.Password}}), 400)
	if r.Fields(t)["/newPassword"] == "" {
		t.Fatalf("%s", r.Body)
	}
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password",
		body: map[string]any{"currentPassword": u.Password, "newPassword": "x"}}), 401)
	// A successful change is confirmed by e-mail.
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": u.Password, "newPassword": "une autre phrase de passe"}}), 204)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(u.Email)(m) && strings.Contains(m.Text, "mot de passe") && !strings.Contains(m.Subject, "créé")
	}, 5*time.Second)
}

var linkRe = regexp.MustCompile(`https://espace\.test/reinitialiser-mot-de-passe\?jeton=[A-Za-z0-9_%\-]+`)

func TestPasswordResetByEmail(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("oubli")
	old := e.login(u)

	same := func(r resp) string { return r.JSON(t)["message"].(string) }
	known := same(e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"username": u.Username}}), 202))
	unknown := same(e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"username": "personne" + u.Username}}), 202))
	if known != unknown {
		t.Fatal("la réponse révèle si le compte existe")
	}
	m := e.smtp.WaitFor(t, func(m mailtest.Received) bool { return mailtest.To(u.Email)(m) && linkRe.MatchString(m.Text) }, 5*time.Second)
	link, _ := url.Parse(linkRe.FindString(m.Text))
	token := link.Query().Get("jeton")

	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": token, "newPassword": "motdepasse"}}), 400)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": token, "newPassword": "phrase choisie après oubli"}}), 204)
	// Single use.
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": token, "newPassword": "encore une autre phrase"}}), 400)
	if r.Fields(t)["/token"] == "" {
		t.Fatalf("%s", r.Body)
	}
	// Every session ended; the new password works.
	assert401(t, e.me(old.Access))
	u.Password = "phrase choisie après oubli"
	e.login(u)

	// Request by e-mail address works too.
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"email": strings.ToUpper(u.Email)}}), 202)
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(u.Email)(m) && !strings.Contains(m.Text, token) && linkRe.MatchString(m.Text)
	}, 5*time.Second)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{}}), 400)
}

// A reset or a change of password spends every other pending reset link
// (SPEC §17): a link left in a mailbox cannot change the password again.
func TestPasswordChangeOrResetSpendsOtherResetLinks(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("liens")
	usedLinks := map[string]bool{}
	links := func(n int) []string {
		var out []string
		for i := 0; i < n; i++ {
			e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"username": u.Username}}), 202)
		}
		deadline := time.Now().Add(5 * time.Second)
		for len(out) < n && time.Now().Before(deadline) {
			for _, m := range e.smtp.Messages() {
				if !mailtest.To(u.Email)(m) {
					continue
				}
				if l := linkRe.FindString(m.Text); l != "" && !usedLinks[l] {
					link, _ := url.Parse(l)
					out = append(out, link.Query().Get("jeton"))
					usedLinks[l] = true
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		if len(out) != n {
			t.Fatalf("%d liens reçus sur %d", len(out), n)
		}
		return out
	}
	first := links(2)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": first[0], "newPassword": "phrase choisie après oubli"}}), 204)
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": first[1], "newPassword": "une autre phrase encore"}}), 400)
	if r.Fields(t)["/token"] == "" {
		t.Fatalf("%s", r.Body)
	}
	u.Password = "phrase choisie après oubli"

	second := links(1)
	tk := e.login(u)
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: tk.Access,
		body: map[string]any{"currentPassword": u.Password, "newPassword": "changée en connaissance de cause"}}), 204)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": second[0], "newPassword": "une autre phrase encore"}}), 400)
}

func TestExpiredResetTokenIsRefused(t *testing.T) {
	e := newEnv(t)
	e.acc.ResetTTL = time.Millisecond
	u := e.signUp("expire")
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-reset-requests", body: map[string]any{"username": u.Username}}), 202)
	m := e.smtp.WaitFor(t, func(m mailtest.Received) bool { return mailtest.To(u.Email)(m) && linkRe.MatchString(m.Text) }, 5*time.Second)
	link, _ := url.Parse(linkRe.FindString(m.Text))
	time.Sleep(5 * time.Millisecond)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/password-resets", body: map[string]any{"token": link.Query().Get("jeton"), "newPassword": "phrase trop tardive"}}), 400)
}

func TestUsernameReminder(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("rappel")
	a := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/username-reminders", body: map[string]any{"email": u.Email}}), 202)
	b := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/username-reminders", body: map[string]any{"email": "personne@exemple.qc.ca"}}), 202)
	if string(a.Body) != string(b.Body) {
		t.Fatal("la réponse révèle si l'adresse est connue")
	}
	e.smtp.WaitFor(t, func(m mailtest.Received) bool {
		return mailtest.To(u.Email)(m) && strings.Contains(m.Subject, "nom d'utilisateur") && strings.Contains(m.Text, u.Username)
	}, 5*time.Second)
	if n := e.smtp.Count(mailtest.To("personne@exemple.qc.ca")); n != 0 {
		t.Fatalf("%d courriel(s) envoyé(s) à une adresse inconnue", n)
	}
}
