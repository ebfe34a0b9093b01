package activity_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "activity") }

// person creates a user (the log references users) and returns them as a
// session would.
func person(t *testing.T, db *store.DB, first, last, matricule string) auth.Person {
	t.Helper()
	id := uuid.New()
	name := "u" + testdb.Suffix()
	now := time.Now().UTC()
	u := store.User{ID: id, Username: name, UsernameKey: name, Email: name + "@exemple.qc.ca", EmailKey: name + "@exemple.qc.ca",
		FirstName: first, LastName: last, PasswordHash: "x", PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := db.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	return auth.Person{ID: id, Username: name, FirstName: first, LastName: last, Matricule: matricule}
}

func write(t *testing.T, db *store.DB, rows ...*activity.Row) {
	t.Helper()
	err := db.WithTx(context.Background(), func(_ context.Context, tx *gorm.DB) error {
		for _, r := range rows {
			if err := tx.Create(r).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTheLogIsAppendOnly(t *testing.T) {
	db := testdb.DB(t)
	s := person(t, db, "Jean", "Piette", "5001")
	ctx := context.Background()
	if err := db.WithTx(ctx, func(_ context.Context, tx *gorm.DB) error {
		return activity.Record(tx, activity.ProductOrder, s, s, "1096429")
	}); err != nil {
		t.Fatal(err)
	}
	var row activity.Row
	if err := db.Where("actor_id = ?", s.ID).Take(&row).Error; err != nil {
		t.Fatal(err)
	}
	if row.ActorFirstName != "Jean" || row.ActorLastName != "Piette" || row.ActorMatricule == nil || *row.ActorMatricule != "5001" ||
		row.ActorSort != "jean piette" || row.DossierNumber == nil || *row.DossierNumber != "1096429" {
		t.Fatalf("entrée mal écrite : %+v", row)
	}
	for _, stmt := range []string{
		"UPDATE activities SET type = 'dm_deposit' WHERE id = ?",
		"UPDATE activities SET actor_name = 'Quelqu''un' WHERE id = ?",
		"DELETE FROM activities WHERE id = ?",
	} {
		if err := db.Exec(stmt, row.ID).Error; err == nil {
			t.Fatalf("%s : accepté, le journal doit rester intact", stmt)
		}
	}
	if err := db.Model(&activity.Row{}).Where("id = ?", row.ID).Update("dossier_number", "1").Error; err == nil {
		t.Fatal("mise à jour par GORM acceptée")
	}
	if err := db.Delete(&activity.Row{}, row.ID).Error; err == nil {
		t.Fatal("suppression par GORM acceptée")
	}
	var again activity.Row
	if err := db.Take(&again, row.ID).Error; err != nil || again.Type != activity.ProductOrder || *again.DossierNumber != "1096429" {
		t.Fatalf("entrée modifiée : %+v %v", again, err)
	}
	if testdb.Dialect() == store.Postgres {
		if err := db.Exec("TRUNCATE activities").Error; err == nil {
			t.Fatal("TRUNCATE accepté")
		}
	}
}

func TestSortKeyFoldsAccentsAndCase(t *testing.T) {
	for in, want := range map[string]string{
		"Édith Descartes": "edith descartes", "  Zoé   Lévesque ": "zoe levesque", "ÇA «ça»": "ca «ca»",
	} {
		if got := activity.SortKey(in); got != want {
			t.Errorf("SortKey(%q) = %q, attendu %q", in, got, want)
		}
	}
	if activity.Thousands(5000) != "5\u00a0000" || activity.Thousands(123) != "123" || activity.Thousands(1234567) != "1\u00a0234\u00a0567" {
		t.Fatal(activity.Thousands(1234567))
	}
}

// The exports walk the view by keyset batches; whatever the sort and the
// batch size, they must produce exactly the lines of the list, in order.
func TestBatchesFollowTheListOrderForEverySort(t *testing.T) {
	db := testdb.DB(t)
	ctx := context.Background()
	me := person(t, db, "Édith", "Descartes", "")
	s1 := person(t, db, "Zoé", "Arsenault", "7001")
	s2 := person(t, db, "albert", "Zèbre", "7002")
	other := person(t, db, "Autre", "Personne", "")
	base := time.Date(2020, 10, 14, 12, 0, 0, 0, time.UTC)
	var rows []*activity.Row
	types := activity.Types
	for i := range 23 {
		at := base.Add(time.Duration(i%5) * time.Hour) // many equal dates: the id decides
		dossier := ""
		if i%3 != 0 {
			dossier = fmt.Sprintf("10%05d", (i*7)%11)
		}
		switch i % 4 {
		case 0:
			rows = append(rows, activity.NewRow(at, types[i%len(types)], me, s1, dossier))
		case 1:
			rows = append(rows, activity.NewRow(at, types[i%len(types)], me, s2, dossier))
		case 2:
			rows = append(rows, activity.NewRow(at, types[i%len(types)], s1, me, dossier))
		default:
			rows = append(rows, activity.NewRow(at, types[i%len(types)], me, me, dossier))
		}
	}
	rows = append(rows, activity.NewRow(base, activity.DMDeposit, s1, s2, "1000001"), activity.NewRow(base, activity.DMDeposit, other, s1, ""))
	write(t, db, rows...)

	for _, sort := range []activity.SortField{activity.SortDate, activity.SortDossier, activity.SortActivity, activity.SortActor, activity.SortPrincipal} {
		for _, asc := range []bool{true, false} {
			q := activity.Query{Viewer: me.ID, Sort: sort, Asc: asc}
			page, err := service(db).ListAll(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if page.TotalItems != 23 || len(page.Items) != 23 {
				t.Fatalf("%s : %d lignes visibles, 23 attendues", sort, page.TotalItems)
			}
			want := ids(page.Items)
			// 4: several batches and a partial last one; 23: one full batch
			// then an empty one; 1: every line a cursor (one sort, it is slow).
			sizes := []int{4, 23}
			if sort == activity.SortActor {
				sizes = append(sizes, 1)
			}
			for _, size := range sizes {
				b, err := activity.NewBatches(ctx, db, q, size)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for {
					batch, err := b.Next(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if len(batch) == 0 {
						break
					}
					got = append(got, ids(batch)...)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("tri %s asc=%v lots de %d :\n%v\nattendu\n%v", sort, asc, size, got, want)
				}
			}
		}
	}
}

func ids(vs []activity.View) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

// An export sees the log as it was when it started.
func TestBatchesIgnoreLinesWrittenDuringTheWalk(t *testing.T) {
	db := testdb.DB(t)
	ctx := context.Background()
	me := person(t, db, "Jean", "Piette", "5002")
	for range 3 {
		write(t, db, activity.NewRow(time.Now().Add(-time.Hour), activity.ProductOrder, me, me, ""))
	}
	b, err := activity.NewBatches(ctx, db, activity.Query{Viewer: me.ID, Asc: true}, 2)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := b.Next(ctx)
	write(t, db, activity.NewRow(time.Now(), activity.ProductOrder, me, me, ""))
	rest, _ := b.Next(ctx)
	if len(first)+len(rest) != 3 {
		t.Fatalf("%d + %d lignes", len(first), len(rest))
	}
}

// Day filters are calendar days in Québec: 2020-10-14 runs from 04:00 UTC
// (EDT) to 04:00 UTC the next day, both ends included as days.
func TestDateFiltersAreQuebecDays(t *testing.T) {
	db := testdb.DB(t)
	ctx := context.Background()
	me := person(t, db, "Claire", "Lavoie", "5003")
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	write(t, db,
		activity.NewRow(at("2020-10-14T03:59:59Z"), activity.ProductOrder, me, me, "1"), // 13 at 23:59:59 in Québec
		activity.NewRow(at("2020-10-14T04:00:00Z"), activity.ProductOrder, me, me, "2"), // 14 at 00:00
		activity.NewRow(at("2020-10-15T03:59:59.5Z"), activity.ProductOrder, me, me, "3"),
		activity.NewRow(at("2020-10-15T04:00:00Z"), activity.ProductOrder, me, me, "4"),
		// Winter (EST, UTC-5): 2020-12-01 starts at 05:00 UTC.
		activity.NewRow(at("2020-12-01T04:59:00Z"), activity.ProductOrder, me, me, "5"),
		activity.NewRow(at("2020-12-01T05:00:00Z"), activity.ProductOrder, me, me, "6"),
	)
	d := func(s string) *time.Time { v, _ := time.Parse("2006-01-02", s); return &v }
	for _, c := range []struct {
		from, to *time.Time
		want     []string
	}{
		{d("2020-10-14"), d("2020-10-14"), []string{"2", "3"}},
		{d("2020-10-14"), nil, []string{"2", "3", "4", "5", "6"}},
		{nil, d("2020-10-13"), []string{"1"}},
		{d("2020-12-01"), d("2020-12-01"), []string{"6"}},
		{d("2020-11-30"), d("2020-11-30"), []string{"5"}},
	} {
		page, err := service(db).ListAll(ctx, activity.Query{Viewer: me.ID, From: c.from, To: c.to, Asc: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range page.Items {
			got = append(got, *v.DossierNumber)
		}
		if !slices.Equal(got, c.want) {
			t.Fatalf("du %v au %v : %v, attendu %v", c.from, c.to, got, c.want)
		}
	}
	if _, err := service(db).List(ctx, activity.Query{Viewer: me.ID, From: d("2020-10-15"), To: d("2020-10-14")}, 1, 10); err == nil {
		t.Fatal("période à l'envers acceptée")
	}
}
