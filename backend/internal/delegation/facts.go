package delegation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// SessionState is a login as stored: whether it exists, and if so whose it
// is, whether it was revoked and until when it lasts.
type SessionState struct {
	Found     bool
	UserID    uuid.UUID
	Revoked   bool
	ExpiresAt time.Time
}

// Loaded is everything one request needs to know about who acts for whom,
// read in one statement: the session, the actor and the Facts of Decide.
type Loaded struct {
	Session SessionState
	Actor   auth.Person
	Facts   Facts
}

// Loader reads the live data of one decision. It is an interface so the
// request path can be measured without a database; production uses SQL.
type Loader interface {
	// ForSession loads by session id (every authenticated request).
	ForSession(ctx context.Context, sid uuid.UUID, claimed *uuid.UUID) (Loaded, error)
	// ForUser loads by user id (login, selecting a délégant).
	ForUser(ctx context.Context, userID uuid.UUID, claimed *uuid.UUID) (Loaded, error)
}

// factsSQL is the one statement: the session (or, for ForUser, none), the
// actor with their matricule, the claimed user with their matricule and
// their delegation in force to the actor, and, when nothing is claimed and
// the actor is not a surveyor, the number of surveyors delegating to them
// and the delegation of one of them (the only one when there is one).
// Every join goes through a primary key or the active-delegation indexes.
// %[1]s is the FROM clause, %[2]s the WHERE clause.
const factsSQL = `SELECT s.user_id, s.revoked_at, s.expires_at,
  u.id, u.username, u.first_name, u.last_name, u.is_admin, us.matricule,
  c.id, c.username, c.first_name, c.last_name, c.is_admin, cs.matricule,
  cg.id, cg.delegant_id, cg.delegate_id,
  CASE WHEN $2::uuid IS NULL AND us.user_id IS NULL THEN
    (SELECT count(*) FROM delegations d JOIN surveyors ds ON ds.user_id = d.delegant_id
      WHERE d.delegate_id = u.id AND d.ended_at IS NULL)
  ELSE 0 END,
  o.id, o.username, o.first_name, o.last_name, o.is_admin, os.matricule,
  og.id, og.delegant_id, og.delegate_id
%[1]s
LEFT JOIN surveyors us ON us.user_id = u.id
LEFT JOIN users c ON c.id = $2::uuid
LEFT JOIN surveyors cs ON cs.user_id = c.id
LEFT JOIN delegations cg ON cg.delegant_id = c.id AND cg.delegate_id = u.id AND cg.ended_at IS NULL
LEFT JOIN delegations og ON $2::uuid IS NULL AND us.user_id IS NULL AND og.id = (
  SELECT d.id FROM delegations d JOIN surveyors ds ON ds.user_id = d.delegant_id
  WHERE d.delegate_id = u.id AND d.ended_at IS NULL ORDER BY ds.matricule LIMIT 1)
LEFT JOIN users o ON o.id = og.delegant_id
LEFT JOIN surveyors os ON os.user_id = o.id
WHERE %[2]s`

var (
	factsBySession = fmt.Sprintf(factsSQL, "FROM sessions s JOIN users u ON u.id = s.user_id", "s.id = $1::uuid")
	factsByUser    = fmt.Sprintf(factsSQL, "FROM users u LEFT JOIN sessions s ON 1 = 0", "u.id = $1::uuid")
)

// SQLLoader is the Loader of production.
type SQLLoader struct {
	DB                *store.DB
	bySession, byUser string
}

// NewSQLLoader prepares the statement's text for the database's dialect.
func NewSQLLoader(db *store.DB) *SQLLoader {
	return &SQLLoader{DB: db, bySession: db.Numbered(factsBySession), byUser: db.Numbered(factsByUser)}
}

// ForSession implements Loader.
func (l *SQLLoader) ForSession(ctx context.Context, sid uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	return l.load(ctx, l.bySession, sid, claimed)
}

// ForUser implements Loader.
func (l *SQLLoader) ForUser(ctx context.Context, userID uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	out, err := l.load(ctx, l.byUser, userID, claimed)
	if err == nil && out.Actor.ID == uuid.Nil {
		return out, apperr.NotFound("Utilisateur introuvable.")
	}
	return out, err
}

// person is a nullable user of the statement.
type person struct {
	id                          uuid.NullUUID
	username, first, last, matr sql.NullString
	admin                       sql.NullBool
}

func (p *person) dest() []any {
	return []any{&p.id, &p.username, &p.first, &p.last, &p.admin, &p.matr}
}

func (p *person) get() *auth.Person {
	if !p.id.Valid {
		return nil
	}
	return &auth.Person{ID: p.id.UUID, Username: p.username.String, FirstName: p.first.String, LastName: p.last.String,
		Matricule: p.matr.String, IsAdmin: p.admin.Bool}
}

// grant is a nullable delegation of the statement.
type grantRow struct{ id, from, to uuid.NullUUID }

func (g *grantRow) dest() []any { return []any{&g.id, &g.from, &g.to} }

func (g *grantRow) get() *Grant {
	if !g.id.Valid {
		return nil
	}
	return &Grant{ID: g.id.UUID, DelegantID: g.from.UUID, DelegateID: g.to.UUID}
}

func (l *SQLLoader) load(ctx context.Context, query string, key uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	var (
		out                Loaded
		sessUser           uuid.NullUUID
		revoked, expires   sql.NullTime
		actor, cl, only    person
		clGrant, onlyGrant grantRow
		count              int64
	)
	var claimArg any
	if claimed != nil {
		claimArg = *claimed
	}
	dest := []any{&sessUser, &revoked, &expires}
	dest = append(dest, actor.dest()...)
	dest = append(dest, cl.dest()...)
	dest = append(dest, clGrant.dest()...)
	dest = append(dest, &count)
	dest = append(dest, only.dest()...)
	dest = append(dest, onlyGrant.dest()...)
	err := l.DB.Pool(ctx).QueryRowContext(ctx, query, key, claimArg).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Session = SessionState{Found: sessUser.Valid, UserID: sessUser.UUID, Revoked: revoked.Valid, ExpiresAt: expires.Time}
	if a := actor.get(); a != nil {
		out.Actor = *a
	}
	out.Facts = Facts{Claimed: cl.get(), ClaimedGrant: clGrant.get(), Delegants: int(count),
		OnlyDelegant: only.get(), OnlyGrant: onlyGrant.get()}
	return out, nil
}

// Authentication refusals. They say no more than needed.
var (
	errUnknownSession = apperr.Unauthenticated("Session inconnue.")
	errSessionEnded   = apperr.Unauthenticated("Votre session a pris fin. Veuillez vous authentifier de nouveau.")
)

// CheckSession tells whether a stored session still admits the token's
// subject at now: it exists, is not revoked, has not expired, and is theirs.
func CheckSession(st SessionState, subject uuid.UUID, now time.Time) error {
	switch {
	case !st.Found:
		return errUnknownSession
	case st.Revoked, !now.Before(st.ExpiresAt), st.UserID != subject:
		return errSessionEnded
	}
	return nil
}

// Establish turns a verified access token into the request's session, in
// one statement against live data and one pure decision: nothing is cached
// from one request to the next, so a logout or a removal holds from the
// very next request (§2.5).
func (s *Service) Establish(ctx context.Context, tok auth.Access) (*auth.Session, error) {
	l, err := s.loader().ForSession(ctx, tok.SessionID, tok.Claimed)
	if err != nil {
		return nil, err
	}
	if err := CheckSession(l.Session, tok.UserID, time.Now()); err != nil {
		return nil, err
	}
	sess := &auth.Session{ID: tok.SessionID, Actor: l.Actor}
	sess.Principal, sess.Standing = Decide(l.Actor, tok.Claimed, l.Facts)
	return sess, nil
}

func (s *Service) loader() Loader {
	if s.Loader != nil {
		return s.Loader
	}
	s.loaderOnce.Do(func() { s.sqlLoader = NewSQLLoader(s.DB) })
	return s.sqlLoader
}
