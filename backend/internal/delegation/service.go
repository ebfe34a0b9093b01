package delegation

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/mail"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// FirstDelegatePasswordAge is how recent a password change must be before a
// surveyor registers their first délégataire (§5).
const FirstDelegatePasswordAge = 24 * time.Hour

// DefaultReauthWindow is how recent a password entry must be before
// granting (§12), unless configured otherwise.
const DefaultReauthWindow = 10 * time.Minute

// DelegateView is a délégataire as their surveyor sees them: who they are
// (never more of their account) and what they were granted.
type DelegateView struct {
	accounts.Contact
	Since          time.Time
	LastActivityAt *time.Time
	Services       []string
	EndsOn         string // "" when undated
}

// DelegantView is a surveyor the user may act for.
type DelegantView struct {
	Person   auth.Person
	Since    *time.Time // nil for the surveyor themself
	Self     bool
	Services []string // every delegable service for the surveyor themself
	EndsOn   string
}

// Terms are what a surveyor grants: services (nil: every delegable
// service) and an optional last day (§11).
type Terms struct {
	Services []string
	EndsOn   string // "" for none
}

// Change is a modification of a delegation: nil Services keeps them;
// SetEndsOn false keeps the end date, true sets it to EndsOn ("" removes it).
type Change struct {
	Services  []string
	SetEndsOn bool
	EndsOn    string
}

var errReauthRequired = apperr.Forbidden(api.ProblemCodeReauthenticationRequired,
	"Confirmez votre identité : entrez de nouveau votre mot de passe pour poursuivre (POST /api/v1/auth/reauthentication, puis refaites la demande).")

// RequireRecentAuth is the one check of §12: the session's user entered
// their password (login, reauthentication, password change) within the
// window. Whatever kind of session may exist, this is where it is decided
// whether it can satisfy §12.
func (s *Service) RequireRecentAuth(tx *gorm.DB, sess *auth.Session) error {
	if sess.ViaAPIToken() {
		// Office software never proves the surveyor is at the keyboard (§14).
		return errReauthRequired
	}
	window := s.ReauthWindow
	if window <= 0 {
		window = DefaultReauthWindow
	}
	var row struct{ AuthenticatedAt store.NullTime }
	if err := store.TakeOr(tx.Model(&store.Session{}).Select("authenticated_at").Where("id = ?", sess.ID), &row, errReauthRequired); err != nil {
		return err
	}
	at := row.AuthenticatedAt.Ptr()
	if at == nil || s.now().Sub(*at) > window {
		return errReauthRequired
	}
	return nil
}

// reminderDue tells whether the seven-day reminder of an end date is already
// due at now: a delegation given or changed to end within seven days is not
// reminded (its parties just set the date).
func reminderDue(endsOn string, now time.Time) bool {
	if endsOn == "" {
		return false
	}
	return endsOn <= quebec.Today(now).AddDate(0, 0, ReminderDays).Format(time.DateOnly)
}

var errPasswordChangeRequired = apperr.Forbidden(api.ProblemCodePasswordChangeRequired,
	"Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre (PUT /api/v1/me/password).")

// Add makes delegateID a délégataire of the surveyor acting for themself.
// The activity row and both e-mails are written in the same transaction.
func (s *Service) Add(ctx context.Context, sess *auth.Session, delegateID uuid.UUID, terms Terms) (DelegateView, error) {
	if !sess.ActsForSelf() {
		return DelegateView{}, ErrSurveyorOnly
	}
	services := DelegableServices
	if terms.Services != nil {
		var err error
		if services, err = CheckServices("/services", terms.Services); err != nil {
			return DelegateView{}, err
		}
	}
	if terms.EndsOn != "" {
		if _, err := CheckEndsOn("/endsOn", terms.EndsOn, s.now()); err != nil {
			return DelegateView{}, err
		}
	}
	surveyor := sess.Actor
	if delegateID == surveyor.ID {
		return DelegateView{}, apperr.Unprocessable(api.ProblemCodeCannotDelegateToSelf,
			"Vous ne pouvez pas vous désigner vous-même comme délégataire.",
			apperr.Field("/userId", "Choisissez une autre personne que vous-même."))
	}
	var out DelegateView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var delegate store.User
		if err := store.TakeOr(tx.Where("id = ?", delegateID), &delegate,
			apperr.NotFound("Utilisateur introuvable.",
				apperr.Field("/userId", "Aucun utilisateur ne correspond à cet identifiant."))); err != nil {
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
		if before == 0 && s.now().Sub(me.PasswordChangedAt) > FirstDelegatePasswordAge {
			return errPasswordChangeRequired
		}
		if err := s.RequireRecentAuth(tx, sess); err != nil {
			return err
		}
		now := s.now().UTC()
		d := Delegation{ID: uuid.New(), DelegantID: surveyor.ID, DelegateID: delegateID, CreatedAt: now, CreatedBy: surveyor.ID,
			Services: encodeServices(services)}
		if terms.EndsOn != "" {
			d.EndsOn = &terms.EndsOn
			if reminderDue(terms.EndsOn, now) {
				d.ReminderSentAt = &now
			}
		}
		if err := tx.Create(&d).Error; err != nil {
			if store.IsUniqueViolation(err) {
				return apperr.Conflict("Cette personne est déjà votre délégataire.",
					apperr.Field("/userId", "Cette personne est déjà votre délégataire."))
			}
			return err
		}
		name := nameOf(delegate)
		if err := activity.Record(tx, activity.DelegateAdded, surveyor, surveyor, "", activity.Detail(name)); err != nil {
			return err
		}
		if err := mail.Enqueue(tx,
			mail.DelegateAddedToSurveyor(me.Email, me.FirstName, name),
			mail.DelegateAddedToDelegate(delegate.Email, delegate.FirstName, nameOf(me), surveyor.Matricule),
		); err != nil {
			return err
		}
		out = DelegateView{Contact: accounts.ContactOf(delegate), Since: now, Services: services, EndsOn: terms.EndsOn}
		return nil
	})
	if err == nil {
		s.mailQueued()
	}
	return out, err
}

// Update changes the services or the end date of a délégataire's
// delegation (§11). Granting more (a service added, an end date moved later
// or removed) needs a recent authentication (§12); narrowing does not. The
// row is locked, so an action racing the change sees it before or after.
func (s *Service) Update(ctx context.Context, sess *auth.Session, delegateID uuid.UUID, c Change) (DelegateView, error) {
	if !sess.ActsForSelf() {
		return DelegateView{}, ErrSurveyorOnly
	}
	now := s.now()
	if c.Services != nil {
		var err error
		if c.Services, err = CheckServices("/services", c.Services); err != nil {
			return DelegateView{}, err
		}
	}
	if c.SetEndsOn && c.EndsOn != "" {
		if _, err := CheckEndsOn("/endsOn", c.EndsOn, now); err != nil {
			return DelegateView{}, err
		}
	}
	surveyor := sess.Actor
	var out DelegateView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		q := tx.Where("delegant_id = ? AND delegate_id = ? AND ended_at IS NULL", surveyor.ID, delegateID)
		if s.DB.Dialect == store.Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		var d Delegation
		err := q.Take(&d).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !InForce(d.LastDay(), now)) {
			return apperr.NotFound("Aucune délégation en vigueur ne correspond.")
		}
		if err != nil {
			return err
		}
		before, endBefore := d.Scope(), d.LastDay()
		after, endAfter := before, endBefore
		if c.Services != nil {
			after = c.Services
		}
		if c.SetEndsOn {
			endAfter = c.EndsOn
		}
		if Widens(before, after, endBefore, endAfter) {
			if err := s.RequireRecentAuth(tx, sess); err != nil {
				return err
			}
		}
		updates := map[string]any{"services": encodeServices(after)}
		if endAfter != endBefore {
			if endAfter == "" {
				updates["ends_on"] = nil
			} else {
				updates["ends_on"] = endAfter
			}
			// A new date gets its own reminder, unless it is already close.
			if reminderDue(endAfter, now) {
				updates["reminder_sent_at"] = now.UTC()
			} else {
				updates["reminder_sent_at"] = nil
			}
		}
		if err := tx.Model(&Delegation{}).Where("id = ?", d.ID).Updates(updates).Error; err != nil {
			return err
		}
		var delegate store.User
		if err := tx.Where("id = ?", delegateID).Take(&delegate).Error; err != nil {
			return err
		}
		detail := nameOf(delegate)
		if change := ModificationDetail(before, after, endBefore, endAfter); change != "" {
			detail += " — " + change
		}
		if err := activity.Record(tx, activity.DelegationModified, surveyor, surveyor, "", activity.Detail(detail)); err != nil {
			return err
		}
		out = DelegateView{Contact: accounts.ContactOf(delegate), Since: d.CreatedAt, Services: after, EndsOn: endAfter}
		var last store.NullTime
		if err := tx.Raw("SELECT max(occurred_at) FROM activities WHERE actor_id = ? AND principal_id = ?", delegateID, surveyor.ID).
			Scan(&last).Error; err != nil {
			return err
		}
		out.LastActivityAt = last.Ptr()
		return nil
	})
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
		if err := activity.Record(tx, activity.DelegateRemoved, surveyor, surveyor, "", activity.Detail(nameOf(delegate))); err != nil {
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
	now := s.now().UTC()
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
		Scope          string
		LastDay        *string
	}
	err := s.DB.Conn(ctx).Table("delegations").
		Select("users.*, delegations.created_at AS since, (SELECT max(a.occurred_at) FROM activities a "+
			"WHERE a.actor_id = delegations.delegate_id AND a.principal_id = delegations.delegant_id) AS last_activity_at, "+
			"delegations.services AS scope, delegations.ends_on AS last_day").
		Joins("JOIN users ON users.id = delegations.delegate_id").
		Where("delegations.delegant_id = ? AND delegations.ended_at IS NULL", sess.Actor.ID).
		Where("(delegations.ends_on IS NULL OR delegations.ends_on >= ?)", quebec.Day(s.now())).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]DelegateView, len(rows))
	for i, r := range rows {
		out[i] = DelegateView{Contact: accounts.ContactOf(r.User), Since: r.Since.Time, LastActivityAt: r.LastActivityAt.Ptr(), Services: decodeServices(r.Scope)}
		if r.LastDay != nil {
			out[i].EndsOn = *r.LastDay
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Contact, out[j].Contact
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
		Scope     string
		LastDay   *string
	}
	err := s.DB.Conn(ctx).Table("delegations").
		Select("users.*, surveyors.matricule, delegations.created_at AS since, delegations.services AS scope, delegations.ends_on AS last_day").
		Joins("JOIN users ON users.id = delegations.delegant_id").
		Joins("JOIN surveyors ON surveyors.user_id = delegations.delegant_id AND surveyors.withdrawn_at IS NULL").
		Where("delegations.delegate_id = ? AND delegations.ended_at IS NULL", userID).
		Where("(delegations.ends_on IS NULL OR delegations.ends_on >= ?)", quebec.Day(s.now())).
		Order("surveyors.matricule").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]DelegantView, len(rows))
	for i, r := range rows {
		since := r.Since
		out[i] = DelegantView{Person: accounts.Person(accounts.UserView{User: r.User, Matricule: r.Matricule}), Since: &since,
			Services: decodeServices(r.Scope)}
		if r.LastDay != nil {
			out[i].EndsOn = *r.LastDay
		}
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
		delegants = append([]DelegantView{{Person: actor, Self: true, Services: DelegableServices}}, delegants...)
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
		return nil, apperr.Forbidden(api.ProblemCodeDelegationNotActive,
			"Vous n'êtes pas délégataire de cet arpenteur-géomètre.",
			apperr.Field("/delegantId", "Choisissez un arpenteur-géomètre qui vous a désigné comme délégataire."))
	}
	return p, nil
}

// SearchCandidate finds the one user whose username or e-mail is exactly
// the one given (case aside). It reveals nothing more than that match.
func (s *Service) SearchCandidate(ctx context.Context, username, email string) (*accounts.Contact, error) {
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
	if err != nil {
		return nil, err
	}
	c := accounts.ContactOf(u)
	return &c, nil
}

// nameOf is how the activity log and the e-mails name u.
func nameOf(u store.User) string { return accounts.Person(accounts.UserView{User: u}).FullName() }
