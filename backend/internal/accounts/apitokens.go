package accounts

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
	"espace/backend/internal/seclog"
	"espace/backend/internal/store"
)

// APITokenPrefix starts every API token's secret, so that secret scanners
// and people recognise one (§14).
const APITokenPrefix = "mec_"

// APITokenView is an API token as its owner sees it: never its secret.
type APITokenView struct {
	ID         uuid.UUID
	Name       string
	CreatedAt  time.Time
	ExpiresOn  time.Time // the last day, a date at 00:00 UTC
	LastUsedAt *time.Time
}

func apiTokenView(t store.APIToken) APITokenView {
	day, _ := time.Parse(time.DateOnly, t.ExpiresOn)
	return APITokenView{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, ExpiresOn: day, LastUsedAt: t.LastUsedAt}
}

// ErrAPITokenNotAllowed refuses to a session opened with an API token what
// only its owner, in person, may do (§14).
var ErrAPITokenNotAllowed = apperr.Forbidden(api.ProblemCodeApiTokenNotAllowed,
	"Cette opération n'est pas permise avec un jeton d'intégration : connectez-vous avec votre mot de passe (POST /api/v1/auth/login).")

// CreateAPIToken makes a named API token of the session's user, valid to
// the end of expiresOn (a date of the Québec calendar, today at the
// earliest, one year ahead at the latest). The secret is returned here
// only; the database keeps its hash.
func (s *Service) CreateAPIToken(ctx context.Context, sess *auth.Session, name string, expiresOn time.Time) (APITokenView, string, error) {
	if sess.ViaAPIToken() {
		return APITokenView{}, "", ErrAPITokenNotAllowed
	}
	name = strings.TrimSpace(norm.NFC.String(name))
	var fields []apperr.FieldError
	switch {
	case name == "":
		fields = append(fields, apperr.Field("/name", "Ce champ est obligatoire."))
	case utf8.RuneCountInString(name) > 100:
		fields = append(fields, apperr.Field("/name", "Le nom compte au plus 100 caractères."))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		fields = append(fields, apperr.Field("/name", "Le nom ne peut contenir de caractère de contrôle."))
	}
	now := s.now()
	today := dateOf(now.In(quebec.Location))
	last := time.Date(expiresOn.Year(), expiresOn.Month(), expiresOn.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case last.Before(today):
		fields = append(fields, apperr.Field("/expiresOn", "La date d'échéance ne peut être passée."))
	case last.After(today.AddDate(1, 0, 0)):
		fields = append(fields, apperr.Field("/expiresOn", "La date d'échéance est au plus un an plus tard."))
	}
	if len(fields) > 0 {
		return APITokenView{}, "", apperr.Invalid(fields...)
	}
	raw, _, err := auth.NewOpaqueToken()
	if err != nil {
		return APITokenView{}, "", err
	}
	secret := APITokenPrefix + raw
	t := store.APIToken{
		ID: uuid.New(), UserID: sess.Actor.ID, Name: name, TokenHash: auth.HashOpaqueToken(secret), CreatedAt: now,
		ExpiresOn: last.Format(time.DateOnly), ExpiresAt: endOfDay(last),
	}
	if err := s.DB.Conn(ctx).Create(&t).Error; err != nil {
		return APITokenView{}, "", err
	}
	seclog.Log(ctx, seclog.Event{Name: seclog.APITokenCreated, Outcome: seclog.Success, Target: t.ID.String()})
	return apiTokenView(t), secret, nil
}

// dateOf is the calendar day of t (in t's zone), as 00:00 UTC.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// endOfDay is when a token whose last day is day stops: 00:00 in Québec
// the day after.
func endOfDay(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, quebec.Location).UTC()
}

// ListAPITokens lists the user's tokens not revoked, newest first.
func (s *Service) ListAPITokens(ctx context.Context, sess *auth.Session) ([]APITokenView, error) {
	if sess.ViaAPIToken() {
		return nil, ErrAPITokenNotAllowed
	}
	var rows []store.APIToken
	if err := s.DB.Conn(ctx).Where("user_id = ? AND revoked_at IS NULL", sess.Actor.ID).
		Order("created_at DESC, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]APITokenView, 0, len(rows))
	for _, r := range rows {
		out = append(out, apiTokenView(r))
	}
	return out, nil
}

var errAPITokenNotFound = apperr.NotFound("Jeton d'intégration introuvable.")

// RevokeAPIToken revokes one of the user's tokens, and in the same
// transaction every session opened with it: its access tokens are refused
// from the next request. Another user's token is not found.
func (s *Service) RevokeAPIToken(ctx context.Context, sess *auth.Session, id uuid.UUID) error {
	if sess.ViaAPIToken() {
		return ErrAPITokenNotAllowed
	}
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		res := tx.Model(&store.APIToken{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, sess.Actor.ID).
			Update("revoked_at", s.now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errAPITokenNotFound
		}
		return s.revokeSessions(tx, "api_token_id = ?", []any{id}, "api_token_revoked")
	})
	if err != nil {
		return err
	}
	seclog.Log(ctx, seclog.Event{Name: seclog.APITokenRevoked, Outcome: seclog.Success, Target: id.String()})
	return nil
}

var errAPITokenRefused = apperr.Unauthenticated("Jeton d'intégration invalide, révoqué ou expiré.")

// APITokenOwner is the first step of an exchange (§14): the owner of a
// valid API token (known, not revoked, not expired), or a 401.
func (s *Service) APITokenOwner(ctx context.Context, secret string) (store.APIToken, UserView, error) {
	fail := func(reason, target string) (store.APIToken, UserView, error) {
		seclog.Log(ctx, seclog.Event{Name: seclog.APITokenExchange, Outcome: seclog.Failure, Reason: reason, Target: target})
		return store.APIToken{}, UserView{}, errAPITokenRefused
	}
	if !strings.HasPrefix(secret, APITokenPrefix) {
		return fail("malformed", "")
	}
	var t store.APIToken
	err := s.DB.Conn(ctx).Where("token_hash = ?", auth.HashOpaqueToken(secret)).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fail("unknown_token", "")
	}
	if err != nil {
		return store.APIToken{}, UserView{}, err
	}
	switch {
	case t.RevokedAt != nil:
		return fail("revoked", t.ID.String())
	case !s.now().Before(t.ExpiresAt):
		return fail("expired", t.ID.String())
	}
	u, err := s.User(ctx, t.UserID)
	if err != nil {
		return store.APIToken{}, UserView{}, err
	}
	return t, u, nil
}

// OpenAPITokenSession signs an access token for an API token whose owner
// APITokenOwner returned, acting for principal (nil: nobody yet, decided
// on each request as after a login). It reuses the token's live session,
// or opens one of channel api that ends no later than the token; the
// token's lastUsedAt is set. No refresh token: the software exchanges its
// API token again.
func (s *Service) OpenAPITokenSession(ctx context.Context, t store.APIToken, principal *uuid.UUID, client ClientInfo) (Tokens, error) {
	now := s.now()
	var sess store.Session
	var actingFor *auth.ActingForClaim
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		// Revoked or expired since APITokenOwner read it: refused, and no
		// session opens after a revocation committed.
		res := tx.Model(&store.APIToken{}).Where("id = ? AND revoked_at IS NULL AND expires_at > ?", t.ID, now).
			Update("last_used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errAPITokenRefused
		}
		err := tx.Where("api_token_id = ? AND revoked_at IS NULL AND expires_at > ?", t.ID, now).
			Order("expires_at DESC").Take(&sess).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			id := t.ID
			sess = store.Session{
				ID: uuid.New(), UserID: t.UserID, CreatedAt: now, LastUsedAt: now,
				ExpiresAt: minTime(t.ExpiresAt, now.Add(s.SessionTTL)), ClientIP: client.IP,
				UserAgent: truncate(client.UserAgent, 400), Channel: string(auth.ChannelAPI), APITokenID: &id,
			}
			if err := tx.Create(&sess).Error; err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if err := tx.Model(&store.Session{}).Where("id = ?", sess.ID).Update("last_used_at", now).Error; err != nil {
				return err
			}
		}
		actingFor, err = actingForClaim(tx, principal)
		return err
	})
	if err != nil {
		if errors.Is(err, errAPITokenRefused) {
			seclog.Log(ctx, seclog.Event{Name: seclog.APITokenExchange, Outcome: seclog.Failure, Reason: "revoked_or_expired", Target: t.ID.String()})
		}
		return Tokens{}, err
	}
	access, err := s.Tokens.Issue(t.UserID, sess.ID, actingFor)
	if err != nil {
		return Tokens{}, err
	}
	target := t.ID.String()
	seclog.Log(ctx, seclog.Event{Name: seclog.APITokenExchange, Outcome: seclog.Success,
		Actor: t.UserID.String(), Session: sess.ID.String(), Target: target, IP: client.IP})
	return Tokens{AccessToken: access, ExpiresIn: s.Tokens.TTL, UserID: t.UserID}, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
