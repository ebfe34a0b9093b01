package auth

import (
	"context"

	"github.com/google/uuid"
)

// Person is who a session is about: a user, and their matricule when they
// are a surveyor.
type Person struct {
	ID        uuid.UUID
	Username  string
	FirstName string
	LastName  string
	Matricule string // empty when not a surveyor
	IsAdmin   bool
}

// IsSurveyor tells whether the person holds a matricule.
func (p Person) IsSurveyor() bool { return p.Matricule != "" }

// FullName is "Prénom Nom".
func (p Person) FullName() string { return p.FirstName + " " + p.LastName }

// Session is the immutable result of authenticating one request: who is
// logged in (Actor) and for whom they act (Principal, nil when nobody).
type Session struct {
	ID        uuid.UUID
	Actor     Person
	Principal *Person
}

type sessionKey struct{}

// WithSession returns ctx carrying s.
func WithSession(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, sessionKey{}, s)
}

// FromContext returns the request's session, if authenticated.
func FromContext(ctx context.Context) (*Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(*Session)
	return s, ok && s != nil
}
