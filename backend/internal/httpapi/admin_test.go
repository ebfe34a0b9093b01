package httpapi_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
)

func (e *env) admin() tokens {
	e.t.Helper()
	return e.loginAsAdmin(e.signUp("admin"))
}

// sweepIdentity is an administrator who is also a surveyor acting in their
// own name: it satisfies every operation's need.
func (e *env) sweepIdentity() tokens {
	e.t.Helper()
	return e.loginAsAdmin(e.surveyor("balai"))
}

// loginAsAdmin makes u an administrator, then signs them in.
func (e *env) loginAsAdmin(u user) tokens {
	e.t.Helper()
	if err := e.acc.SetAdmin(context.Background(), uuid.MustParse(u.ID)); err != nil {
		e.t.Fatal(err)
	}
	return e.login(u)
}

func newMatricule() string { return strconv.Itoa(100000 + int(time.Now().UnixNano()%899999)) }

func TestAdministratorGrantsAndWithdrawsSurveyorStatus(t *testing.T) {
	e := newEnv(t)
	adm := e.admin()
	u := e.signUp("arpenteur")
	tk := e.login(u)
	mat := newMatricule()

	// Not self-declared: a plain user cannot grant it.
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: tk.Access, body: map[string]any{"username": u.Username, "matricule": mat}}), 403)
	if r.JSON(t)["code"] != "admin_only" {
		t.Fatalf("%s", r.Body)
	}
	r = e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": u.Username, "matricule": mat}}), 201)
	if r.JSON(t)["matricule"] != mat {
		t.Fatalf("%s", r.Body)
	}
	m := e.expect(e.me(tk.Access), 200).JSON(t)
	if m["surveyor"].(map[string]any)["matricule"] != mat || m["actingFor"].(map[string]any)["matricule"] != mat {
		t.Fatalf("un arpenteur agit pour lui-même par défaut : %v", m)
	}
	// The contract requires delegationEnded: sent even when nothing ended.
	if ended, sent := m["delegationEnded"]; !sent || ended != false {
		t.Fatalf("/me doit toujours dire delegationEnded (faux ici) : %v", m)
	}
	// Matricule unique; one status per user; digits only; user must exist.
	v := e.signUp("second")
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": v.Username, "matricule": mat}}), 409)
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": u.Username, "matricule": newMatricule()}}), 409)
	if f := e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": v.Username, "matricule": "50A1"}}), 400).Fields(t); f["/matricule"] == "" {
		t.Fatal("matricule non numérique accepté")
	}
	e.expect(e.do(req{method: "POST", path: "/api/v1/admin/surveyors", token: adm.Access, body: map[string]any{"username": "personne" + v.Username, "matricule": "77"}}), 404)

	list := e.expect(e.do(req{method: "GET", path: "/api/v1/admin/surveyors", token: adm.Access}), 200)
	if len(list.Body) < 10 {
		t.Fatalf("%s", list.Body)
	}
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + mat, token: tk.Access}), 403)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + mat, token: adm.Access}), 204)
	e.expect(e.do(req{method: "DELETE", path: "/api/v1/admin/surveyors/" + mat, token: adm.Access}), 404)
	m = e.expect(e.me(tk.Access), 200).JSON(t)
	if m["surveyor"] != nil || m["actingFor"] != nil {
		t.Fatalf("le statut retiré compte encore : %v", m)
	}
}
