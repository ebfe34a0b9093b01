package accounts

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/seclog"
	"espace/backend/internal/store"
)

// Tokens is what a login or a refresh hands to the client.
type Tokens struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	UserID       uuid.UUID
}

// ClientInfo describes where a login comes from (kept on the session).
type ClientInfo struct {
	IP, UserAgent string
}

var errBadCredentials = apperr.Unauthenticated("Nom d'utilisateur ou mot de passe invalide.")

// Login checks the credentials and opens a session.
func (s *Service) Login(ctx context.Context, username, password string, client ClientInfo) (Tokens, error) {
	var u store.User
	err := s.DB.Conn(ctx).Where("username_key = ?", FoldKey(username)).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		s.Hasher.DummyVerify(password)
		seclog.Log(ctx, seclog.Event{Name: seclog.Login, Outcome: seclog.Failure, Reason: "unknown_user", IP: client.IP})
		return Tokens{}, errBadCredentials
	}
	if err != nil {
		return Tokens{}, err
	}
	if !s.Hasher.Verify(u.PasswordHash, password) {
		seclog.Log(ctx, seclog.Event{Name: seclog.Login, Outcome: seclog.Failure, Reason: "bad_password", Target: u.ID.String(), IP: client.IP})
		return Tokens{}, errBadCredentials
	}
	now := s.now()
	sess := store.Session{
		ID: uuid.New(), UserID: u.ID, CreatedAt: now, LastUsedAt: now, ExpiresAt: now.Add(s.SessionTTL),
		AuthenticatedAt: &now, ClientIP: client.IP, UserAgent: truncate(client.UserAgent, 400),
	}
	if s.DefaultActingFor != nil {
		if sess.ActingForUserID, err = s.DefaultActingFor(ctx, u.ID); err != nil {
			return Tokens{}, err
		}
	}
	var tokens Tokens
	err = s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&sess).Error; err != nil {
			return err
		}
		var err error
		tokens, err = s.issue(tx, sess)
		return err
	})
	if err == nil {
		seclog.Log(ctx, seclog.Event{Name: seclog.Login, Outcome: seclog.Success, Actor: u.ID.String(), Session: sess.ID.String(), IP: client.IP})
	}
	return tokens, err
}

// issue creates a refresh token for the session and signs an access token.
func (s *Service) issue(tx *gorm.DB, sess store.Session) (Tokens, error) {
	refresh, hash, err := auth.NewOpaqueToken()
	if err != nil {
		return Tokens{}, err
	}
	now := s.now()
	rt := store.RefreshToken{ID: uuid.New(), SessionID: sess.ID, TokenHash: hash, CreatedAt: now, ExpiresAt: sess.ExpiresAt}
	if err := tx.Create(&rt).Error; err != nil {
		return Tokens{}, err
	}
	actingFor, err := actingForClaim(tx, sess.ActingForUserID)
	if err != nil {
		return Tokens{}, err
	}
	access, err := s.Tokens.Issue(sess.UserID, sess.ID, actingFor)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{AccessToken: access, ExpiresIn: s.Tokens.TTL, RefreshToken: refresh, UserID: sess.UserID}, nil
}

// actingForClaim is the claim of an access token acting for principal:
// nil when nobody is named or when principal is no longer a surveyor in
// office, so that a withdrawn status stops at the next token.
func actingForClaim(tx *gorm.DB, principal *uuid.UUID) (*auth.ActingForClaim, error) {
	if principal == nil {
		return nil, nil
	}
	var sv store.Surveyor
	err := tx.Where("user_id = ? AND "+store.ActiveSurveyor, *principal).Take(&sv).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &auth.ActingForClaim{UserID: sv.UserID.String(), Matricule: sv.Matricule}, nil
}

var errRefreshRefused = apperr.Unauthenticated("Votre session a pris fin. Veuillez vous authentifier de nouveau.")

// Refresh rotates a refresh token. Presenting a token that was already
// rotated means it leaked (or was replayed): the whole session ends.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	if refreshToken == "" {
		return Tokens{}, errRefreshRefused
	}
	hash := auth.HashOpaqueToken(refreshToken)
	var tokens Tokens
	var reused bool
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var rt store.RefreshToken
		if err := store.TakeOr(tx.Where("token_hash = ?", hash), &rt, errRefreshRefused); err != nil {
			return err
		}
		now := s.now()
		// Only one rotation of a given token can win, even when two requests race.
		res := tx.Model(&store.RefreshToken{}).Where("id = ? AND rotated_at IS NULL", rt.ID).Update("rotated_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			reused = true
			return nil
		}
		var sess store.Session
		if err := tx.Where("id = ?", rt.SessionID).Take(&sess).Error; err != nil {
			return err
		}
		if sess.RevokedAt != nil || !now.Before(sess.ExpiresAt) || !now.Before(rt.ExpiresAt) {
			return errRefreshRefused
		}
		if err := tx.Model(&store.Session{}).Where("id = ?", sess.ID).Update("last_used_at", now).Error; err != nil {
			return err
		}
		var err error
		tokens, err = s.issue(tx, sess)
		return err
	})
	if err != nil {
		return Tokens{}, err
	}
	if reused {
		sess, err := s.revokeSessionOf(ctx, hash, "refresh_token_reuse")
		if err != nil {
			return Tokens{}, err
		}
		seclog.Log(ctx, seclog.Event{Name: seclog.RefreshTokenReuse, Outcome: seclog.Denied,
			Actor: sess.UserID.String(), Session: sess.ID.String(), Reason: "session_ended"})
		return Tokens{}, errRefreshRefused
	}
	return tokens, nil
}

func (s *Service) revokeSessionOf(ctx context.Context, tokenHash, reason string) (store.Session, error) {
	var rt store.RefreshToken
	if err := s.DB.Conn(ctx).Where("token_hash = ?", tokenHash).Take(&rt).Error; err != nil {
		return store.Session{}, err
	}
	var sess store.Session
	if err := s.DB.Conn(ctx).Where("id = ?", rt.SessionID).Take(&sess).Error; err != nil {
		return store.Session{}, err
	}
	return sess, s.revokeSessions(s.DB.Conn(ctx), "id = ?", []any{rt.SessionID}, reason)
}

func (s *Service) revokeSessions(tx *gorm.DB, where string, args []any, reason string) error {
	now := s.now()
	return tx.Model(&store.Session{}).Where(where, args...).Where("revoked_at IS NULL").
		Updates(map[string]any{"revoked_at": now, "revoked_reason": reason}).Error
}

// Logout ends the session at once: its access tokens are refused from the
// next request on, its refresh tokens too.
func (s *Service) Logout(ctx context.Context, sid uuid.UUID) error {
	if err := s.revokeSessions(s.DB.Conn(ctx), "id = ?", []any{sid}, "logout"); err != nil {
		return err
	}
	seclog.Log(ctx, seclog.Event{Name: seclog.Logout, Outcome: seclog.Success, Session: sid.String()})
	return nil
}

// Authenticate checks a bearer token (signature, key, issuer, audience,
// expiry, type) without touching the database, and returns what it says.
// Whether its session still holds, and whom it acts for, is decided against
// live data by delegation.Service.Establish, on every request.
func (s *Service) Authenticate(raw string) (auth.Access, error) {
	claims, err := s.Tokens.Verify(raw)
	if err != nil {
		return auth.Access{}, errInvalidToken
	}
	// Verify has checked that both are uuids.
	a := auth.Access{SessionID: uuid.MustParse(claims.SessionID), UserID: uuid.MustParse(claims.Subject)}
	if claims.ActingFor != nil {
		id, err := uuid.Parse(claims.ActingFor.UserID)
		if err != nil {
			return auth.Access{}, errInvalidToken
		}
		a.Claimed = &id
	}
	return a, nil
}

var errInvalidToken = apperr.Unauthenticated("Jeton d'accès invalide ou expiré.")

// Person is the auth view of a user.
func Person(u UserView) auth.Person {
	return auth.Person{ID: u.ID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName, Matricule: u.Matricule, IsAdmin: u.IsAdmin}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// ActFor records on the session whom it acts for and signs an access token
// that says so. Whether the actor may act for that surveyor is the
// delegation policy's decision, taken by the caller beforehand. The
// session's refresh token stays as it is: refreshing reads the choice from
// the session, so no second token (and no race with a refresh in flight).
func (s *Service) ActFor(ctx context.Context, sid, principalID uuid.UUID) (Tokens, error) {
	var sess store.Session
	if err := store.TakeOr(s.DB.Conn(ctx).Where("id = ? AND revoked_at IS NULL", sid), &sess, errRefreshRefused); err != nil {
		return Tokens{}, err
	}
	if err := s.DB.Conn(ctx).Model(&store.Session{}).Where("id = ?", sid).Update("acting_for_user_id", principalID).Error; err != nil {
		return Tokens{}, err
	}
	var sv store.Surveyor
	if err := s.DB.Conn(ctx).Where("user_id = ? AND "+store.ActiveSurveyor, principalID).Take(&sv).Error; err != nil {
		return Tokens{}, err
	}
	access, err := s.Tokens.Issue(sess.UserID, sess.ID, &auth.ActingForClaim{UserID: sv.UserID.String(), Matricule: sv.Matricule})
	if err != nil {
		return Tokens{}, err
	}
	seclog.Log(ctx, seclog.Event{Name: seclog.ActingFor, Outcome: seclog.Success,
		Actor: sess.UserID.String(), Session: sess.ID.String(), Target: principalID.String()})
	return Tokens{AccessToken: access, ExpiresIn: s.Tokens.TTL, UserID: sess.UserID}, nil
}
