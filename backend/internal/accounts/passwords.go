package accounts

import (
	"context"
	"errors"
	"net/url"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/mail"
	"espace/backend/internal/seclog"
	"espace/backend/internal/store"
)

const purposePasswordReset = "password_reset"

// ChangePassword replaces the password after checking the current one, and
// ends every other session of the user (the current one stays open).
func (s *Service) ChangePassword(ctx context.Context, sess *auth.Session, current, next string) error {
	if sess.ViaAPIToken() {
		return ErrAPITokenNotAllowed // only in person (§14)
	}
	user, err := s.checkPassword(ctx, sess, current, seclog.PasswordChange, "bad_current_password",
		apperr.Field("/currentPassword", "L'ancien mot de passe est incorrect."))
	if err != nil {
		return err
	}
	if fields := auth.CheckPolicy("/newPassword", next, user.Username, user.Email); len(fields) > 0 {
		return apperr.Invalid(fields...)
	}
	if auth.NormalizePassword(current) == auth.NormalizePassword(next) {
		return apperr.Invalid(apperr.Field("/newPassword", "Le nouveau mot de passe doit être différent de l'ancien."))
	}
	err = s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := s.setPassword(tx, user.User, next); err != nil {
			return err
		}
		if err := s.revokeSessions(tx, "user_id = ? AND id <> ?", []any{user.ID, sess.ID}, "password_changed"); err != nil {
			return err
		}
		// Entering the password counts as a recent authentication (§12).
		if err := s.stampAuthenticated(tx, sess.ID); err != nil {
			return err
		}
		if err := s.spendResetLinks(tx, user.ID); err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.PasswordChanged(user.Email, user.FirstName, s.now()))
	})
	if err == nil {
		s.mailQueued()
		seclog.Log(ctx, seclog.Event{Name: seclog.PasswordChange, Outcome: seclog.Success, Target: user.ID.String(), Reason: "other_sessions_ended"})
	}
	return err
}

// checkPassword loads the session's user and checks password against their
// hash. A wrong one is logged as a failure of event (for reason) and refused
// on wrong, the field the person typed it in.
func (s *Service) checkPassword(ctx context.Context, sess *auth.Session, password, event, reason string, wrong apperr.FieldError) (UserView, error) {
	user, err := s.User(ctx, sess.Actor.ID)
	if err != nil {
		return UserView{}, err
	}
	if !s.Hasher.Verify(user.PasswordHash, password) {
		seclog.Log(ctx, seclog.Event{Name: event, Outcome: seclog.Failure, Target: user.ID.String(), Reason: reason})
		return UserView{}, apperr.Invalid(wrong)
	}
	return user, nil
}

// Reauthenticate checks the password of the session's user and stamps the
// session as recently authenticated (SPEC §12).
func (s *Service) Reauthenticate(ctx context.Context, sess *auth.Session, password string) error {
	user, err := s.checkPassword(ctx, sess, password, seclog.Reauthentication, "bad_password",
		apperr.Field("/password", "Le mot de passe est incorrect."))
	if err != nil {
		return err
	}
	if err := s.stampAuthenticated(s.DB.Conn(ctx), sess.ID); err != nil {
		return err
	}
	seclog.Log(ctx, seclog.Event{Name: seclog.Reauthentication, Outcome: seclog.Success, Target: user.ID.String()})
	return nil
}

// stampAuthenticated records that the session's user just entered their
// password.
func (s *Service) stampAuthenticated(tx *gorm.DB, sid uuid.UUID) error {
	return tx.Model(&store.Session{}).Where("id = ?", sid).Update("authenticated_at", s.now()).Error
}

func (s *Service) setPassword(tx *gorm.DB, u store.User, password string) error {
	hash, err := s.Hasher.Hash(password)
	if err != nil {
		return err
	}
	now := s.now()
	return tx.Model(&store.User{}).Where("id = ?", u.ID).
		Updates(map[string]any{"password_hash": hash, "password_changed_at": now, "updated_at": now}).Error
}

// spendResetLinks makes every pending reset link of the user worthless: once
// the password changed, a link still lying in a mailbox must not change it
// again (SPEC §17).
func (s *Service) spendResetLinks(tx *gorm.DB, userID uuid.UUID) error {
	return tx.Model(&store.OneTimeToken{}).
		Where("user_id = ? AND purpose = ? AND used_at IS NULL", userID, purposePasswordReset).
		Update("used_at", s.now()).Error
}

// RequestPasswordReset e-mails a single-use link when the account exists.
// The caller answers the same way in every case, so nobody learns whether
// an account exists.
func (s *Service) RequestPasswordReset(ctx context.Context, username, email string) error {
	if username == "" && email == "" {
		return apperr.Invalid(apperr.Field("/username", "Indiquez votre nom d'utilisateur ou votre adresse courriel."))
	}
	q := s.DB.Conn(ctx)
	if username != "" {
		q = q.Where("username_key = ?", FoldKey(username))
	} else {
		q = q.Where("email_key = ?", FoldKey(email))
	}
	var u store.User
	err := q.Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		seclog.Log(ctx, seclog.Event{Name: seclog.PasswordResetAsked, Outcome: seclog.Failure, Reason: "unknown_account"})
		return nil
	}
	if err != nil {
		return err
	}
	token, hash, err := auth.NewOpaqueToken()
	if err != nil {
		return err
	}
	now := s.now()
	ott := store.OneTimeToken{ID: uuid.New(), UserID: u.ID, Purpose: purposePasswordReset, TokenHash: hash, CreatedAt: now, ExpiresAt: now.Add(s.ResetTTL)}
	link := s.PublicURL + "/reinitialiser-mot-de-passe?jeton=" + url.QueryEscape(token)
	err = s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&ott).Error; err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.PasswordReset(u.Email, u.FirstName, link, s.ResetTTL))
	})
	if err == nil {
		s.mailQueued()
		seclog.Log(ctx, seclog.Event{Name: seclog.PasswordResetAsked, Outcome: seclog.Success, Target: u.ID.String()})
	}
	return err
}

var errBadResetToken = apperr.Invalid(apperr.Field("/token", "Ce lien de réinitialisation est invalide, expiré ou déjà utilisé. Faites une nouvelle demande."))

// ResetPassword sets a new password with a token received by e-mail. The
// token works once; every session of the account ends.
func (s *Service) ResetPassword(ctx context.Context, token, next string) error {
	hash := auth.HashOpaqueToken(token)
	var target uuid.UUID
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var ott store.OneTimeToken
		if err := store.TakeOr(tx.Where("token_hash = ? AND purpose = ?", hash, purposePasswordReset), &ott, errBadResetToken); err != nil {
			return err
		}
		now := s.now()
		if ott.UsedAt != nil || !now.Before(ott.ExpiresAt) {
			return errBadResetToken
		}
		var u store.User
		if err := tx.Where("id = ?", ott.UserID).Take(&u).Error; err != nil {
			return err
		}
		target = u.ID
		if fields := auth.CheckPolicy("/newPassword", next, u.Username, u.Email); len(fields) > 0 {
			return apperr.Invalid(fields...)
		}
		res := tx.Model(&store.OneTimeToken{}).Where("id = ? AND used_at IS NULL", ott.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errBadResetToken
		}
		if err := s.setPassword(tx, u, next); err != nil {
			return err
		}
		if err := s.revokeSessions(tx, "user_id = ?", []any{u.ID}, "password_reset"); err != nil {
			return err
		}
		if err := s.spendResetLinks(tx, u.ID); err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.PasswordChanged(u.Email, u.FirstName, now))
	})
	switch {
	case err == nil:
		s.mailQueued()
		seclog.Log(ctx, seclog.Event{Name: seclog.PasswordReset, Outcome: seclog.Success, Actor: target.String(), Target: target.String(),
			Reason: "sessions_and_other_links_ended"})
	case errors.Is(err, errBadResetToken):
		seclog.Log(ctx, seclog.Event{Name: seclog.PasswordReset, Outcome: seclog.Failure, Reason: "bad_token"})
	}
	return err
}

// RemindUsername e-mails the username tied to an address, if any.
func (s *Service) RemindUsername(ctx context.Context, email string) error {
	var users []store.User
	if err := s.DB.Conn(ctx).Where("email_key = ?", FoldKey(email)).Find(&users).Error; err != nil {
		return err
	}
	if len(users) == 0 {
		return nil
	}
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Username
	}
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		return mail.Enqueue(tx, mail.UsernameReminder(users[0].Email, names))
	})
	if err == nil {
		s.mailQueued()
	}
	return err
}
