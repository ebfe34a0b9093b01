// Package accounts runs the life of an identifiant (SPEC §1): sign-up,
// sessions (login, refresh rotation, logout), password change and recovery,
// and the administrator's grant of surveyor status.
package accounts

import (
	"context"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/mail"
	"espace/backend/internal/store"
)

// Service holds what the account operations need.
type Service struct {
	DB         *store.DB
	Hasher     auth.Hasher
	Tokens     *auth.TokenIssuer
	SessionTTL time.Duration // absolute lifetime of a login
	ResetTTL   time.Duration // lifetime of a password reset link
	PublicURL  string        // base of the links put in e-mails
	MailQueued func()        // wakes the mail worker after a commit that queued mail

	// DefaultActingFor tells, at login, whom a new session acts for by
	// default (SPEC §4); nil leaves the choice open.
	DefaultActingFor func(ctx context.Context, userID uuid.UUID) (*uuid.UUID, error)

	// Now is the clock of sessions and passwords (tests move it); nil: time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) mailQueued() {
	if s.MailQueued != nil {
		s.MailQueued()
	}
}

// FoldKey is the case-insensitive form used for unique usernames and e-mails.
func FoldKey(v string) string {
	return strings.ToLower(norm.NFKC.String(strings.TrimSpace(v)))
}

// SignUpInput is the « Création d'un identifiant » form.
type SignUpInput struct {
	Username, Email, FirstName, LastName, Password string
}

// UserView is a user with their surveyor status.
type UserView struct {
	store.User
	Matricule string // empty when not a surveyor
}

// SignUp creates an identifiant and queues the welcome e-mail in the same
// transaction.
func (s *Service) SignUp(ctx context.Context, in SignUpInput) (UserView, error) {
	in.Username = strings.TrimSpace(in.Username)
	in.Email = strings.TrimSpace(in.Email)
	in.FirstName = strings.TrimSpace(norm.NFC.String(in.FirstName))
	in.LastName = strings.TrimSpace(norm.NFC.String(in.LastName))

	var fields []apperr.FieldError
	if in.FirstName == "" {
		fields = append(fields, apperr.Field("/firstName", "Le prénom est obligatoire."))
	}
	if in.LastName == "" {
		fields = append(fields, apperr.Field("/lastName", "Le nom est obligatoire."))
	}
	if !ValidEmail(in.Email) {
		fields = append(fields, apperr.Field("/email", "L'adresse courriel n'est pas valide."))
	}
	fields = append(fields, auth.CheckPolicy("/password", in.Password, in.Username, in.Email)...)
	if len(fields) > 0 {
		return UserView{}, apperr.Invalid(fields...)
	}
	hash, err := s.Hasher.Hash(in.Password)
	if err != nil {
		return UserView{}, err
	}
	now := s.now()
	u := store.User{
		ID: uuid.New(), Username: in.Username, UsernameKey: FoldKey(in.Username),
		Email: in.Email, EmailKey: FoldKey(in.Email), FirstName: in.FirstName, LastName: in.LastName,
		PasswordHash: hash, PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now,
	}
	err = s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := s.checkFree(tx, u); err != nil {
			return err
		}
		if err := tx.Create(&u).Error; err != nil {
			if store.IsUniqueViolation(err) {
				// Lost a race with another sign-up: report it like checkFree does.
				return s.checkFree(tx, u)
			}
			return err
		}
		return mail.Enqueue(tx, mail.Welcome(u.Email, u.FirstName, u.Username))
	})
	if err != nil {
		return UserView{}, err
	}
	s.mailQueued()
	return UserView{User: u}, nil
}

// checkFree reports, field by field, a username or e-mail already taken.
func (s *Service) checkFree(tx *gorm.DB, u store.User) error {
	var fields []apperr.FieldError
	var n int64
	if err := tx.Model(&store.User{}).Where("username_key = ?", u.UsernameKey).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		fields = append(fields, apperr.Field("/username", "Ce nom d'utilisateur est déjà utilisé."))
	}
	if err := tx.Model(&store.User{}).Where("email_key = ?", u.EmailKey).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		fields = append(fields, apperr.Field("/email", "Cette adresse courriel est déjà associée à un identifiant."))
	}
	if len(fields) > 0 {
		return apperr.Conflict("Ce nom d'utilisateur ou cette adresse courriel est déjà utilisé.", fields...)
	}
	return nil
}

// ValidEmail tells whether v is a plain e-mail address with a dotted domain.
func ValidEmail(v string) bool {
	if len(v) > 254 || strings.ContainsAny(v, " <>\"") {
		return false
	}
	a, err := netmail.ParseAddress(v)
	if err != nil || a.Address != v {
		return false
	}
	at := strings.LastIndex(v, "@")
	return at > 0 && strings.Contains(v[at+1:], ".")
}

var errUserNotFound = apperr.NotFound("Utilisateur introuvable.")

// User loads one user with their surveyor status, in one query: it runs on
// every authenticated request.
func (s *Service) User(ctx context.Context, id uuid.UUID) (UserView, error) {
	var row userRow
	if err := store.TakeOr(usersWithMatricule(s.DB.Conn(ctx)).Where("users.id = ?", id), &row, errUserNotFound); err != nil {
		return UserView{}, err
	}
	return row.view(), nil
}
