package portal

import (
	"testing"
	"time"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
)

// narrow rewrites, behind the délégataire's session, the services of their
// delegation from the surveyor: the session still says what was granted
// when the request was decided, the row says what is granted now.
func (e *env) narrow(surveyor, delegate auth.Person, services string) {
	e.T.Helper()
	e.Must(e.DB.Exec("UPDATE delegations SET services = ? WHERE delegant_id = ? AND delegate_id = ? AND ended_at IS NULL",
		services, surveyor.ID, delegate.ID).Error)
}

// A dossier's service is checked on the delegation as it stands under
// lock, not on the session: a narrowing refuses the very next write on a
// dossier of the kind taken away (§11), whatever the session still says.
func TestNarrowedDelegationRefusesDossierWrites(t *testing.T) {
	for _, c := range []struct {
		kind          DossierKind
		granted, left string
	}{
		{CadastreDossier, delegation.CadastreDossiers, delegation.SurveyDossiers},
		{SurveyDossier, delegation.SurveyDossiers, delegation.CadastreDossiers},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			e := newEnv(t)
			admin, edith := e.user("Admin", false), e.user("Edith", false)
			sess := e.delegates(e.jean, edith, delegation.ByDossierKind, c.granted)
			d := e.dossier(e.jean, c.kind, DossierOpen)
			m := e.post(d, admin, false)
			// Granted: both go through before the narrowing.
			_, err := e.svc.GetDossier(e.Ctx, sess, d.Number)
			ok(t, err)
			_, err = e.svc.MarkMessageRead(e.Ctx, sess, d.Number, m.ID)
			ok(t, err)

			e.narrow(e.jean, edith, c.left)
			unread := e.post(d, admin, false)
			_, err = e.svc.GetDossier(e.Ctx, sess, d.Number)
			refused(t, err, apperr.KindForbidden, "service_not_delegated")
			_, err = e.svc.MarkMessageRead(e.Ctx, sess, d.Number, unread.ID)
			refused(t, err, apperr.KindForbidden, "service_not_delegated")
			var stored Message
			e.Must(e.DB.Where("id = ?", unread.ID).Take(&stored).Error)
			if stored.ReadAt != nil {
				t.Fatalf("message lu malgré le refus : %v", stored.ReadAt)
			}
		})
	}
}

// The closing-date extension belongs to survey_dossiers (§11): a
// narrowing to the cadastre refuses it from the next request.
func TestNarrowedDelegationRefusesExtension(t *testing.T) {
	e := newEnv(t)
	edith := e.user("Edith", false)
	sess := e.delegates(e.jean, edith, delegation.SurveyDossiers, delegation.SurveyDossiers)
	d := e.dossier(e.jean, SurveyDossier, DossierOpen)
	e.narrow(e.jean, edith, delegation.CadastreDossiers)
	_, err := e.svc.ExtendClosingDate(e.Ctx, sess, d.Number, time.Now().UTC().AddDate(0, 1, 0), "Motif")
	refused(t, err, apperr.KindForbidden, "service_not_delegated")
}
