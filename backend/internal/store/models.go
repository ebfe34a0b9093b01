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

// FullName is "Prénom Nom", as the guide shows people.
func (u User) FullName() string { return u.FirstName + " " + u.LastName }

// Surveyor marks a user as arpenteur-géomètre, with their matricule.
type Surveyor struct {
	UserID    uuid.UUID `gorm:"type:uuid;primaryKey"`
	Matricule string
	GrantedAt time.Time
	GrantedBy *uuid.UUID `gorm:"type:uuid"`
}

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
}

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
}

func (OutboxMessage) TableName() string { return "outbox" }
