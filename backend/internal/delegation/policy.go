// Package delegation holds the rules of SPEC §2 and §4: who may act for
// whom. Decide is the only place that decides it, from facts loaded in one
// statement; the services of the package add, end and list delegations.
package delegation

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// Delegation is one row of the delegations table. Ending one keeps the row.
type Delegation struct {
	ID         uuid.UUID `gorm:"type:uuid;primaryKey"`
	DelegantID uuid.UUID `gorm:"type:uuid"`
	DelegateID uuid.UUID `gorm:"type:uuid"`
	CreatedAt  time.Time
	CreatedBy  uuid.UUID `gorm:"type:uuid"`
	EndedAt    *time.Time
	EndedBy    *uuid.UUID `gorm:"type:uuid"`
	EndReason  *string
	// Services granted, comma-separated (§11); EndsOn the last day in force
	// (YYYY-MM-DD, Québec), nil when undated; ReminderSentAt when the
	// seven-day reminder was queued.
	Services       string
	EndsOn         *string
	ReminderSentAt *time.Time
}

// BeforeCreate grants every delegable service when none was named (the
// guide's behaviour, §11).
func (d *Delegation) BeforeCreate(*gorm.DB) error {
	if d.Services == "" {
		d.Services = encodeServices(DelegableServices)
	}
	return nil
}

// Scope is the delegation's services, decoded.
func (d Delegation) Scope() []string { return decodeServices(d.Services) }

// LastDay is the end date, "" when undated.
func (d Delegation) LastDay() string {
	if d.EndsOn == nil {
		return ""
	}
	return *d.EndsOn
}

// How a delegation ended.
const (
	EndRemoved   = "removed"   // the surveyor removed the délégataire
	EndRenounced = "renounced" // the délégataire gave it up
	EndExpired   = "expired"   // its end date passed (§11)
)

// Service applies the delegation rules.
type Service struct {
	DB         *store.DB
	Accounts   *accounts.Service
	MailQueued func()
	// Loader reads the facts of a decision; nil: SQL on DB.
	Loader Loader
	// ReauthWindow is how recent a password entry must be before granting
	// (§12); zero: DefaultReauthWindow.
	ReauthWindow time.Duration
	// Now is the clock (tests move it); nil: time.Now.
	Now func() time.Time

	loaderOnce sync.Once
	sqlLoader  *SQLLoader
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) mailQueued() {
	if s.MailQueued != nil {
		s.MailQueued()
	}
}

// Resolve decides, against live data, for whom actor acts; claimed is the
// surveyor the caller names, if any. The facts are read in one statement and
// Decide takes the decision.
func (s *Service) Resolve(ctx context.Context, actor auth.Person, claimed *uuid.UUID) (*auth.Person, auth.Standing, error) {
	l, err := s.loader().ForUser(ctx, actor.ID, claimed)
	if err != nil {
		return nil, 0, err
	}
	l.Facts.Now = s.now()
	p, standing := Decide(l.Actor, claimed, l.Facts)
	return p, standing, nil
}

// DefaultActingFor is whom a new session acts for (§4): the surveyor
// themself, or the only délégant of a non-surveyor; nil otherwise.
func (s *Service) DefaultActingFor(ctx context.Context, userID uuid.UUID) (*uuid.UUID, error) {
	l, err := s.loader().ForUser(ctx, userID, nil)
	if err != nil {
		return nil, err
	}
	l.Facts.Now = s.now()
	p, standing := Decide(l.Actor, nil, l.Facts)
	if standing != auth.Acting {
		return nil, nil
	}
	return &p.ID, nil
}

// Guard is called inside the transaction of every action done for a
// surveyor by someone else. It locks the delegation row, so a removal or a
// narrowing that races the action either commits first (and the action is
// refused) or waits until the action has committed: nothing is done in a
// surveyor's name after the removal, past the end date, or outside the
// services granted (§11). The service checked is the operation's
// (sess.Service).
func (s *Service) Guard(tx *gorm.DB, sess *auth.Session) error {
	_, err := s.Lock(tx, sess)
	return err
}

// Locked is the delegation an action runs under, as read under lock: what
// it grants is checked in memory for a service known only once the data is
// loaded (a dossier's kind), without reading the row again.
type Locked struct {
	services []string // nil: a surveyor acting for themself
}

// Check refuses, with service_not_delegated, a service the delegation read
// under lock does not grant.
func (g Locked) Check(service string) error {
	if !Grants(g.services, service) {
		return ErrServiceNotDelegated
	}
	return nil
}

// Lock is Guard that also answers the delegation it read, for the service
// checks that follow in the same transaction (Locked.Check).
func (s *Service) Lock(tx *gorm.DB, sess *auth.Session) (Locked, error) {
	if sess.Principal == nil {
		return Locked{}, ErrNotActive
	}
	if sess.Principal.ID == sess.Actor.ID {
		return Locked{}, nil
	}
	q := tx.Where("delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", sess.Principal.ID, sess.Actor.ID)
	if s.DB.Dialect == store.Postgres {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	var d Delegation
	if err := store.TakeOr(q, &d, ErrNotActive); err != nil {
		return Locked{}, err
	}
	if !InForce(d.LastDay(), s.now()) {
		return Locked{}, ErrNotActive
	}
	g := Locked{services: d.Scope()}
	return g, g.Check(sess.Service)
}

// The refusals of §4 and §2.5, with their stable codes.
var (
	// NoDelegationMessage is the guide's message, word for word.
	NoDelegationMessage = "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom. Veuillez communiquer avec un arpenteur-géomètre et attendre le courriel de confirmation vous informant que l'arpenteur-géomètre délégant vous a désigné comme délégataire."

	ErrNoDelegation = apperr.Forbidden(api.ProblemCodeNoDelegation, NoDelegationMessage)
	ErrMustSelect   = apperr.Forbidden(api.ProblemCodeDelegantSelectionRequired,
		"Sélectionnez d'abord l'arpenteur-géomètre pour qui vous agissez : POST /api/v1/auth/acting-for, ou delegantId à l'échange d'un jeton d'intégration (dans le portail : Délégation ▸ Sélection d'un délégant).")
	ErrNotActive = apperr.Forbidden(api.ProblemCodeDelegationNotActive,
		"La délégation de cet arpenteur-géomètre n'est plus en vigueur. Sélectionnez un autre délégant : POST /api/v1/auth/acting-for, ou delegantId à l'échange d'un jeton d'intégration (dans le portail : Délégation ▸ Sélection d'un délégant).")
	ErrSurveyorOnly = apperr.Forbidden(api.ProblemCodeSurveyorOnly,
		"Cette opération est réservée à l'arpenteur-géomètre agissant en son propre nom.")
)

// RefusalFor explains why a session may not use a delegable service.
func RefusalFor(standing auth.Standing) error {
	switch standing {
	case auth.NoDelegant:
		return ErrNoDelegation
	case auth.MustSelect:
		return ErrMustSelect
	default:
		return ErrNotActive
	}
}
