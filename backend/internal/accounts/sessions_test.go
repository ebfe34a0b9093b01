package accounts

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/fixture"
	"espace/backend/internal/mail"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

// §1: usernames and e-mails are unique whatever their case; the welcome
// e-mail is queued with the account.
func TestSignUp(t *testing.T) {
	e := newEnv(t)
	u := e.user("Edith")
	if got := e.Mails(u.Email, mail.SubjectWelcome); len(got) != 1 {
		t.Fatalf("%d courriels de bienvenue", len(got))
	}
	if u.PasswordHash == password || !cheapHash.Verify(u.PasswordHash, password) {
		t.Fatal("mot de passe non haché")
	}

	_, err := e.svc.SignUp(e.Ctx, SignUpInput{Username: "  " + u.Username + "  ", Email: "AUTRE." + u.Email,
		FirstName: "Autre", LastName: "Personne", Password: password})
	fixture.WantProblem(t, err, "conflict")
	if f := fixture.Pointers(err); !slices.Equal(f, []string{"/username"}) {
		t.Fatalf("champs %v", f)
	}
	_, err = e.svc.SignUp(e.Ctx, SignUpInput{Username: "autre." + testdb.Suffix(), Email: " " + strings.ToUpper(u.Email),
		FirstName: "Autre", LastName: "Personne", Password: password})
	fixture.WantProblem(t, err, "conflict")
	if f := fixture.Pointers(err); !slices.Equal(f, []string{"/email"}) {
		t.Fatalf("champs %v", f)
	}

	_, err = e.svc.SignUp(e.Ctx, SignUpInput{Username: "x" + testdb.Suffix(), Email: "pas-un-courriel", FirstName: " ", LastName: "", Password: "court"})
	fixture.WantProblem(t, err, "validation_failed")
	if f := fixture.Pointers(err); !slices.Equal(f, []string{"/firstName", "/lastName", "/email", "/password"}) {
		t.Fatalf("champs %v", f)
	}
}

// Login: a wrong password and an unknown user get the same answer; a good
// one opens a session stamped as a fresh authentication (§12).
func TestLogin(t *testing.T) {
	e := newEnv(t)
	u := e.user("Jean")
	_, err := e.svc.Login(e.Ctx, u.Username, "pas le bon mot de passe", ClientInfo{})
	fixture.WantProblem(t, err, "unauthenticated")
	_, err2 := e.svc.Login(e.Ctx, "personne-"+testdb.Suffix(), password, ClientInfo{})
	fixture.WantProblem(t, err2, "unauthenticated")
	if err.Error() != err2.Error() {
		t.Fatalf("réponses différentes : %v / %v", err, err2)
	}

	tok, err := e.svc.Login(e.Ctx, strings.ToUpper(u.Username), password, ClientInfo{IP: "192.0.2.7", UserAgent: "navigateur"})
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.UserID != u.ID || tok.ExpiresIn != 10*time.Minute {
		t.Fatalf("%+v", tok)
	}
	a, err := e.svc.Authenticate(tok.AccessToken)
	if err != nil || a.UserID != u.ID || a.Claimed != nil {
		t.Fatalf("%v %+v", err, a)
	}
	s := e.session(a.SessionID)
	if s.UserID != u.ID || s.RevokedAt != nil || s.AuthenticatedAt == nil || s.ClientIP != "192.0.2.7" ||
		s.ExpiresAt.Sub(s.CreatedAt) != 12*time.Hour {
		t.Fatalf("séance %+v", s)
	}
	var stored store.RefreshToken
	if err := e.DB.Where("session_id = ?", s.ID).Take(&stored).Error; err != nil || stored.TokenHash == tok.RefreshToken {
		t.Fatalf("jeton de renouvellement stocké en clair ou absent : %v", err)
	}
	if _, err := e.svc.User(e.Ctx, uuid.New()); fixture.Code(err) != "not_found" {
		t.Fatalf("utilisateur inconnu : %v", err)
	}
	if _, err := e.svc.Authenticate(tok.AccessToken + "x"); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("jeton altéré : %v", err)
	}
}

// §4: at login, the session acts for whom DefaultActingFor names, and the
// access token says so.
func TestLoginActsForTheDefault(t *testing.T) {
	e := newEnv(t)
	surveyor, delegate := e.user("Claire"), e.user("Pierre")
	if _, err := e.svc.GrantSurveyor(e.Ctx, System, surveyor.Username, "7"+testdb.Suffix()[:3]); err != nil {
		t.Fatal(err)
	}
	e.svc.DefaultActingFor = func(_ context.Context, id uuid.UUID) (*uuid.UUID, error) {
		if id == delegate.ID {
			return &surveyor.ID, nil
		}
		return nil, nil
	}
	_, sid := e.login(delegate)
	if got := e.session(sid).ActingForUserID; got == nil || *got != surveyor.ID {
		t.Fatalf("agit pour %v", got)
	}
	tok, _ := e.login(delegate)
	if a, err := e.svc.Authenticate(tok.AccessToken); err != nil || a.Claimed == nil || *a.Claimed != surveyor.ID {
		t.Fatalf("%v %+v", err, a)
	}
}

// A session acting for a surveyor whose status is then withdrawn keeps
// its choice, but the next access token (a refresh) names nobody.
func TestRefreshClaimsOnlyASurveyorInForce(t *testing.T) {
	e := newEnv(t)
	admin, surveyor, delegate := e.user("Admin"), e.user("Claire"), e.user("Pierre")
	m := matricule()
	if _, err := e.svc.GrantSurveyor(e.Ctx, Person(admin), surveyor.Username, m); err != nil {
		t.Fatal(err)
	}
	e.svc.DefaultActingFor = func(context.Context, uuid.UUID) (*uuid.UUID, error) { return &surveyor.ID, nil }
	tok, _ := e.login(delegate)
	claims, err := e.svc.Tokens.Verify(tok.AccessToken)
	if err != nil || claims.ActingFor == nil || claims.ActingFor.Matricule != m || claims.ActingFor.UserID != surveyor.ID.String() {
		t.Fatalf("statut en vigueur : %v %+v", err, claims)
	}
	if err := e.svc.RevokeSurveyor(e.Ctx, Person(admin), m); err != nil {
		t.Fatal(err)
	}
	refreshed, err := e.svc.Refresh(e.Ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if claims, err := e.svc.Tokens.Verify(refreshed.AccessToken); err != nil || claims.ActingFor != nil {
		t.Fatalf("statut retiré : le jeton agit encore pour %v %+v", err, claims)
	}
	tok, _ = e.login(delegate)
	if claims, err := e.svc.Tokens.Verify(tok.AccessToken); err != nil || claims.ActingFor != nil {
		t.Fatalf("statut retiré : la connexion agit encore pour %v %+v", err, claims)
	}
}

// Each refresh rotates: a new refresh token, the old one spent, the
// session unchanged.
func TestRefreshRotates(t *testing.T) {
	e := newEnv(t)
	u := e.user("Alain")
	first, sid := e.login(u)
	second, err := e.svc.Refresh(e.Ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" || second.UserID != u.ID {
		t.Fatalf("%+v", second)
	}
	if a, err := e.svc.Authenticate(second.AccessToken); err != nil || a.SessionID != sid {
		t.Fatalf("autre séance : %v %+v", err, a)
	}
	third, err := e.svc.Refresh(e.Ctx, second.RefreshToken)
	if err != nil || third.RefreshToken == second.RefreshToken {
		t.Fatalf("%v %+v", err, third)
	}
	var rotated int64
	e.DB.Model(&store.RefreshToken{}).Where("session_id = ? AND rotated_at IS NOT NULL", sid).Count(&rotated)
	if rotated != 2 {
		t.Fatalf("%d jetons utilisés, 2 attendus", rotated)
	}
	if r := e.revokedFor(sid); r != "" {
		t.Fatalf("séance révoquée : %s", r)
	}

	for _, bad := range []string{"", "inconnu"} {
		if _, err := e.svc.Refresh(e.Ctx, bad); fixture.Code(err) != "unauthenticated" {
			t.Fatalf("%q : %v", bad, err)
		}
	}
}

// A refresh token presented twice has leaked: the whole session (every
// token of its family, the newest included) ends; the user's other
// sessions do not.
func TestRefreshReuseEndsTheSession(t *testing.T) {
	e := newEnv(t)
	u := e.user("Marie")
	first, sid := e.login(u)
	_, other := e.login(u)
	second, err := e.svc.Refresh(e.Ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Refresh(e.Ctx, first.RefreshToken); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("réutilisation acceptée : %v", err)
	}
	if r := e.revokedFor(sid); r != "refresh_token_reuse" {
		t.Fatalf("séance : %q", r)
	}
	if _, err := e.svc.Refresh(e.Ctx, second.RefreshToken); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("le jeton le plus récent de la famille survit : %v", err)
	}
	if r := e.revokedFor(other); r != "" {
		t.Fatalf("autre séance révoquée : %s", r)
	}
}

// A login lasts SessionTTL, refreshes or not.
func TestRefreshAfterTheSessionsEnd(t *testing.T) {
	e := newEnv(t)
	u := e.user("Louis")
	tok, _ := e.login(u)
	e.Clock.Advance(11 * time.Hour)
	tok, err := e.svc.Refresh(e.Ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	e.Clock.Advance(time.Hour)
	if _, err := e.svc.Refresh(e.Ctx, tok.RefreshToken); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("renouvellement après 12 h : %v", err)
	}
}

// Logout ends the session and its refresh tokens at once.
func TestLogout(t *testing.T) {
	e := newEnv(t)
	u := e.user("Sophie")
	tok, sid := e.login(u)
	_, other := e.login(u)
	if err := e.svc.Logout(e.Ctx, sid); err != nil {
		t.Fatal(err)
	}
	if r := e.revokedFor(sid); r != "logout" {
		t.Fatalf("séance : %q", r)
	}
	if _, err := e.svc.Refresh(e.Ctx, tok.RefreshToken); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("renouvellement après déconnexion : %v", err)
	}
	if _, err := e.svc.ActFor(e.Ctx, sid, u.ID); fixture.Code(err) != "unauthenticated" {
		t.Fatalf("agir pour après déconnexion : %v", err)
	}
	if r := e.revokedFor(other); r != "" {
		t.Fatalf("autre séance : %q", r)
	}
}

// ActFor records the choice on the session (refreshes keep it) and signs
// a token that names the surveyor.
func TestActFor(t *testing.T) {
	e := newEnv(t)
	surveyor, delegate := e.user("Claire"), e.user("Pierre")
	matricule := "8" + testdb.Suffix()[:3]
	if _, err := e.svc.GrantSurveyor(e.Ctx, System, surveyor.Username, matricule); err != nil {
		t.Fatal(err)
	}
	tok, sid := e.login(delegate)
	acting, err := e.svc.ActFor(e.Ctx, sid, surveyor.ID)
	if err != nil || acting.RefreshToken != "" {
		t.Fatalf("%v %+v", err, acting)
	}
	claims, err := e.svc.Tokens.Verify(acting.AccessToken)
	if err != nil || claims.ActingFor == nil || claims.ActingFor.UserID != surveyor.ID.String() || claims.ActingFor.Matricule != matricule {
		t.Fatalf("%v %+v", err, claims)
	}
	refreshed, err := e.svc.Refresh(e.Ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := e.svc.Authenticate(refreshed.AccessToken); a.Claimed == nil || *a.Claimed != surveyor.ID {
		t.Fatalf("choix perdu au renouvellement : %+v", a)
	}
}
