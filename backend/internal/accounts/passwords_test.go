package accounts

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
	"espace/backend/internal/fixture"
	"espace/backend/internal/mail"
	"espace/backend/internal/store"
)

const newPassword = "Une autre phrase de passe 2027"

// resetLink asks for a reset link for u and returns the token its e-mail
// carries.
func (e *env) resetLink(u UserView) string {
	e.T.Helper()
	before := len(e.Mails(u.Email, mail.SubjectPasswordReset))
	if err := e.svc.RequestPasswordReset(e.Ctx, u.Username, ""); err != nil {
		e.T.Fatal(err)
	}
	msgs := e.Mails(u.Email, mail.SubjectPasswordReset)
	if len(msgs) != before+1 {
		e.T.Fatalf("%d courriels de réinitialisation, %d attendus", len(msgs), before+1)
	}
	m := regexp.MustCompile(`jeton=([^\s"<&]+)`).FindStringSubmatch(msgs[len(msgs)-1].TextBody)
	if m == nil {
		e.T.Fatalf("aucun lien dans %q", msgs[len(msgs)-1].TextBody)
	}
	token, err := url.QueryUnescape(m[1])
	if err != nil {
		e.T.Fatal(err)
	}
	return token
}

// Changing the password checks the current one, ends every other session
// (API token sessions included, §14), keeps the current one and counts as
// a recent authentication (§12), spends pending reset links (§17) and
// tells the user by e-mail.
func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	u := e.user("Edith")
	_, sid := e.login(u)
	otherTok, other := e.login(u)
	apiSession := e.apiSession(u)
	link := e.resetLink(u)
	sess := e.webSession(u, sid)

	err := e.svc.ChangePassword(e.Ctx, sess, "pas le bon", newPassword)
	fixture.WantProblem(t, err, "validation_failed")
	if f := fixture.Pointers(err); !slices.Equal(f, []string{"/currentPassword"}) {
		t.Fatalf("champs %v", f)
	}
	err = e.svc.ChangePassword(e.Ctx, sess, password, password)
	if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || !slices.Equal(f, []string{"/newPassword"}) {
		t.Fatalf("même mot de passe : %v %v", err, f)
	}
	err = e.svc.ChangePassword(e.Ctx, sess, password, "court")
	if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || !slices.Equal(f, []string{"/newPassword"}) {
		t.Fatalf("mot de passe faible : %v %v", err, f)
	}
	if r := e.revokedFor(other); r != "" {
		t.Fatalf("refus qui ferme des séances : %q", r)
	}

	// The session was opened 20 minutes ago: the change stamps it anew.
	e.Clock.Advance(20 * time.Minute)
	if err := e.svc.ChangePassword(e.Ctx, sess, password, newPassword); err != nil {
		t.Fatal(err)
	}
	if r := e.revokedFor(sid); r != "" {
		t.Fatalf("la séance courante a pris fin : %q", r)
	}
	if at := e.session(sid).AuthenticatedAt; at == nil || e.Clock.Now().Sub(*at) > time.Minute {
		t.Fatalf("authentification non renouvelée : %v", at)
	}
	for _, s := range []struct {
		name string
		id   uuid.UUID
	}{{"autre séance", other}, {"séance du jeton d'intégration", apiSession}} {
		var got store.Session
		e.DB.Where("id = ?", s.id).Take(&got)
		if got.RevokedAt == nil || got.RevokedReason == nil || *got.RevokedReason != "password_changed" {
			t.Fatalf("%s : %+v", s.name, got)
		}
	}
	if _, err := e.svc.Refresh(e.Ctx, otherTok.RefreshToken); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("autre séance renouvelée : %v", err)
	}
	if err := e.svc.ResetPassword(e.Ctx, link, "Encore une phrase de passe 2028"); fixture.Code(err) != "validation_failed" {
		t.Fatalf("lien antérieur au changement accepté : %v", err)
	}
	if n := len(e.Mails(u.Email, mail.SubjectPasswordChanged)); n != 1 {
		t.Fatalf("%d avis de changement", n)
	}
	if _, err := e.svc.Login(e.Ctx, u.Username, password, ClientInfo{}); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("ancien mot de passe accepté : %v", err)
	}
	if _, err := e.svc.Login(e.Ctx, u.Username, newPassword, ClientInfo{}); err != nil {
		t.Fatalf("nouveau mot de passe refusé : %v", err)
	}

	// Only in person (§14).
	api := &auth.Session{ID: apiSession, Actor: Person(u), Channel: auth.ChannelAPI}
	if err := e.svc.ChangePassword(e.Ctx, api, newPassword, password); fixture.Code(err) != "api_token_not_allowed" {
		t.Fatalf("par jeton d'intégration : %v", err)
	}
}

// Reauthentication (§12) checks the password and stamps the session.
func TestReauthenticate(t *testing.T) {
	e := newEnv(t)
	u := e.user("Jean")
	_, sid := e.login(u)
	stamped := *e.session(sid).AuthenticatedAt
	e.Clock.Advance(15 * time.Minute)
	err := e.svc.Reauthenticate(e.Ctx, e.webSession(u, sid), "pas le bon")
	if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || !slices.Equal(f, []string{"/password"}) {
		t.Fatalf("%v %v", err, f)
	}
	if at := e.session(sid).AuthenticatedAt; !at.Equal(stamped) {
		t.Fatal("mauvais mot de passe : séance marquée quand même")
	}
	if err := e.svc.Reauthenticate(e.Ctx, e.webSession(u, sid), password); err != nil {
		t.Fatal(err)
	}
	if at := e.session(sid).AuthenticatedAt; at.Sub(stamped) < 14*time.Minute {
		t.Fatalf("séance non marquée : %v → %v", stamped, at)
	}
}

// §1 recovery: a single-use, expiring link; no trace of whether an
// account exists; the reset ends every session and every other link.
func TestPasswordReset(t *testing.T) {
	e := newEnv(t)
	u := e.user("Marie")

	fixture.WantProblem(t, e.svc.RequestPasswordReset(e.Ctx, "", ""), "validation_failed")
	var before int64
	e.DB.Model(&store.OutboxMessage{}).Count(&before)
	if err := e.svc.RequestPasswordReset(e.Ctx, "personne-inconnue", ""); err != nil {
		t.Fatalf("compte inconnu : %v", err)
	}
	if err := e.svc.RequestPasswordReset(e.Ctx, "", "personne@inconnue.qc.ca"); err != nil {
		t.Fatalf("courriel inconnu : %v", err)
	}
	var after int64
	e.DB.Model(&store.OutboxMessage{}).Count(&after)
	if after != before {
		t.Fatal("courriel envoyé pour un compte inexistant")
	}

	_, sid := e.login(u)
	first, second := e.resetLink(u), e.resetLink(u)
	var stored int64
	e.DB.Model(&store.OneTimeToken{}).Where("token_hash = ?", first).Count(&stored)
	if stored != 0 {
		t.Fatal("jeton de réinitialisation stocké en clair")
	}

	// A password refused by the policy does not spend the link.
	err := e.svc.ResetPassword(e.Ctx, second, "court")
	if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || !slices.Equal(f, []string{"/newPassword"}) {
		t.Fatalf("%v %v", err, f)
	}
	if err := e.svc.ResetPassword(e.Ctx, second, newPassword); err != nil {
		t.Fatal(err)
	}
	if r := e.revokedFor(sid); r != "password_reset" {
		t.Fatalf("séance : %q", r)
	}
	for name, tok := range map[string]string{"lien utilisé": second, "autre lien en attente": first, "lien inconnu": "inconnu"} {
		err := e.svc.ResetPassword(e.Ctx, tok, "Encore une phrase de passe 2028")
		if f := fixture.Pointers(err); fixture.Code(err) != "validation_failed" || !slices.Equal(f, []string{"/token"}) {
			t.Fatalf("%s : %v %v", name, err, f)
		}
	}
	if _, err := e.svc.Login(e.Ctx, u.Username, newPassword, ClientInfo{}); err != nil {
		t.Fatalf("nouveau mot de passe : %v", err)
	}
	if n := len(e.Mails(u.Email, mail.SubjectPasswordChanged)); n != 1 {
		t.Fatalf("%d avis de changement", n)
	}

	// A link lasts ResetTTL.
	late := e.resetLink(u)
	e.Clock.Advance(time.Hour)
	if err := e.svc.ResetPassword(e.Ctx, late, "Encore une phrase de passe 2028"); fixture.Code(err) != "validation_failed" {
		t.Fatalf("lien expiré accepté : %v", err)
	}
}

// The username reminder goes to the address only when an account has it.
func TestRemindUsername(t *testing.T) {
	e := newEnv(t)
	u := e.user("Louis")
	if err := e.svc.RemindUsername(e.Ctx, strings.ToUpper(u.Email)); err != nil {
		t.Fatal(err)
	}
	msgs := e.Mails(u.Email, mail.SubjectUsernameReminder)
	if len(msgs) != 1 || !strings.Contains(msgs[0].TextBody, u.Username) {
		t.Fatalf("%+v", msgs)
	}
	if err := e.svc.RemindUsername(e.Ctx, "personne@inconnue.qc.ca"); err != nil {
		t.Fatal(err)
	}
	if n := len(e.Mails("personne@inconnue.qc.ca", mail.SubjectUsernameReminder)); n != 0 {
		t.Fatal("rappel envoyé à une adresse inconnue")
	}
}
