package portal

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/paging"
	"espace/backend/internal/store"
)

// post writes a message on a dossier, read or not.
func (e *env) post(d Dossier, by auth.Person, read bool) Message {
	e.T.Helper()
	m := Message{ID: uuid.New(), DossierNumber: d.Number, Subject: "Objet", Body: "Texte", PostedAt: time.Now().UTC(), PostedBy: by.ID}
	if read {
		now := time.Now().UTC()
		m.ReadAt, m.ReadBy = &now, &d.ResponsibleID
	}
	e.Must(e.DB.Create(&m).Error)
	return m
}

func numbers(p paging.Page[DossierView]) []string {
	out := make([]string, len(p.Items))
	for i, d := range p.Items {
		out[i] = d.Number
	}
	return out
}

func sameList(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s : %v, attendu %v", what, got, want)
	}
}

// « Suivi des dossiers » shows the principal's dossiers only, newest first,
// filtered by kind and number, a page at a time, with the unread messages.
func TestListDossiers(t *testing.T) {
	e := newEnv(t)
	jean, claire, admin := e.jean, e.claire, e.user("Admin", false)
	older := e.dossier(jean, CadastreDossier, DossierOpen)
	newer := e.dossier(jean, SurveyDossier, DossierClosed)
	e.Must(e.DB.Model(&Dossier{}).Where("number = ?", older.Number).Update("opened_at", time.Now().UTC().Add(-time.Hour)).Error)
	e.dossier(claire, CadastreDossier, DossierOpen)
	e.post(older, admin, false)
	e.post(older, admin, false)
	e.post(older, admin, true)

	list := func(sess *auth.Session, f DossierFilter) paging.Page[DossierView] {
		t.Helper()
		if f.Page == 0 {
			f.Page, f.PageSize = 1, 10
		}
		p, err := e.svc.ListDossiers(e.Ctx, sess, f)
		ok(t, err)
		return p
	}
	all := list(self(jean), DossierFilter{})
	sameList(t, "tous", numbers(all), newer.Number, older.Number)
	if all.TotalItems != 2 || all.Items[1].UnreadMessages != 2 || all.Items[0].UnreadMessages != 0 {
		t.Fatalf("total %d, non lus %d et %d", all.TotalItems, all.Items[1].UnreadMessages, all.Items[0].UnreadMessages)
	}
	if all.Items[0].Kind != SurveyDossier || all.Items[0].Status != DossierClosed || all.Items[0].Responsible.ID != jean.ID {
		t.Fatalf("dossier lu : %+v", all.Items[0])
	}
	sameList(t, "arpentage", numbers(list(self(jean), DossierFilter{Kind: SurveyDossier})), newer.Number)
	sameList(t, "numéro", numbers(list(self(jean), DossierFilter{Number: older.Number[3:]})), older.Number)

	first := list(self(jean), DossierFilter{Page: 1, PageSize: 1})
	sameList(t, "page 1", numbers(first), newer.Number)
	past := list(self(jean), DossierFilter{Page: 3, PageSize: 1})
	if len(past.Items) != 0 || first.TotalItems != 2 || past.TotalItems != 2 {
		t.Fatalf("pages : %d et %d au total, %d après la fin", first.TotalItems, past.TotalItems, len(past.Items))
	}

	// A délégataire sees the kinds granted (§11), and only those.
	cadastreOnly := e.delegates(jean, e.user("Edith", false), delegation.ByDossierKind, delegation.CadastreDossiers)
	sameList(t, "délégataire (cadastre)", numbers(list(cadastreOnly, DossierFilter{})), older.Number)
	_, err := e.svc.ListDossiers(e.Ctx, cadastreOnly, DossierFilter{Kind: SurveyDossier, Page: 1, PageSize: 10})
	is(t, err, delegation.ErrServiceNotDelegated)
	noDossiers := e.delegates(jean, e.user("Pierre", false), delegation.ByDossierKind, delegation.LotReservation)
	if none := list(noDossiers, DossierFilter{}); len(none.Items) != 0 || none.TotalItems != 0 {
		t.Fatalf("délégataire sans suivi des dossiers : %v", numbers(none))
	}
	_, err = e.svc.ListDossiers(e.Ctx, &auth.Session{Actor: jean}, DossierFilter{Page: 1, PageSize: 10})
	is(t, err, delegation.ErrNotActive)
}

// Opening a dossier: the principal's only, of a kind granted, under a
// delegation in force; the first reader marks it read for the surveyor,
// and every consultation is in the journal.
func TestGetDossier(t *testing.T) {
	e := newEnv(t)
	jean, claire, admin := e.jean, e.claire, e.user("Admin", false)
	cadastre := e.dossier(jean, CadastreDossier, DossierOpen)
	survey := e.dossier(jean, SurveyDossier, DossierOpen)
	theirs := e.dossier(claire, CadastreDossier, DossierOpen)
	e.post(cadastre, admin, false)
	edith := e.user("Edith", false)
	sess := e.delegates(jean, edith, delegation.ByDossierKind, delegation.CadastreDossiers)

	_, err := e.svc.GetDossier(e.Ctx, self(jean), theirs.Number)
	refused(t, err, apperr.KindNotFound, "not_found")
	_, err = e.svc.GetDossier(e.Ctx, sess, survey.Number)
	is(t, err, delegation.ErrServiceNotDelegated)

	v, err := e.svc.GetDossier(e.Ctx, sess, cadastre.Number)
	ok(t, err)
	if v.ReadAt == nil || v.ReadBy == nil || *v.ReadBy != edith.ID || v.UnreadMessages != 1 || v.Responsible.ID != jean.ID {
		t.Fatalf("consultation : %+v", v)
	}
	// The surveyor opening it afterwards does not take the first read.
	_, err = e.svc.GetDossier(e.Ctx, self(jean), cadastre.Number)
	ok(t, err)
	var stored Dossier
	e.Must(e.DB.Where("number = ?", cadastre.Number).Take(&stored).Error)
	if stored.ReadBy == nil || *stored.ReadBy != edith.ID {
		t.Fatalf("premier lecteur : %v", stored.ReadBy)
	}
	rows := e.Activities(activity.DossierViewed, jean.ID)
	if len(rows) != 2 || rows[0].ActorID != edith.ID || rows[1].ActorID != jean.ID ||
		rows[0].DossierNumber == nil || *rows[0].DossierNumber != cadastre.Number || rows[0].Detail == nil || *rows[0].Detail != cadastre.Title {
		t.Fatalf("journal : %+v", rows)
	}

	e.endDelegations(jean, edith)
	_, err = e.svc.GetDossier(e.Ctx, sess, cadastre.Number)
	is(t, err, delegation.ErrNotActive)
}

// An administrator opens a dossier for a surveyor in office, by matricule,
// under a number not taken; the administration journal records it.
func TestCreateDossier(t *testing.T) {
	e := newEnv(t)
	jean, gone, admin := e.jean, e.user("Retire", true), e.user("Admin", false)
	now := time.Now().UTC()
	e.Must(e.DB.Model(&store.Surveyor{}).Where("user_id = ?", gone.ID).Updates(map[string]any{"withdrawn_at": now, "withdrawn_by": admin.ID}).Error)
	number := "2900001"
	closing := time.Date(2031, 3, 4, 0, 0, 0, 0, time.UTC)

	for _, matricule := range []string{"9999", gone.Matricule} {
		_, err := e.svc.CreateDossier(e.Ctx, admin, NewDossier{Number: number, Kind: SurveyDossier, Matricule: matricule, Title: "Bornage"})
		refused(t, err, apperr.KindNotFound, "not_found", "/matricule")
	}
	v, err := e.svc.CreateDossier(e.Ctx, admin, NewDossier{Number: number, Kind: SurveyDossier, Matricule: jean.Matricule, Title: "Bornage", ClosingDate: &closing})
	ok(t, err)
	if v.Status != DossierOpen || v.Kind != SurveyDossier || v.ResponsibleID != jean.ID || v.Responsible.Matricule != jean.Matricule || v.ClosingDate == nil {
		t.Fatalf("dossier ouvert : %+v", v)
	}
	rows := e.AdminActivities(activity.DossierOpened, jean.ID)
	if len(rows) != 1 || rows[0].ActorID != admin.ID || *rows[0].DossierNumber != number || *rows[0].Detail != "Bornage" {
		t.Fatalf("journal d'administration : %+v", rows)
	}
	_, err = e.svc.CreateDossier(e.Ctx, admin, NewDossier{Number: number, Kind: CadastreDossier, Matricule: jean.Matricule, Title: "Autre"})
	refused(t, err, apperr.KindConflict, "conflict", "/number")
}
