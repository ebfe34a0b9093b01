package delegation

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/mail"
	"espace/backend/internal/store"
)

// FirstDelegatePasswordAge is how recent a password change must be before a
// surveyor registers their first délégataire (§5).
const FirstDelegatePasswordAge = 24 * time.Hour

// DelegateView is a délégataire as their surveyor sees them.
type DelegateView struct {
	User           store.User
	Since          time.Time
	LastActivityAt *time.Time
}

// DelegantView is a surveyor the user may act for.
type DelegantView struct {
	Person auth.Person
	Since  *time.Time // nil for the surveyor themself
	Self   bool
}

var errPasswordChangeRequired = apperr.Forbidden("password_change_required",
	"Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre.")

// Add makes delegateID a délégataire of the surveyor acting for themself.
// The activity row and both e-mails are written in the same transaction.
func (s *Service) Add(ctx context.Context, sess *auth.Session, delegateID uuid.UUID) (DelegateView, error) {
	if !sess.ActsForSelf() {
		return DelegateView{}, ErrSurveyorOnly
	}
	surveyor := sess.Actor
	if delegateID == surveyor.ID {
		return DelegateView{}, &apperr.Error{Kind: apperr.KindUnprocessable, Code: "cannot_delegate_to_self",
			Title:  "Vous ne pouvez pas vous désigner vous-même comme délégataire.",
			Fields: []apperr.FieldError{apperr.Field("/userId", "Choisissez une autre personne que vous-même.")}}
	}
	var out DelegateView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var delegate store.User
		err := tx.Where("id = ?", delegateID).Take(&delegate).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return &apperr.Error{Kind: apperr.KindNotFound, Code: "not_found", Title: "Utilisateur introuvable.",
				Fields: []apperr.FieldError{apperr.Field("/userId", "Aucun utilisateur ne correspond à cet identifiant.")}}
		}
		if err != nil {
			return err
		}
		var me store.User
		if err := tx.Where("id = ?", surveyor.ID).Take(&me).Error; err != nil {
			return err
		}
		var before int64
		if err := tx.Model(&Delegation{}).Where("delegant_id = ?", surveyor.ID).Count(&before).Error; err != nil {
			return err
		}
		if before == 0 && time.Since(me.PasswordChangedAt) > FirstDelegatePasswordAge {
			return errPasswordChangeRequired
		}
		now := time.Now().UTC()
		d := Delegation{ID: uuid.New(), DelegantID: surveyor.ID, DelegateID: delegateID, CreatedAt: now, CreatedBy: surveyor.ID}
		if err := tx.Create(&d).Error; err != nil {
			if store.IsUniqueViolation(err) {
				return apperr.Conflict("Cette personne est déjà votre délégataire.",
					apperr.Field("/userId", "Cette personne est déjà votre délégataire."))
			}
			return err
		}
		if err := activity.Record(tx, activity.DelegateAdded, surveyor, surveyor, "", activity.Detail(delegate.FullName())); err != nil {
			return err
		}
		if err := mail.Enqueue(tx,
			mail.DelegateAddedToSurveyor(me.Email, me.FirstName, delegate.FullName()),
			mail.DelegateAddedToDelegate(delegate.Email, delegate.FirstName, me.FullName(), surveyor.Matricule),
		); err != nil {
			return err
		}
		out = DelegateView{User: delegate, Since: now}
		return nil
	})
	if err == nil {
		s.mailQueued()
	}
	return out, err
}

// Remove ends a délégataire's delegation at once (§2.5) and tells them.
func (s *Service) Remove(ctx context.Context, sess *auth.Session, delegateID uuid.UUID) error {
	if !sess.ActsForSelf() {
		return ErrSurveyorOnly
	}
	surveyor := sess.Actor
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		delegate, err := s.end(tx, surveyor.ID, delegateID, surveyor.ID, EndRemoved)
		if err != nil {
			return err
		}
		if err := activity.Record(tx, activity.DelegateRemoved, surveyor, surveyor, "", activity.Detail(delegate.FullName())); err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.DelegateRemovedToDelegate(delegate.Email, delegate.FirstName, surveyor.FullName(), surveyor.Matricule))
	})
	if err == nil {
		s.mailQueued()
	}
	return err
}

// Renounce lets a délégataire give up acting for a surveyor; the surveyor is
// told by e-mail.
func (s *Service) Renounce(ctx context.Context, actor auth.Person, delegantID uuid.UUID) error {
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if _, err := s.end(tx, delegantID, actor.ID, actor.ID, EndRenounced); err != nil {
			return err
		}
		surveyorView, err := s.Accounts.User(ctx, delegantID)
		if err != nil {
			return err
		}
		surveyor := accounts.Person(surveyorView)
		if err := activity.Record(tx, activity.DelegationRenounced, actor, surveyor, "", activity.Detail(surveyor.FullName())); err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.DelegationRenouncedToSurveyor(surveyorView.Email, surveyor.FirstName, actor.FullName()))
	})
	if err == nil {
		s.mailQueued()
	}
	return err
}

// end closes the active delegation of the pair, or reports 404.
func (s *Service) end(tx *gorm.DB, delegantID, delegateID, by uuid.UUID, reason string) (store.User, error) {
	now := time.Now().UTC()
	res := tx.Model(&Delegation{}).
		Where("delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", delegantID, delegateID).
		Updates(map[string]any{"ended_at": now, "ended_by": by, "end_reason": reason})
	if res.Error != nil {
		return store.User{}, res.Error
	}
	if res.RowsAffected == 0 {
		return store.User{}, apperr.NotFound("Aucune délégation en vigueur ne correspond.")
	}
	var delegate store.User
	err := tx.Where("id = ?", delegateID).Take(&delegate).Error
	return delegate, err
}

// ListDelegates returns the surveyor's active délégataires, by name, with the
// date of their last activity in the surveyor's name.
func (s *Service) ListDelegates(ctx context.Context, sess *auth.Session) ([]DelegateView, error) {
	if !sess.ActsForSelf() {
		return nil, ErrSurveyorOnly
	}
	// One query: each délégataire with the date of their last action in
	// the surveyor's name (the activity log's actor index answers it).
	var rows []struct {
		store.User
		Since          store.NullTime
		LastActivityAt store.NullTime
	}
	err := s.DB.Conn(ctx).Table("delegations").
		Select("users.*, delegations.created_at AS since, (SELECT max(a.occurred_at) FROM activities a "+
			"WHERE a.actor_id = delegations.delegate_id AND a.principal_id = delegations.delegant_id) AS last_activity_at").
		Joins("JOIN users ON users.id = delegations.delegate_id").
		Where("delegations.delegant_id = ? AND delegations.ended_at IS NULL", sess.Actor.ID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]DelegateView, len(rows))
	for i, r := range rows {
		out[i] = DelegateView{User: r.User, Since: r.Since.Time, LastActivityAt: r.LastActivityAt.Ptr()}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].User, out[j].User
		if !strings.EqualFold(a.LastName, b.LastName) {
			return strings.ToLower(a.LastName) < strings.ToLower(b.LastName)
		}
		return strings.ToLower(a.FirstName) < strings.ToLower(b.FirstName)
	})
	return out, nil
}

// delegantsOf returns the surveyors who actively delegate to userID, by
// matricule, in one query (it runs on requests that claim no délégant). A
// délégant who lost surveyor status delegates nothing (§2.1): the inner join
// on surveyors in office leaves them out (a withdrawn row stays, §13).
func (s *Service) delegantsOf(ctx context.Context, userID uuid.UUID) ([]DelegantView, error) {
	var rows []struct {
		store.User
		Matricule string
		Since     time.Time
	}
	err := s.DB.Conn(ctx).Table("delegations").
		Select("users.*, surveyors.matricule, delegations.created_at AS since").
		Joins("JOIN users ON users.id = delegations.delegant_id").
		Joins("JOIN surveyors ON surveyors.user_id = delegations.delegant_id AND surveyors.withdrawn_at IS NULL").
		Where("delegations.delegate_id = ? AND delegations.ended_at IS NULL", userID).
		Order("surveyors.matricule").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]DelegantView, len(rows))
	for i, r := range rows {
		since := r.Since
		out[i] = DelegantView{Person: accounts.Person(accounts.UserView{User: r.User, Matricule: r.Matricule}), Since: &since}
	}
	return out, nil
}

// ListDelegants returns whom the actor may act for: themself first when they
// are a surveyor, then their délégants by matricule.
func (s *Service) ListDelegants(ctx context.Context, actor auth.Person) ([]DelegantView, error) {
	delegants, err := s.delegantsOf(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	if actor.IsSurveyor() {
		delegants = append([]DelegantView{{Person: actor, Self: true}}, delegants...)
	}
	return delegants, nil
}

// Select checks that the actor may act for principalID (themself when a
// surveyor, or a live délégant) and returns that surveyor.
func (s *Service) Select(ctx context.Context, actor auth.Person, principalID uuid.UUID) (*auth.Person, error) {
	p, standing, err := s.Resolve(ctx, actor, &principalID)
	if err != nil {
		return nil, err
	}
	if standing != auth.Acting {
		return nil, &apperr.Error{Kind: apperr.KindForbidden, Code: "delegation_not_active",
			Title:  "Vous n'êtes pas délégataire de cet arpenteur-géomètre.",
			Fields: []apperr.FieldError{apperr.Field("/delegantId", "Choisissez un arpenteur-géomètre qui vous a désigné comme délégataire.")}}
	}
	return p, nil
}

// SearchCandidate finds the one user whose username or e-mail is exactly
// the one given (case aside). It reveals nothing more than that match.
func (s *Service) SearchCandidate(ctx context.Context, username, email string) (*store.User, error) {
	if (username == "") == (email == "") {
		return nil, apperr.Invalid(apperr.Field("/username", "Indiquez soit un nom d'utilisateur, soit une adresse courriel."))
	}
	q := s.DB.Conn(ctx)
	if username != "" {
		q = q.Where("username_key = ?", accounts.FoldKey(username))
	} else {
		q = q.Where("email_key = ?", accounts.FoldKey(email))
	}
	var u store.User
	err := q.Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &u, err
}
