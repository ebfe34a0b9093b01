package accounts

import (
	"slices"
	"testing"

	"espace/backend/internal/activity"
	"espace/backend/internal/fixture"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

// matricule is a fresh matricule for this database.
func matricule() string { return "9" + testdb.Suffix()[:5] }

// §1, §13: the administrator grants surveyor status with a matricule
// unique among surveyors in office; each grant goes to the administration
// journal with who did it.
func TestGrantSurveyor(t *testing.T) {
	e := newEnv(t)
	admin, u := e.user("Admin"), e.user("Claire")
	by := Person(admin)
	m := matricule()

	_, err := e.svc.GrantSurveyor(e.Ctx, by, "personne-"+testdb.Suffix(), m)
	if f := fixture.Pointers(err); fixture.Code(err) != "not_found" || !slices.Equal(f, []string{"/username"}) {
		t.Fatalf("inconnu : %v %v", err, f)
	}
	sv, err := e.svc.GrantSurveyor(e.Ctx, by, u.Username, m)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Matricule != m || sv.User.ID != u.ID || sv.GrantedBy == nil || *sv.GrantedBy != admin.ID {
		t.Fatalf("%+v", sv)
	}
	if got, _ := e.svc.User(e.Ctx, u.ID); got.Matricule != m {
		t.Fatalf("matricule lu : %q", got.Matricule)
	}
	entries := e.AdminActivities(activity.SurveyorGranted, u.ID)
	if len(entries) != 1 || entries[0].ActorID != admin.ID || entries[0].Detail == nil || *entries[0].Detail != "Matricule "+m {
		t.Fatalf("journal : %+v", entries)
	}

	_, err = e.svc.GrantSurveyor(e.Ctx, by, u.Username, matricule())
	if f := fixture.Pointers(err); fixture.Code(err) != "conflict" || !slices.Equal(f, []string{"/username"}) {
		t.Fatalf("déjà arpenteur : %v %v", err, f)
	}
	other := e.user("Pierre")
	_, err = e.svc.GrantSurveyor(e.Ctx, by, other.Username, m)
	if f := fixture.Pointers(err); fixture.Code(err) != "conflict" || !slices.Equal(f, []string{"/matricule"}) {
		t.Fatalf("matricule pris : %v %v", err, f)
	}
	if n := len(e.AdminActivities(activity.SurveyorGranted, other.ID)); n != 0 {
		t.Fatalf("refus journalisé : %d", n)
	}
}

// Withdrawing keeps the record (who, when); the matricule is free again;
// a new grant brings the record back with its new matricule.
func TestRevokeSurveyor(t *testing.T) {
	e := newEnv(t)
	admin, u := e.user("Admin"), e.user("Alain")
	by := Person(admin)
	m := matricule()
	if _, err := e.svc.GrantSurveyor(e.Ctx, by, u.Username, m); err != nil {
		t.Fatal(err)
	}
	err := e.svc.RevokeSurveyor(e.Ctx, by, "inconnu")
	fixture.WantProblem(t, err, "not_found")
	if f := fixture.Pointers(err); !slices.Equal(f, []string{"/matricule"}) {
		t.Fatalf("champs %v, /matricule attendu", f)
	}
	if err := e.svc.RevokeSurveyor(e.Ctx, by, m); err != nil {
		t.Fatal(err)
	}
	var row store.Surveyor
	if err := e.DB.Where("user_id = ?", u.ID).Take(&row).Error; err != nil {
		t.Fatalf("fiche effacée : %v", err)
	}
	if row.WithdrawnAt == nil || row.WithdrawnBy == nil || *row.WithdrawnBy != admin.ID || row.Matricule != m {
		t.Fatalf("%+v", row)
	}
	if got, _ := e.svc.User(e.Ctx, u.ID); got.Matricule != "" {
		t.Fatalf("toujours arpenteur : %q", got.Matricule)
	}
	if n := len(e.AdminActivities(activity.SurveyorWithdrawn, u.ID)); n != 1 {
		t.Fatalf("%d retraits journalisés", n)
	}
	fixture.WantProblem(t, e.svc.RevokeSurveyor(e.Ctx, by, m), "not_found")
	list, err := e.svc.ListSurveyors(e.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range list {
		if sv.UserID == u.ID {
			t.Fatal("retiré encore listé")
		}
	}

	// The matricule is free for someone else; the former surveyor comes
	// back with another one, on the same record.
	other := e.user("Louis")
	if _, err := e.svc.GrantSurveyor(e.Ctx, by, other.Username, m); err != nil {
		t.Fatalf("matricule libéré : %v", err)
	}
	m2 := matricule()
	if _, err := e.svc.GrantSurveyor(e.Ctx, by, u.Username, m2); err != nil {
		t.Fatal(err)
	}
	var back store.Surveyor
	e.DB.Where("user_id = ?", u.ID).Take(&back)
	if back.Matricule != m2 || back.WithdrawnAt != nil || back.WithdrawnBy != nil {
		t.Fatalf("%+v", back)
	}
}

// Command-line actions are recorded with the named system actor (§13).
func TestCommandLineActionsNameTheSystem(t *testing.T) {
	e := newEnv(t)
	u := e.user("Admin")
	if err := e.svc.RecordAccountCreated(e.Ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetAdmin(e.Ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.User(e.Ctx, u.ID); !got.IsAdmin {
		t.Fatal("pas administrateur")
	}
	if _, err := e.svc.GrantSurveyor(e.Ctx, Person(UserView{}), u.Username, matricule()); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []activity.Type{activity.AccountCreated, activity.AdministratorNamed, activity.SurveyorGranted} {
		entries := e.AdminActivities(typ, u.ID)
		if len(entries) != 1 || entries[0].ActorID != store.SystemUserID {
			t.Errorf("%s : %+v", typ, entries)
		}
	}
}
