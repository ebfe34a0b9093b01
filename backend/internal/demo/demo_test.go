package demo_test

import (
	"context"
	"testing"

	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/demo"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "demo") }

// The guide's cast: Édith acts for Jean and Claire (so she must choose),
// Pierre for Jean only (his default), Jean for Alain, Marie for nobody.
func TestSeedIsTheGuidesCastAndIdempotent(t *testing.T) {
	db := testdb.DB(t)
	ctx := context.Background()
	acc := &accounts.Service{DB: db, Hasher: auth.Hasher{Params: auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}}}
	for i := 0; i < 2; i++ {
		if err := demo.Seed(ctx, db, acc, "Cadastre-Demo-2020"); err != nil {
			t.Fatal(err)
		}
	}
	deleg := &delegation.Service{DB: db, Accounts: acc}
	person := func(username string) auth.Person {
		var id string
		db.Raw("SELECT id FROM users WHERE username_key = ?", username).Scan(&id)
		u, err := acc.User(ctx, parseID(t, id))
		if err != nil {
			t.Fatal(err)
		}
		return accounts.Person(u)
	}
	cases := map[string]struct {
		delegants int
		standing  auth.Standing
	}{
		"edescartes": {2, auth.MustSelect},
		"pquiroule":  {1, auth.Acting},
		"jpiette":    {2, auth.Acting}, // himself and Alain Proviste
		"mtremblay":  {1, auth.Acting}, // herself only
	}
	for username, want := range cases {
		p := person(username)
		list, err := deleg.ListDelegants(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		_, standing, err := deleg.Resolve(ctx, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != want.delegants || standing != want.standing {
			t.Errorf("%s : %d délégants, état %v", username, len(list), standing)
		}
	}
	if !acc.Hasher.Verify(mustHash(t, db, "jpiette"), "Cadastre-Demo-2020") {
		t.Error("mot de passe de démonstration")
	}
	var n int64
	db.Raw("SELECT count(*) FROM dossiers").Scan(&n)
	if n != int64(len(demo.Dossiers)) {
		t.Errorf("%d dossiers", n)
	}
	// Jean Piette's history spans three pages, as in the guide (« 23 activités »).
	jean := person("jpiette")
	db.Raw("SELECT count(*) FROM activities WHERE actor_id = ? OR principal_id = ?", jean.ID, jean.ID).Scan(&n)
	if n != 23 {
		t.Errorf("Jean Piette voit %d activités, 23 attendues", n)
	}
}
