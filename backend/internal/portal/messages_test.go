package portal

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/store"
)

// A message on a dossier alerts its responsible surveyor, never the
// délégataires (§7), and goes in the administration journal.
func TestPostMessage(t *testing.T) {
	e := newEnv(t)
	jean, admin, edith := e.jean, e.user("Admin", false), e.user("Edith", false)
	e.delegates(jean, edith, "")
	d := e.dossier(jean, CadastreDossier, DossierOpen)

	_, err := e.svc.PostMessage(e.Ctx, admin, "0000002", "Objet", "Texte")
	refused(t, err, apperr.KindNotFound, "not_found")
	before := e.Queued.Load()
	m, err := e.svc.PostMessage(e.Ctx, admin, d.Number, "Pièce manquante", "Le plan est illisible.")
	ok(t, err)
	if m.DossierNumber != d.Number || m.PostedBy != admin.ID || m.ReadByPerson != nil {
		t.Fatalf("message : %+v", m)
	}
	if mails := e.Mails(e.Email(jean), ""); len(mails) != 1 || e.Queued.Load() != before+1 {
		t.Fatalf("courriels à Jean : %d (réveils %d)", len(mails), e.Queued.Load()-before)
	}
	if mails := e.Mails(e.Email(edith), ""); len(mails) != 0 {
		t.Fatalf("le délégataire a reçu %d courriels", len(mails))
	}
	rows := e.AdminActivities(activity.MessagePosted, jean.ID)
	if len(rows) != 1 || rows[0].ActorID != admin.ID || *rows[0].DossierNumber != d.Number || *rows[0].Detail != "Pièce manquante" {
		t.Fatalf("journal d'administration : %+v", rows)
	}
}

// Messages are read on the principal's dossiers of a kind granted; the
// first to open one, surveyor or délégataire, is its reader for good.
func TestMessages(t *testing.T) {
	e := newEnv(t)
	jean, claire, admin, edith := e.jean, e.claire, e.user("Admin", false), e.user("Edith", false)
	sess := e.delegates(jean, edith, delegation.ByDossierKind, delegation.CadastreDossiers)
	d := e.dossier(jean, CadastreDossier, DossierOpen)
	survey := e.dossier(jean, SurveyDossier, DossierOpen)
	other := e.dossier(jean, CadastreDossier, DossierOpen)
	old := e.post(d, admin, false)
	e.Must(e.DB.Model(&Message{}).Where("id = ?", old.ID).Update("posted_at", time.Now().UTC().Add(-time.Hour)).Error)
	recent := e.post(d, admin, false)
	elsewhere := e.post(other, admin, false)
	e.post(survey, admin, false)

	_, err := e.svc.Messages(e.Ctx, self(claire), d.Number)
	refused(t, err, apperr.KindNotFound, "not_found")
	_, err = e.svc.Messages(e.Ctx, sess, survey.Number)
	is(t, err, delegation.ErrServiceNotDelegated)
	_, err = e.svc.Messages(e.Ctx, &auth.Session{Actor: edith}, d.Number)
	is(t, err, delegation.ErrNotActive)

	_, err = e.svc.MarkMessageRead(e.Ctx, sess, d.Number, elsewhere.ID)
	refused(t, err, apperr.KindNotFound, "not_found")
	_, err = e.svc.MarkMessageRead(e.Ctx, sess, d.Number, uuid.New())
	refused(t, err, apperr.KindNotFound, "not_found")
	v, err := e.svc.MarkMessageRead(e.Ctx, sess, d.Number, old.ID)
	ok(t, err)
	if v.ReadByPerson == nil || v.ReadByPerson.ID != edith.ID || v.ReadByPerson.FirstName != "Edith" || v.ReadAt == nil {
		t.Fatalf("lu : %+v", v)
	}
	v, err = e.svc.MarkMessageRead(e.Ctx, self(jean), d.Number, old.ID)
	ok(t, err)
	if v.ReadByPerson == nil || v.ReadByPerson.ID != edith.ID {
		t.Fatalf("premier lecteur remplacé : %+v", v.ReadByPerson)
	}
	_, err = e.svc.MarkMessageRead(e.Ctx, self(jean), d.Number, recent.ID)
	ok(t, err)

	list, err := e.svc.Messages(e.Ctx, sess, d.Number)
	ok(t, err)
	if len(list) != 2 || list[0].ID != recent.ID || list[1].ID != old.ID {
		t.Fatalf("messages : %+v", list)
	}
	if r := list[0].ReadByPerson; r == nil || r.ID != jean.ID || r.Matricule != jean.Matricule {
		t.Fatalf("lecteur du plus récent : %+v", r)
	}

	e.endDelegations(jean, edith)
	_, err = e.svc.MarkMessageRead(e.Ctx, sess, d.Number, recent.ID)
	is(t, err, delegation.ErrNotActive)
}

// A communiqué alerts every surveyor in office, and only them; each
// surveyor has their own read state, set once by whoever opens it first.
func TestCommuniques(t *testing.T) {
	e := newEnv(t)
	jean, claire, gone := e.jean, e.claire, e.user("Retire", true)
	admin, edith := e.user("Admin", false), e.user("Edith", false)
	sess := e.delegates(jean, edith, delegation.AnyService)
	e.Must(e.DB.Model(&store.Surveyor{}).Where("user_id = ?", gone.ID).Update("withdrawn_at", time.Now().UTC()).Error)

	c, err := e.svc.PostCommunique(e.Ctx, admin, "Nouvelles normes", "Texte")
	ok(t, err)
	for p, want := range map[auth.Person]int{jean: 1, claire: 1, gone: 0, admin: 0, edith: 0} {
		if got := len(e.Mails(e.Email(p), "")); got != want {
			t.Errorf("courriels à %s : %d, attendu %d", p.FirstName, got, want)
		}
	}
	if rows := e.AdminActivities(activity.CommuniquePosted, admin.ID); len(rows) != 1 || *rows[0].Detail != "Nouvelles normes" {
		t.Fatalf("journal d'administration : %+v", rows)
	}

	read := func(sess *auth.Session) bool {
		t.Helper()
		list, err := e.svc.Communiques(e.Ctx, sess)
		ok(t, err)
		for _, v := range list {
			if v.ID == c.ID {
				return v.Read
			}
		}
		t.Fatal("communiqué absent")
		return false
	}
	if read(self(jean)) {
		t.Fatal("lu avant d'être ouvert")
	}
	_, err = e.svc.MarkCommuniqueRead(e.Ctx, sess, uuid.New())
	refused(t, err, apperr.KindNotFound, "not_found")
	v, err := e.svc.MarkCommuniqueRead(e.Ctx, sess, c.ID)
	ok(t, err)
	if !v.Read || !read(self(jean)) || read(self(claire)) {
		t.Fatal("état de lecture par arpenteur-géomètre")
	}
	_, err = e.svc.MarkCommuniqueRead(e.Ctx, self(jean), c.ID)
	ok(t, err)
	var r communiqueRead
	e.Must(e.DB.Where("communique_id = ? AND surveyor_id = ?", c.ID, jean.ID).Take(&r).Error)
	if r.ReadBy != edith.ID {
		t.Fatalf("premier lecteur remplacé par %v", r.ReadBy)
	}
	_, err = e.svc.Communiques(e.Ctx, &auth.Session{Actor: edith})
	is(t, err, delegation.ErrNotActive)
}
