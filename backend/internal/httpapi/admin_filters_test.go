package httpapi_test

import (
	"testing"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
)

type filterChoices struct {
	Types              []struct{ Code, Label string }
	Actors, Principals []actRef
}

func (e *env) filterChoices(path string, tok tokens) filterChoices {
	e.t.Helper()
	var f filterChoices
	e.getJSON(tok, path, &f)
	return f
}

func findRef(ps []actRef, id string) *actRef {
	for i := range ps {
		if ps[i].UserID == id {
			return &ps[i]
		}
	}
	return nil
}

// §13, §15: the administration journal's filters offer everyone the journal
// names, whoever acted, not just the people of the page on screen; and only
// administrators may read them.
func TestAdministrationJournalFilterChoices(t *testing.T) {
	e := newEnv(t)
	granting, reading := e.admin(), e.admin()
	grantingMe := e.expect(e.me(granting.Access), 200).JSON(t)
	grantingID := grantingMe["id"].(string)
	u := e.signUp("nomme")
	mat := newMatricule()
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: granting.Access, body: map[string]any{"username": u.Username, "matricule": mat}}), 201)

	// The other administrator, who did nothing yet, is offered both people,
	// with their usernames, and the journal's types in filter order.
	f := e.filterChoices("/api/v1/admin/activity-filters", reading)
	if len(f.Types) != len(activity.AdminTypes) || f.Types[0].Code != string(activity.AdminTypes[0]) || f.Types[0].Label != activity.AdminTypes[0].Label() {
		t.Fatalf("types : %+v", f.Types)
	}
	actor := findRef(f.Actors, grantingID)
	if actor == nil || actor.Username != grantingMe["username"] || actor.FirstName != grantingMe["firstName"] {
		t.Fatalf("administrateur absent de « Réalisée par » : %+v", f.Actors)
	}
	principal := findRef(f.Principals, u.ID)
	if principal == nil || principal.Username != u.Username || principal.Matricule == nil || *principal.Matricule != mat {
		t.Fatalf("arpenteur absent de « Réalisée pour » : %+v", f.Principals)
	}
	// The command line, which named both administrators, is offered too.
	if findRef(f.Actors, accounts.System.ID.String()) == nil || findRef(f.Principals, grantingID) == nil {
		t.Fatalf("ligne de commande ou administrateur nommé absent : %+v / %+v", f.Actors, f.Principals)
	}

	// The user's own filters know nothing of the journal.
	mine := e.filterChoices("/api/v1/activity-filters", e.login(u))
	if findRef(mine.Actors, grantingID) != nil || len(mine.Types) != len(activity.Types) {
		t.Fatalf("le journal fuit dans le suivi : %+v", mine)
	}

	// Administrators only.
	if c := code(e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activity-filters", token: e.login(u).Access}), 403)); c != "admin_only" {
		t.Fatal(c)
	}
	e.expect(e.do(req{method: "GET", path: "/api/v1/admin/activity-filters"}), 401)
}
