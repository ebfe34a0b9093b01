// Package delegation holds the rules of SPEC §2 and §4: who may act for
// whom. Resolve is the only place that decides it; the services of the
// package add, end and list delegations.
package delegation

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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
}

// How a delegation ended.
const (
	EndRemoved   = "removed"   // the surveyor removed the délégataire
	EndRenounced = "renounced" // the délégataire gave it up
)

// Service applies the delegation rules.
type Service struct {
	DB         *store.DB
	Accounts   *accounts.Service
	MailQueued func()
}

func (s *Service) mailQueued() {
	if s.MailQueued != nil {
		s.MailQueued()
	}
}

// Resolve decides, against live data, for whom actor acts in this request.
// claimed is the surveyor named by the token's acting-for claim, if any.
//
//   - claimed is the actor: they act for themself if they are a surveyor.
//   - claimed is someone else: only while that surveyor's delegation to the
//     actor is active (§2.5: removal takes effect on the next request).
//   - nothing claimed: a surveyor acts for themself; a user with exactly one
//     délégant acts for that one; with several they must choose; with none
//     they may log in but act for nobody (§4).
func (s *Service) Resolve(ctx context.Context, actor auth.Person, claimed *uuid.UUID) (*auth.Person, auth.Standing, error) {
	if claimed != nil {
		if *claimed == actor.ID {
			if actor.IsSurveyor() {
				p := actor
				return &p, auth.Acting, nil
			}
			return nil, auth.DelegationEnded, nil
		}
		p, err := s.activeDelegant(ctx, *claimed, actor.ID)
		if err != nil {
			return nil, 0, err
		}
		if p == nil {
			return nil, auth.DelegationEnded, nil
		}
		return p, auth.Acting, nil
	}
	if actor.IsSurveyor() {
		p := actor
		return &p, auth.Acting, nil
	}
	delegants, err := s.delegantsOf(ctx, actor.ID)
	if err != nil {
		return nil, 0, err
	}
	switch len(delegants) {
	case 0:
		return nil, auth.NoDelegant, nil
	case 1:
		p := delegants[0].Person
		return &p, auth.Acting, nil
	default:
		return nil, auth.MustSelect, nil
	}
}

// DefaultActingFor is whom a new session acts for (§4): the surveyor
// themself, or the only délégant of a non-surveyor; nil otherwise.
func (s *Service) DefaultActingFor(ctx context.Context, userID uuid.UUID) (*uuid.UUID, error) {
	u, err := s.Accounts.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	p, standing, err := s.Resolve(ctx, accounts.Person(u), nil)
	if err != nil || standing != auth.Acting {
		return nil, err
	}
	return &p.ID, nil
}

// activeDelegant returns the surveyor delegantID when their delegation to
// delegateID is active and they still hold surveyor status.
func (s *Service) activeDelegant(ctx context.Context, delegantID, delegateID uuid.UUID) (*auth.Person, error) {
	var d Delegation
	err := s.DB.Conn(ctx).Where("delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", delegantID, delegateID).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	u, err := s.Accounts.User(ctx, delegantID)
	if err != nil {
		return nil, err
	}
	if u.Matricule == "" {
		return nil, nil // a former surveyor delegates nothing (§2.1)
	}
	p := accounts.Person(u)
	return &p, nil
}

// Guard is called inside the transaction of every action done for a
// surveyor by someone else. It locks the delegation row, so a removal that
// races the action either commits first (and the action is refused) or
// waits until the action has committed: nothing is done in a surveyor's name
// after the removal.
func (s *Service) Guard(tx *gorm.DB, sess *auth.Session) error {
	if sess.Principal == nil {
		return ErrNotActive
	}
	if sess.Principal.ID == sess.Actor.ID {
		return nil
	}
	q := tx.Where("delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", sess.Principal.ID, sess.Actor.ID)
	if s.DB.Dialect == store.Postgres {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	var d Delegation
	err := q.Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotActive
	}
	return err
}

// The refusals of §4 and §2.5, with their stable codes.
var (
	// NoDelegationMessage is the guide's message, word for word.
	NoDelegationMessage = "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom. Veuillez communiquer avec un arpenteur-géomètre et attendre le courriel de confirmation vous informant que l'arpenteur-géomètre délégant vous a désigné comme délégataire."

	ErrNoDelegation = apperr.Forbidden("no_delegation", NoDelegationMessage)
	ErrMustSelect   = apperr.Forbidden("delegant_selection_required",
		"Sélectionnez d'abord l'arpenteur-géomètre pour qui vous agissez (Délégation ▸ Sélection d'un délégant).")
	ErrNotActive = apperr.Forbidden("delegation_not_active",
		"La délégation de cet arpenteur-géomètre n'est plus en vigueur. Sélectionnez un autre délégant.")
	ErrSurveyorOnly = apperr.Forbidden("surveyor_only",
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
