package delegation

import (
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
)

// Grant is a delegation not ended, as loaded for one decision: who delegated
// to whom, which services (§11) and until which day (§11; "" for no end).
type Grant struct {
	ID         uuid.UUID
	DelegantID uuid.UUID
	DelegateID uuid.UUID
	Services   []string
	EndsOn     string
}

// Facts are what the live data says about one request's actor, loaded in
// one statement (see Loader). Decide reads nothing else.
type Facts struct {
	// With a claim (the token's acting-for): the claimed user as stored now
	// (Matricule empty when they are not, or no longer, a surveyor), nil when
	// no such user exists; and their delegation in force to the actor, nil
	// when there is none.
	Claimed      *auth.Person
	ClaimedGrant *Grant

	// Without a claim (§4's default): how many surveyors delegate to the
	// actor, and, when exactly one does, that surveyor and the delegation.
	Delegants    int
	OnlyDelegant *auth.Person
	OnlyGrant    *Grant

	// Now is the instant of the decision: a grant whose end date has passed
	// is no longer in force (§11), whether or not the deadline worker has
	// recorded its end yet.
	Now time.Time
}

// Decide is the one decision of who acts for whom (SPEC §2, §4). It is pure:
// the caller loads the facts against live data on every request, so a
// removal takes effect from the next request (§2.5).
//
//   - claimed is the actor: they act for themself if they are a surveyor.
//   - claimed is someone else: only while that surveyor's own delegation to
//     the actor is in force (§2.3: no re-delegation; §2.1: only a surveyor
//     delegates).
//   - nothing claimed: a surveyor acts for themself; a user with exactly one
//     délégant acts for that one; with several they must choose; with none
//     they may log in but act for nobody (§4).
func Decide(actor auth.Person, claimed *uuid.UUID, f Facts) (*auth.Person, auth.Standing) {
	if claimed != nil {
		if *claimed == actor.ID {
			// A surveyor acts in their own name (§4); nobody else can
			// claim themself (§2.6: no one is their own délégataire).
			if actor.IsSurveyor() {
				p := actor
				return &p, auth.Acting
			}
			return nil, auth.DelegationEnded
		}
		if p := granted(actor, *claimed, f.Claimed, f.ClaimedGrant, f.Now); p != nil {
			return p, auth.Acting
		}
		return nil, auth.DelegationEnded
	}
	if actor.IsSurveyor() {
		p := actor
		return &p, auth.Acting
	}
	switch {
	case f.Delegants == 0:
		return nil, auth.NoDelegant
	case f.Delegants == 1 && f.OnlyDelegant != nil:
		if p := granted(actor, f.OnlyDelegant.ID, f.OnlyDelegant, f.OnlyGrant, f.Now); p != nil {
			return p, auth.Acting
		}
		return nil, auth.NoDelegant
	default:
		return nil, auth.MustSelect
	}
}

// granted returns the délégant when g is their delegation in force to the
// actor and they hold surveyor status; nil otherwise.
func granted(actor auth.Person, delegantID uuid.UUID, delegant *auth.Person, g *Grant, now time.Time) *auth.Person {
	switch {
	case delegant == nil:
		return nil
	case g == nil: // removed or never given (§2.5)
		return nil
	case g.DelegantID != delegantID || g.DelegateID != actor.ID: // only the délégant's own grant counts (§2.3)
		return nil
	case !delegant.IsSurveyor(): // a former surveyor delegates nothing (§2.1)
		return nil
	case !InForce(g.EndsOn, now): // past its last day (§11)
		return nil
	}
	p := *delegant
	return &p
}

// DecideSession is Decide with what the session needs of the delegation used:
// its services and end date (§11); a surveyor acting for themself has every
// service (Services nil). Pure, like Decide.
func DecideSession(id uuid.UUID, actor auth.Person, claimed *uuid.UUID, f Facts) *auth.Session {
	sess := &auth.Session{ID: id, Actor: actor}
	sess.Principal, sess.Standing = Decide(actor, claimed, f)
	if sess.Principal == nil || sess.Principal.ID == actor.ID {
		return sess
	}
	g := f.OnlyGrant
	if claimed != nil {
		g = f.ClaimedGrant
	}
	sess.Services = append([]string{}, g.Services...)
	sess.EndsOn = g.EndsOn
	return sess
}
