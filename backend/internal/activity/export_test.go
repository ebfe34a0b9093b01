package activity_test

import (
	"errors"
	"testing"
	"time"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
)

// An invalid query is refused before anything is counted or read: with
// every PDF over the limit, the answer is still the query's field error.
func TestPrepareExportChecksTheQueryFirst(t *testing.T) {
	ctx, db, svc := newService(t)
	by := person(t, db, "Lise", "Garneau", "")
	saved := activity.MaxPDFRows
	activity.MaxPDFRows = -1
	t.Cleanup(func() { activity.MaxPDFRows = saved })

	to := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	from := to.AddDate(0, 0, 1)
	_, err := svc.PrepareExport(ctx, activity.Query{Viewer: by.ID, From: &from, To: &to}, activity.PDF, by, time.Now())
	var ae *apperr.Error
	if !errors.As(err, &ae) || len(ae.Fields) != 1 || ae.Fields[0].Pointer != "/to" {
		t.Fatalf("%v", err)
	}
}
