package portal

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
)

// Extension is a « Prolongement de la date de fermeture ».
type Extension struct {
	ID            uuid.UUID `gorm:"type:uuid;primaryKey"`
	DossierNumber string
	PreviousDate  *time.Time
	NewDate       time.Time
	Reason        string
	RequestedAt   time.Time
	ActorID       uuid.UUID `gorm:"type:uuid"`
	SurveyorID    uuid.UUID `gorm:"type:uuid"`
}

func (Extension) TableName() string { return "closing_date_extensions" }

// ExtendClosingDate pushes back the closing date of one of the principal's
// surveying dossiers.
func (s *Service) ExtendClosingDate(ctx context.Context, sess *auth.Session, number string, newDate time.Time, reason string) (Extension, error) {
	var out Extension
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		d, err := principalDossier(tx, sess, number)
		if err != nil {
			return err
		}
		if d.Kind != SurveyDossier {
			return apperr.Unprocessable(api.ProblemCodeValidationFailed,
				"Seule la date de fermeture d'un dossier d'arpentage peut être prolongée.")
		}
		if d.Status == DossierClosed {
			return apperr.Unprocessable(api.ProblemCodeValidationFailed, "Ce dossier est fermé.")
		}
		nd := time.Date(newDate.Year(), newDate.Month(), newDate.Day(), 0, 0, 0, 0, time.UTC)
		// Compared as calendar days: nd is a day as the API reads it
		// (midnight UTC), today is Québec's.
		if nd.Format(time.DateOnly) <= quebec.Today(time.Now()).Format(time.DateOnly) {
			return apperr.Invalid(apperr.Field("/newClosingDate", "La nouvelle date doit être postérieure à aujourd'hui."))
		}
		if d.ClosingDate != nil && !nd.After(d.ClosingDate.UTC()) {
			return apperr.Invalid(apperr.Field("/newClosingDate",
				"La nouvelle date doit être postérieure à la date de fermeture actuelle ("+d.ClosingDate.UTC().Format(time.DateOnly)+")."))
		}
		out = Extension{ID: uuid.New(), DossierNumber: number, PreviousDate: d.ClosingDate, NewDate: nd, Reason: reason,
			RequestedAt: time.Now().UTC(), ActorID: sess.Actor.ID, SurveyorID: sess.Principal.ID}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		if err := tx.Model(&Dossier{}).Where("number = ?", number).Update("closing_date", nd).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.ClosingDateExtension, sess.Actor, *sess.Principal, number, activity.Detail(extensionDetail(nd)))
	})
	return out, err
}
