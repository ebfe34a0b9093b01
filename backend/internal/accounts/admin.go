package accounts

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/apperr"
	"espace/backend/internal/store"
)

// SurveyorView is a surveyor as the administrator sees them.
type SurveyorView struct {
	store.Surveyor
	User store.User
}

// GrantSurveyor gives a user surveyor status with a unique matricule
// (SPEC §1: granted by the ministry, never self-declared).
func (s *Service) GrantSurveyor(ctx context.Context, by uuid.UUID, username, matricule string) (SurveyorView, error) {
	var out SurveyorView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var u store.User
		err := tx.Where("username_key = ?", FoldKey(username)).Take(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return &apperr.Error{Kind: apperr.KindNotFound, Code: "not_found", Title: "Aucun utilisateur ne porte ce nom d'utilisateur.",
				Fields: []apperr.FieldError{apperr.Field("/username", "Aucun utilisateur ne porte ce nom d'utilisateur.")}}
		}
		if err != nil {
			return err
		}
		var existing store.Surveyor
		switch err := tx.Where("user_id = ?", u.ID).Take(&existing).Error; {
		case err == nil:
			return apperr.Conflict("Cet utilisateur est déjà arpenteur-géomètre.",
				apperr.Field("/username", "Cet utilisateur est déjà arpenteur-géomètre (matricule "+existing.Matricule+")."))
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		var n int64
		if err := tx.Model(&store.Surveyor{}).Where("matricule = ?", matricule).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflict("Ce matricule est déjà attribué.", apperr.Field("/matricule", "Ce matricule est déjà attribué à un autre arpenteur-géomètre."))
		}
		byID := by
		sv := store.Surveyor{UserID: u.ID, Matricule: matricule, GrantedAt: s.now(), GrantedBy: &byID}
		if by == uuid.Nil {
			sv.GrantedBy = nil
		}
		if err := tx.Create(&sv).Error; err != nil {
			if store.IsUniqueViolation(err) {
				return apperr.Conflict("Ce matricule est déjà attribué.", apperr.Field("/matricule", "Ce matricule est déjà attribué à un autre arpenteur-géomètre."))
			}
			return err
		}
		out = SurveyorView{Surveyor: sv, User: u}
		return nil
	})
	return out, err
}

// RevokeSurveyor withdraws surveyor status.
func (s *Service) RevokeSurveyor(ctx context.Context, matricule string) error {
	res := s.DB.Conn(ctx).Where("matricule = ?", matricule).Delete(&store.Surveyor{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return apperr.NotFound("Aucun arpenteur-géomètre ne porte ce matricule.")
	}
	return nil
}

// ListSurveyors returns every surveyor, by matricule.
func (s *Service) ListSurveyors(ctx context.Context) ([]SurveyorView, error) {
	var svs []store.Surveyor
	if err := s.DB.Conn(ctx).Order("matricule").Find(&svs).Error; err != nil {
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
		out = append(out, SurveyorView{Surveyor: sv, User: byID[sv.UserID]})
	}
	return out, nil
}

// SetAdmin marks a user as administrator (command line only).
func (s *Service) SetAdmin(ctx context.Context, id uuid.UUID) error {
	return s.DB.Conn(ctx).Model(&store.User{}).Where("id = ?", id).Update("is_admin", true).Error
}
