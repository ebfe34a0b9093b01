package accounts

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// SurveyorView is a surveyor as the administrator sees them.
type SurveyorView struct {
	store.Surveyor
	User Contact
}

// System is the named actor of command-line actions (§13).
var System = auth.Person{ID: store.SystemUserID, Username: "systeme", FirstName: "Système", LastName: "(ligne de commande)"}

// actorOrSystem is by, or the system actor when nobody is named.
func actorOrSystem(by auth.Person) auth.Person {
	if by.ID == uuid.Nil {
		return System
	}
	return by
}

func matriculeDetail(m string) activity.Option { return activity.Detail("Matricule " + m) }

// The refusals of GrantSurveyor are built once: apperr values are never
// modified once returned, so one value serves every call.
var (
	errNoUserWithUsername = apperr.NotFound("Aucun utilisateur ne porte ce nom d'utilisateur.",
		apperr.Field("/username", "Aucun utilisateur ne porte ce nom d'utilisateur."))
	errMatriculeTaken = apperr.Conflict("Ce matricule est déjà attribué.",
		apperr.Field("/matricule", "Ce matricule est déjà attribué à un autre arpenteur-géomètre."))
)

// GrantSurveyor gives a user surveyor status with a matricule unique among
// the surveyors in office (SPEC §1: granted by the ministry, never
// self-declared). A person whose status was withdrawn gets their record back
// with the new matricule. by is the administrator, or nobody (the zero
// Person) for the command line; the administration journal records it.
func (s *Service) GrantSurveyor(ctx context.Context, by auth.Person, username, matricule string) (SurveyorView, error) {
	by = actorOrSystem(by)
	var out SurveyorView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var u store.User
		if err := store.TakeOr(tx.Where("username_key = ?", FoldKey(username)), &u, errNoUserWithUsername); err != nil {
			return err
		}
		var existing store.Surveyor
		found := true
		switch err := tx.Where("user_id = ?", u.ID).Take(&existing).Error; {
		case errors.Is(err, gorm.ErrRecordNotFound):
			found = false
		case err != nil:
			return err
		case existing.WithdrawnAt == nil:
			return apperr.Conflict("Cet utilisateur est déjà arpenteur-géomètre.",
				apperr.Field("/username", "Cet utilisateur est déjà arpenteur-géomètre (matricule "+existing.Matricule+")."))
		}
		var n int64
		if err := tx.Model(&store.Surveyor{}).Where("matricule = ? AND "+store.ActiveSurveyor, matricule).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errMatriculeTaken
		}
		byID := by.ID
		sv := store.Surveyor{UserID: u.ID, Matricule: matricule, GrantedAt: s.now(), GrantedBy: &byID}
		var err error
		if found {
			err = tx.Model(&store.Surveyor{}).Where("user_id = ?", u.ID).Updates(map[string]any{
				"matricule": matricule, "granted_at": sv.GrantedAt, "granted_by": byID, "withdrawn_at": nil, "withdrawn_by": nil}).Error
		} else {
			err = tx.Create(&sv).Error
		}
		if err != nil {
			if store.IsUniqueViolation(err) {
				return errMatriculeTaken
			}
			return err
		}
		out = SurveyorView{Surveyor: sv, User: ContactOf(u)}
		return activity.RecordAdmin(tx, activity.SurveyorGranted, by, Person(UserView{User: u, Matricule: matricule}), "", matriculeDetail(matricule))
	})
	return out, err
}

var errNoSurveyorWithMatricule = apperr.NotFound("Aucun arpenteur-géomètre ne porte ce matricule.",
	apperr.Field("/matricule", "Aucun arpenteur-géomètre ne porte ce matricule."))

// ActiveSurveyorByMatricule is the surveyor in office who holds matricule,
// or a 404 that names the /matricule input.
func ActiveSurveyorByMatricule(tx *gorm.DB, matricule string) (store.Surveyor, error) {
	var sv store.Surveyor
	err := store.TakeOr(tx.Where("matricule = ? AND "+store.ActiveSurveyor, matricule), &sv, errNoSurveyorWithMatricule)
	return sv, err
}

// RevokeSurveyor withdraws surveyor status. The record stays, with who
// withdrew it and when; from the next request the former surveyor delegates
// nothing and acts for nobody.
func (s *Service) RevokeSurveyor(ctx context.Context, by auth.Person, matricule string) error {
	by = actorOrSystem(by)
	return s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		sv, err := ActiveSurveyorByMatricule(tx, matricule)
		if err != nil {
			return err
		}
		now := s.now()
		res := tx.Model(&store.Surveyor{}).Where("user_id = ? AND "+store.ActiveSurveyor, sv.UserID).
			Updates(map[string]any{"withdrawn_at": now, "withdrawn_by": by.ID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 { // withdrawn meanwhile by someone else
			return errNoSurveyorWithMatricule
		}
		var u store.User
		if err := tx.Where("id = ?", sv.UserID).Take(&u).Error; err != nil {
			return err
		}
		return activity.RecordAdmin(tx, activity.SurveyorWithdrawn, by, Person(UserView{User: u, Matricule: matricule}), "", matriculeDetail(matricule))
	})
}

// ListSurveyors returns every surveyor in office, by matricule.
func (s *Service) ListSurveyors(ctx context.Context) ([]SurveyorView, error) {
	var svs []store.Surveyor
	if err := s.DB.Conn(ctx).Where(store.ActiveSurveyor).Order("matricule").Find(&svs).Error; err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(svs))
	for i, sv := range svs {
		ids[i] = sv.UserID
	}
	var users []store.User
	if err := s.DB.Conn(ctx).Where("id IN ?", ids).Find(&users).Error; err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]store.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]SurveyorView, 0, len(svs))
	for _, sv := range svs {
		out = append(out, SurveyorView{Surveyor: sv, User: ContactOf(byID[sv.UserID])})
	}
	return out, nil
}

// SetAdmin marks a user as administrator (command line only), recorded in
// the administration journal with the system actor.
func (s *Service) SetAdmin(ctx context.Context, id uuid.UUID) error {
	return s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Model(&store.User{}).Where("id = ?", id).Update("is_admin", true).Error; err != nil {
			return err
		}
		u, err := s.User(ctx, id)
		if err != nil {
			return err
		}
		return activity.RecordAdmin(tx, activity.AdministratorNamed, System, Person(u), "", activity.Detail(u.Username))
	})
}

// RecordAccountCreated writes « Création d'un identifiant » to the
// administration journal for an account the command line created.
func (s *Service) RecordAccountCreated(ctx context.Context, u UserView) error {
	return s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		return activity.RecordAdmin(tx, activity.AccountCreated, System, Person(u), "", activity.Detail(u.Username))
	})
}
