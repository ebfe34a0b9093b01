package portal

import (
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/quebec"
)

// Only an open surveying dossier's closing date is pushed back, and only
// to a later day than today and than the current date; the dossier takes
// the new date and the extension keeps the previous one.
func TestExtendClosingDate(t *testing.T) {
	e := newEnv(t)
	jean, ds := e.jean, e.dossiers()
	survey := ds.survey
	now := time.Now().In(quebec.Location)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	current := today.AddDate(0, 2, 0)
	e.Must(e.DB.Model(&Dossier{}).Where("number = ?", survey).Update("closing_date", current).Error)
	later := current.AddDate(0, 1, 0)

	for _, n := range []string{ds.cadastre, ds.closedSurvey} {
		_, err := e.svc.ExtendClosingDate(e.Ctx, self(jean), n, later, "Motif")
		refused(t, err, apperr.KindUnprocessable, "validation_failed")
	}
	_, err := e.svc.ExtendClosingDate(e.Ctx, self(jean), ds.theirSurvey, later, "Motif")
	refused(t, err, apperr.KindNotFound, "not_found")
	for _, d := range []time.Time{today, current, current.AddDate(0, 0, -1)} {
		_, err = e.svc.ExtendClosingDate(e.Ctx, self(jean), survey, d, "Motif")
		refused(t, err, apperr.KindInvalid, "validation_failed", "/newClosingDate")
	}
	// A dossier without a closing date takes any day after today.
	undated := e.dossier(jean, SurveyDossier, DossierOpen).Number
	_, err = e.svc.ExtendClosingDate(e.Ctx, self(jean), undated, today.AddDate(0, 0, 1), "Motif")
	ok(t, err)

	x, err := e.svc.ExtendClosingDate(e.Ctx, self(jean), survey, later.Add(15*time.Hour), "Travaux retardés")
	ok(t, err)
	if x.PreviousDate == nil || !x.PreviousDate.UTC().Equal(current) || !x.NewDate.Equal(later) || x.Reason != "Travaux retardés" {
		t.Fatalf("prolongement : %+v", x)
	}
	var d Dossier
	e.Must(e.DB.Where("number = ?", survey).Take(&d).Error)
	if d.ClosingDate == nil || d.ClosingDate.UTC().Format("2006-01-02") != later.Format("2006-01-02") {
		t.Fatalf("date du dossier : %v", d.ClosingDate)
	}
	rows := e.Activities(activity.ClosingDateExtension, jean.ID)
	if len(rows) != 2 || *rows[1].DossierNumber != survey || *rows[1].Detail != extensionDetail(later) {
		t.Fatalf("journal : %+v", rows)
	}
}
