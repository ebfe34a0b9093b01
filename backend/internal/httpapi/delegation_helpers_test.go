package httpapi_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

var matriculeSeq atomic.Int64

func init() { matriculeSeq.Store(time.Now().UnixNano() % 400000) }

// surveyor signs up a user and grants them a fresh matricule.
func (e *env) surveyor(prefix string) user {
	e.t.Helper()
	u := e.signUp(prefix)
	m := strconv.FormatInt(500000+matriculeSeq.Add(1)%499999, 10)
	if _, err := e.acc.GrantSurveyor(context.Background(), auth.Person{}, u.Username, m); err != nil {
		e.t.Fatal(err)
	}
	u.Matricule = m
	return u
}

// agePassword pretends the user's password was last changed long ago.
func (e *env) agePassword(u user, age time.Duration) {
	e.t.Helper()
	err := testdb.DB(e.t).Model(&store.User{}).Where("id = ?", u.ID).Update("password_changed_at", time.Now().UTC().Add(-age)).Error
	if err != nil {
		e.t.Fatal(err)
	}
}

// passwordChangeDue signs in a surveyor whose password is two days old,
// half an hour ago, and signs up a would-be délégataire: their first
// délégataire waits for a password change (§5).
func (e *env) passwordChangeDue(prefix string) (s user, st tokens, d user) {
	e.t.Helper()
	s = e.surveyor(prefix)
	e.agePassword(s, 48*time.Hour)
	st = e.login(s)
	e.clock.Advance(30 * time.Minute)
	return s, st, e.signUp(prefix + "d")
}

func (e *env) addDelegate(surveyor tokens, delegateID string) resp {
	return e.do(req{method: "POST", path: "/api/v1/delegates", token: surveyor.Access, body: map[string]any{"userId": delegateID}})
}

func (e *env) removeDelegate(surveyor tokens, delegateID string) resp {
	return e.do(req{method: "DELETE", path: "/api/v1/delegates/" + delegateID, token: surveyor.Access})
}

func (e *env) renounce(delegate tokens, surveyorID string) resp {
	return e.do(req{method: "DELETE", path: "/api/v1/delegants/" + surveyorID, token: delegate.Access})
}

// actFor switches the session to act for a surveyor and returns the new access token.
func (e *env) actFor(t tokens, surveyorID string) (tokens, resp) {
	r := e.do(req{method: "POST", path: "/api/v1/auth/acting-for", token: t.Access, body: map[string]any{"delegantId": surveyorID}})
	if r.Status != 200 {
		return t, r
	}
	m := r.JSON(e.t)
	if _, ok := m["refreshToken"]; ok {
		e.t.Fatalf("acting-for ne remplace pas le jeton de renouvellement : %s", r.Body)
	}
	// The session's refresh token stays valid and now refreshes into this choice.
	return tokens{Access: m["accessToken"].(string), Refresh: t.Refresh}, r
}

// dossier opens a dossier for a surveyor (administrator's service).
func (e *env) dossier(s user, kind string) string {
	e.t.Helper()
	n := strconv.FormatInt(1000000+matriculeSeq.Add(1)%8999999, 10)
	if _, err := e.portal.CreateDossier(context.Background(), accounts.System, newDossier(n, kind, s.Matricule)); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) dossiers(t tokens) resp {
	return e.do(req{method: "GET", path: "/api/v1/dossiers", token: t.Access})
}

func (e *env) delegates(t tokens) resp {
	return e.do(req{method: "GET", path: "/api/v1/delegates", token: t.Access})
}

func code(r resp) string {
	var m map[string]any
	_ = jsonUnmarshal(r.Body, &m)
	c, _ := m["code"].(string)
	return c
}

// dbCount runs a count query on the test database.
func (e *env) dbCount(n *int64, sql string, args ...any) {
	e.t.Helper()
	if err := testdb.DB(e.t).Raw(sql, args...).Scan(n).Error; err != nil {
		e.t.Fatal(err)
	}
}

// forgeActingFor signs, with the server's own key, a token of session sid
// that claims to act for s: what a client could craft from a stolen key
// or a replayed claim. Only the live delegation check stands in the way.
func (e *env) forgeActingFor(userID, sid string, s user) string {
	e.t.Helper()
	tok, err := e.acc.Tokens.Issue(uuid.MustParse(userID), uuid.MustParse(sid), &auth.ActingForClaim{UserID: s.ID, Matricule: s.Matricule})
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}
