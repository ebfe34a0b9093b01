package delegation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// SessionState is a login as stored: whether it exists, and if so whose it
// is, whether it was revoked, until when it lasts and how it was opened
// (auth.ChannelWeb, or auth.ChannelAPI for an API token's, §14). An API
// token's session needs nothing more: revoking the token revokes its
// sessions in the same transaction, and they end when the token expires.
type SessionState struct {
	Found     bool
	UserID    uuid.UUID
	Revoked   bool
	ExpiresAt time.Time
	Channel   string
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

// The one statement, in two shapes: with a claim (what nearly every request
// carries) it reads the session (or, for ForUser, none), the actor with
// their matricule, and the claimed user with their matricule and their
// delegation in force to the actor; without one, instead of the claimed
// user, the number of surveyors delegating to the actor and the delegation
// of one of them (the only one when there is one), only when the actor is
// not a surveyor. Every join goes through a primary key or an index of
// delegations in force; every join on surveyors keeps those in office only
// (withdrawal keeps the row, §13). %[1]s is the FROM clause, %[2]s the WHERE clause.
const (
	actorColumns = `SELECT s.user_id, s.revoked_at, s.expires_at, s.channel,
  u.id, u.username, u.first_name, u.last_name, u.is_admin, us.matricule,
  `
	claimedSQL = actorColumns + `c.id, c.username, c.first_name, c.last_name, c.is_admin, cs.matricule,
  cg.id, cg.delegant_id, cg.delegate_id, cg.services, cg.ends_on
%[1]s
LEFT JOIN surveyors us ON us.user_id = u.id AND us.withdrawn_at IS NULL
LEFT JOIN users c ON c.id = $2::uuid
LEFT JOIN surveyors cs ON cs.user_id = c.id AND cs.withdrawn_at IS NULL
LEFT JOIN delegations cg ON cg.delegant_id = c.id AND cg.delegate_id = u.id AND cg.ended_at IS NULL
WHERE %[2]s`
	unclaimedSQL = actorColumns + `CASE WHEN us.user_id IS NULL THEN
    (SELECT count(*) FROM delegations d JOIN surveyors ds ON ds.user_id = d.delegant_id AND ds.withdrawn_at IS NULL
      WHERE d.delegate_id = u.id AND d.ended_at IS NULL)
  ELSE 0 END,
  o.id, o.username, o.first_name, o.last_name, o.is_admin, os.matricule,
  og.id, og.delegant_id, og.delegate_id, og.services, og.ends_on
%[1]s
LEFT JOIN surveyors us ON us.user_id = u.id AND us.withdrawn_at IS NULL
LEFT JOIN delegations og ON us.user_id IS NULL AND og.id = (
  SELECT d.id FROM delegations d JOIN surveyors ds ON ds.user_id = d.delegant_id AND ds.withdrawn_at IS NULL
  WHERE d.delegate_id = u.id AND d.ended_at IS NULL ORDER BY ds.matricule LIMIT 1)
LEFT JOIN users o ON o.id = og.delegant_id
LEFT JOIN surveyors os ON os.user_id = o.id AND os.withdrawn_at IS NULL
WHERE %[2]s`

	bySession = "FROM sessions s JOIN users u ON u.id = s.user_id"
	byUser    = "FROM users u LEFT JOIN sessions s ON 1 = 0"
)

// statements are the four texts, for one dialect.
type statements struct{ sessionClaimed, sessionUnclaimed, userClaimed, userUnclaimed string }

func statementsFor(db *store.DB) statements {
	f := func(q, from, where string) string { return db.Numbered(fmt.Sprintf(q, from, where)) }
	return statements{
		sessionClaimed:   f(claimedSQL, bySession, "s.id = $1::uuid"),
		sessionUnclaimed: f(unclaimedSQL, bySession, "s.id = $1::uuid"),
		userClaimed:      f(claimedSQL, byUser, "u.id = $1::uuid"),
		userUnclaimed:    f(unclaimedSQL, byUser, "u.id = $1::uuid"),
	}
}

// SessionSQL is the statement ForSession runs, for a token with or without
// an acting-for claim, in the database's dialect ($1 the session, $2 the
// claimed user). Exported so the benchmark runs the very same SQL.
func SessionSQL(db *store.DB, claimed bool) string {
	q := statementsFor(db)
	if claimed {
		return q.sessionClaimed
	}
	return q.sessionUnclaimed
}

// SQLLoader is the Loader of production.
type SQLLoader struct {
	DB *store.DB
	q  statements
}

// NewSQLLoader prepares the statements' text for the database's dialect.
func NewSQLLoader(db *store.DB) *SQLLoader {
	return &SQLLoader{DB: db, q: statementsFor(db)}
}

// ForSession implements Loader.
func (l *SQLLoader) ForSession(ctx context.Context, sid uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	if claimed != nil {
		return l.load(ctx, l.q.sessionClaimed, sid, claimed)
	}
	return l.load(ctx, l.q.sessionUnclaimed, sid, nil)
}

// ForUser implements Loader.
func (l *SQLLoader) ForUser(ctx context.Context, userID uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	q := l.q.userUnclaimed
	if claimed != nil {
		q = l.q.userClaimed
	}
	out, err := l.load(ctx, q, userID, claimed)
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
type grantRow struct {
	id, from, to     uuid.NullUUID
	services, endsOn sql.NullString
}

func (g *grantRow) dest() []any { return []any{&g.id, &g.from, &g.to, &g.services, &g.endsOn} }

func (g *grantRow) get() *Grant {
	if !g.id.Valid {
		return nil
	}
	return &Grant{ID: g.id.UUID, DelegantID: g.from.UUID, DelegateID: g.to.UUID,
		Services: decodeServices(g.services.String), EndsOn: g.endsOn.String}
}

func (l *SQLLoader) load(ctx context.Context, query string, key uuid.UUID, claimed *uuid.UUID) (Loaded, error) {
	var (
		out              Loaded
		sessUser         uuid.NullUUID
		revoked, expires sql.NullTime
		channel          sql.NullString
		actor, other     person
		grant            grantRow
		count            int64
	)
	dest := make([]any, 0, 24)
	dest = append(dest, &sessUser, &revoked, &expires, &channel)
	dest = append(dest, actor.dest()...)
	// Text arguments: both drivers take them for a uuid without reflection.
	args := []any{key.String()}
	if claimed != nil {
		args = append(args, claimed.String())
	} else {
		dest = append(dest, &count)
	}
	dest = append(dest, other.dest()...)
	dest = append(dest, grant.dest()...)
	used, err := l.DB.OnPgx(ctx, func(c *pgx.Conn) error { return c.QueryRow(ctx, query, args...).Scan(dest...) })
	if !used {
		err = l.DB.Pool(ctx).QueryRowContext(ctx, query, args...).Scan(dest...)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Session = SessionState{Found: sessUser.Valid, UserID: sessUser.UUID, Revoked: revoked.Valid, ExpiresAt: expires.Time, Channel: channel.String}
	if a := actor.get(); a != nil {
		out.Actor = *a
	}
	if claimed != nil {
		out.Facts = Facts{Claimed: other.get(), ClaimedGrant: grant.get()}
	} else {
		out.Facts = Facts{Delegants: int(count), OnlyDelegant: other.get(), OnlyGrant: grant.get()}
	}
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
	now := s.now()
	if err := CheckSession(l.Session, tok.UserID, now); err != nil {
		return nil, err
	}
	l.Facts.Now = now
	sess := DecideSession(tok.SessionID, l.Actor, tok.Claimed, l.Facts)
	sess.Channel = auth.Channel(l.Session.Channel)
	return sess, nil
}

func (s *Service) loader() Loader {
	if s.Loader != nil {
		return s.Loader
	}
	s.loaderOnce.Do(func() { s.sqlLoader = NewSQLLoader(s.DB) })
	return s.sqlLoader
}
