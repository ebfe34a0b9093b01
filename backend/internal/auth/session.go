package auth

import (
	"context"
	"strings"

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

// FullName is "Prénom Nom", as the guide shows people: the one way the
// portal writes a name (activity log, exports, e-mails).
func (p Person) FullName() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

// Standing says whether, and why not, a session acts for a surveyor.
type Standing int

const (
	// Acting: Principal is set (the surveyor themself or a live délégant).
	Acting Standing = iota
	// NoDelegant: not a surveyor, and nobody has delegated to them (§4).
	NoDelegant
	// MustSelect: several délégants and none chosen yet (§4).
	MustSelect
	// DelegationEnded: the token acts for a surveyor whose delegation ended (§2.5).
	DelegationEnded
)

// Session is the immutable result of authenticating one request: who is
// logged in (Actor) and for whom they act (Principal, nil when nobody, with
// Standing saying why).
type Session struct {
	ID        uuid.UUID
	Actor     Person
	Principal *Person
	Standing  Standing
	// Channel is how the request came in (§13): the portal unless set
	// otherwise (an API token of §14 sets ChannelAPI). The activity log
	// records it with every entry the request writes.
	Channel Channel
	// Services are the service codes the delegation in force grants (§11);
	// nil when the actor acts for themself (every service). EndsOn is that
	// delegation's last day (YYYY-MM-DD, Québec), empty when undated.
	Services []string
	EndsOn   string
	// Service is the code of the service the request's operation belongs
	// to, when fixed by the operation; writes re-check it (delegation.Guard).
	Service string
}

// Channel is how an action reached the service (SPEC §13).
type Channel string

const (
	// ChannelWeb: the portal (a login session). The zero Channel means web.
	ChannelWeb Channel = "web"
	// ChannelAPI: surveyor-office software through an API token (§14).
	ChannelAPI Channel = "api"
)

// Via is the session's channel, web when unset.
func (s *Session) Via() Channel {
	if s == nil || s.Channel == "" {
		return ChannelWeb
	}
	return s.Channel
}

// ViaAPIToken tells whether the session was opened with an API token: it may
// not manage API tokens, change the password, or count as a recent
// authentication (§14).
func (s *Session) ViaAPIToken() bool { return s.Channel == ChannelAPI }

// ActsForSelf tells whether a surveyor acts in their own name.
func (s *Session) ActsForSelf() bool {
	return s.Principal != nil && s.Actor.IsSurveyor() && s.Principal.ID == s.Actor.ID
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

// Access is what a verified access token says: the session, its user and
// the surveyor it claims to act for (nil: none). Whether the session still
// holds and the claim still stands is decided against live data.
type Access struct {
	SessionID uuid.UUID
	UserID    uuid.UUID
	Claimed   *uuid.UUID
}
