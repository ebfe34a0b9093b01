package store

import (
	"time"

	"github.com/google/uuid"
)

// User is an identifiant of the portal (SPEC §1).
type User struct {
	ID                uuid.UUID `gorm:"type:uuid;primaryKey"`
	Username          string
	UsernameKey       string
	Email             string
	EmailKey          string
	FirstName         string
	LastName          string
	PasswordHash      string
	PasswordChangedAt time.Time
	IsAdmin           bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Surveyor marks a user as arpenteur-géomètre, with their matricule.
// Withdrawing the status keeps the row (§13): WithdrawnAt and WithdrawnBy
// say when and by whom. A withdrawn row delegates nothing and acts for
// nobody, so every read of surveyors filters ActiveSurveyor.
type Surveyor struct {
	UserID      uuid.UUID `gorm:"type:uuid;primaryKey"`
	Matricule   string
	GrantedAt   time.Time
	GrantedBy   *uuid.UUID `gorm:"type:uuid"`
	WithdrawnAt *time.Time
	WithdrawnBy *uuid.UUID `gorm:"type:uuid"`
}

// ActiveSurveyor is the condition a surveyors row in office meets.
const ActiveSurveyor = "withdrawn_at IS NULL"

// SystemUserID is the named actor of command-line actions, « Système (ligne
// de commande) », created by the migrations; nobody can log in as it.
var SystemUserID = uuid.MustParse("00000000-0000-4000-8000-00000000c11a")

// Session is one login; every access token names it and is refused once the
// session is revoked or expired.
type Session struct {
	ID              uuid.UUID  `gorm:"type:uuid;primaryKey"`
	UserID          uuid.UUID  `gorm:"type:uuid"`
	ActingForUserID *uuid.UUID `gorm:"type:uuid"`
	CreatedAt       time.Time
	LastUsedAt      time.Time
	ExpiresAt       time.Time
	RevokedAt       *time.Time
	RevokedReason   *string
	AuthenticatedAt *time.Time // when the password was last entered in this session (§12)
	ClientIP        string
	UserAgent       string
	// Channel is auth.ChannelWeb for a login, auth.ChannelAPI for a session
	// opened by exchanging an API token (§14), which APITokenID then names.
	Channel    string
	APITokenID *uuid.UUID `gorm:"column:api_token_id;type:uuid"`
}

// APIToken is a long-lived secret of surveyor-office software (§14), stored
// hashed. ExpiresOn is its last day (Québec calendar, YYYY-MM-DD); ExpiresAt
// the instant it ends, 00:00 America/Toronto the day after.
type APIToken struct {
	ID         uuid.UUID `gorm:"type:uuid;primaryKey"`
	UserID     uuid.UUID `gorm:"type:uuid"`
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	ExpiresOn  string
	ExpiresAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName is api_tokens (GORM would say a_p_i_tokens).
func (APIToken) TableName() string { return "api_tokens" }

// RefreshToken is stored hashed; rotated tokens are kept to detect reuse.
type RefreshToken struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey"`
	SessionID uuid.UUID `gorm:"type:uuid"`
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	RotatedAt *time.Time
}

// OneTimeToken is a single-use, expiring secret sent by e-mail.
type OneTimeToken struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey"`
	UserID    uuid.UUID `gorm:"type:uuid"`
	Purpose   string
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// OutboxMessage is an e-mail waiting for (or done with) the SMTP worker.
type OutboxMessage struct {
	ID            int64 `gorm:"primaryKey"`
	Recipient     string
	Subject       string
	TextBody      string
	HTMLBody      string
	CreatedAt     time.Time
	Attempts      int
	NextAttemptAt time.Time
	LastAttemptAt *time.Time
	LastError     string
	SentAt        *time.Time
	// TraceParent is the W3C traceparent of the span that queued the
	// message, for the delivery span to link to; nil outside a trace.
	TraceParent *string
}

func (OutboxMessage) TableName() string { return "outbox" }
