package activity_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

// newService is the activity service on the package's database.
func newService(t *testing.T) (context.Context, *store.DB, *activity.Service) {
	db := testdb.DB(t)
	return context.Background(), db, service(db)
}

// service is the activity service on db, resolving people through
// accounts as the application wires it.
func service(db *store.DB) *activity.Service {
	return &activity.Service{DB: db, People: (&accounts.Service{DB: db}).People}
}

func findPerson(ps []auth.Person, p auth.Person) (auth.Person, bool) {
	for _, q := range ps {
		if q.ID == p.ID {
			return q, true
		}
	}
	return auth.Person{}, false
}

// The log copies names, not usernames: the service adds each person's
// username to the lines it lists, and to the filters' people.
func TestListsAndFiltersCarryUsernames(t *testing.T) {
	ctx, db, svc := newService(t)
	surveyor := person(t, db, "Édith", "Descartes", "5001")
	delegate := person(t, db, "Jean", "Piette", "")
	write(t, db, activity.NewRow(time.Now(), activity.ProductOrder, delegate, surveyor, "1096429"))

	page, err := svc.List(ctx, activity.Query{Viewer: surveyor.ID}, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.TotalPages() != 1 {
		t.Fatalf("%+v", page)
	}
	it := page.Items[0]
	if it.Actor.Username != delegate.Username || it.Principal.Username != surveyor.Username || it.Principal.Matricule != "5001" {
		t.Fatalf("%+v", it)
	}
	ch, err := svc.Filters(ctx, activity.UserLog, surveyor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := findPerson(ch.Actors, delegate); !ok || p.Username != delegate.Username || len(ch.Types) != len(activity.Types) {
		t.Fatalf("%+v", ch)
	}
}

// The administration journal's filters offer everyone it names, whoever
// asks (§13), with its own types; a user's filters never see it.
func TestAdminJournalFiltersNameEveryone(t *testing.T) {
	ctx, db, svc := newService(t)
	admin := person(t, db, "Gilles", "Tremblay", "")
	surveyor := person(t, db, "Zoé", "Arsenault", "7001")
	err := db.WithTx(ctx, func(_ context.Context, tx *gorm.DB) error {
		return activity.RecordAdmin(tx, activity.SurveyorGranted, admin, surveyor, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := svc.Filters(ctx, activity.AdminJournal, person(t, db, "Autre", "Administratrice", "").ID)
	if err != nil {
		t.Fatal(err)
	}
	a, okA := findPerson(ch.Actors, admin)
	p, okP := findPerson(ch.Principals, surveyor)
	if !okA || !okP || a.Username != admin.Username || p.Matricule != "7001" || len(ch.Types) != len(activity.AdminTypes) {
		t.Fatalf("%+v", ch)
	}
	mine, err := svc.Filters(ctx, activity.UserLog, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := findPerson(mine.Actors, admin); ok {
		t.Fatalf("le journal d'administration fuit dans le suivi : %+v", mine)
	}
}
