package portal

import (
	"fmt"
	"strings"
	"testing"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/delegation"
)

// dm writes a DemandeMiseAJour for the matricule and dossier with the lots
// given as "number:operation".
func dm(matricule, dossier string, lots ...string) DMFile {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<DemandeMiseAJour matricule="%s" dossier="%s">`, matricule, dossier)
	for _, l := range lots {
		n, op, _ := strings.Cut(l, ":")
		fmt.Fprintf(&b, `<Lot numero="%s" operation="%s"/>`, n, op)
	}
	b.WriteString("</DemandeMiseAJour>\n")
	return DMFile{Name: "demande.xml", Content: []byte(b.String())}
}

// outcome is the report as a string of P (passed) and F (failed), R1 first.
func outcome(fs []Finding) string {
	var b strings.Builder
	for i, f := range fs {
		if f.Rule != fmt.Sprintf("R%d", i+1) {
			return "règle " + f.Rule + " hors d'ordre"
		}
		b.WriteString(map[bool]string{true: "P", false: "F"}[f.Passed])
	}
	return b.String()
}

// Each prevalidation rule (R1 to R8, openapi.yaml) refuses what it must and
// only that; after R1, R2 or R3 fails, the next ones are not checked.
func TestPrevalidationRules(t *testing.T) {
	e := newEnv(t)
	jean, claire, ds := e.jean, e.claire, e.dossiers()
	own, survey, theirs := ds.cadastre, ds.survey, ds.theirCadastre
	m := jean.Matricule
	renamed := func(f DMFile, name string) DMFile { f.Name = name; return f }
	raw := func(s string) DMFile { return DMFile{Name: "demande.xml", Content: []byte(s)} }
	many := make([]string, MaxDMLots+1)
	for i := range many {
		many[i] = fmt.Sprintf("%07d:creation", 5000000+i)
	}
	cases := []struct {
		name, want string
		file       DMFile
	}{
		{"valide", "PPPPPPPP", dm(m, own, "1234567:creation", "1234568:modification", "1234569:annulation")},
		{"valide sans dossier", "PPPPPPPP", dm(m, "", "1234567:creation")},
		{"R1 extension", "FFFFFFFF", renamed(dm(m, own, "1234567:creation"), "demande.txt")},
		{"R1 vide", "FFFFFFFF", raw("")},
		{"R1 trop gros", "FFFFFFFF", raw("<DemandeMiseAJour>" + strings.Repeat(" ", MaxDMSize))},
		{"R2 mal formé", "PFFFFFFF", raw("<DemandeMiseAJour matricule='x'>")},
		{"R2 contenu après la racine", "PFFFFFFF", raw("<DemandeMiseAJour/><Autre/>")},
		{"R3 racine", "PPFFFFFF", raw(`<Demande matricule="` + m + `"><Lot numero="1234567" operation="creation"/></Demande>`)},
		{"R4 matricule", "PPPFPPPP", dm(claire.Matricule, "", "1234567:creation")},
		{"R5 dossier d'un autre", "PPPPFPPP", dm(m, theirs, "1234567:creation")},
		{"R5 dossier d'arpentage", "PPPPFPPP", dm(m, survey, "1234567:creation")},
		{"R5 dossier inconnu", "PPPPFPPP", dm(m, "0000001", "1234567:creation")},
		{"R6 aucun lot", "PPPPPFPP", dm(m, own)},
		{"R6 trop de lots", "PPPPPFPP", dm(m, own, many...)},
		{"R7 numéro invalide", "PPPPPPFP", dm(m, own, "123456:creation")},
		{"R7 numéro en double", "PPPPPPFP", dm(m, own, "1234567:creation", "1234567:modification")},
		{"R8 opération inconnue", "PPPPPPPF", dm(m, own, "1234567:fusion")},
		{"R8 opération absente", "PPPPPPPF", dm(m, own, "1234567:")},
	}
	for _, c := range cases {
		p, err := e.svc.Prevalidate(e.Ctx, self(jean), c.file)
		ok(t, err)
		if got := outcome(p.Findings); got != c.want || p.Valid != (c.want == "PPPPPPPP") {
			t.Errorf("%s : %s (valide %v), attendu %s; %+v", c.name, got, p.Valid, c.want, p.Findings)
		}
	}

	// The report repeats the file's values without their control characters.
	p, err := e.svc.Prevalidate(e.Ctx, self(jean), dm("12&#9;34", "", "1234567:creation"))
	ok(t, err)
	if msg := p.Findings[3].Message; strings.ContainsRune(msg, '\t') || !strings.Contains(msg, "12\uFFFD34") {
		t.Fatalf("R4 : %q", msg)
	}
}

// A prevalidation is kept with its report, decoded from its JSON column on
// the way back, and journaled; a report that does not decode is an error,
// not an empty list.
func TestPrevalidationsKept(t *testing.T) {
	e := newEnv(t)
	jean, claire := e.jean, e.claire
	sess := e.delegates(jean, e.user("Edith", false), delegation.DMPrevalidation)
	made, err := e.svc.Prevalidate(e.Ctx, sess, dm(jean.Matricule, "", "1234567:fusion"))
	ok(t, err)
	_, err = e.svc.Prevalidate(e.Ctx, self(claire), dm(claire.Matricule, "", "1234567:creation"))
	ok(t, err)

	page, err := e.svc.Prevalidations(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if page.TotalItems != 1 || len(page.Items) != 1 {
		t.Fatalf("prévalidations de Jean : %d", page.TotalItems)
	}
	got := page.Items[0]
	if got.ID != made.ID || got.ActorID != sess.Actor.ID || got.Valid || outcome(got.Findings) != "PPPPPPPF" ||
		got.Findings[7].Message != made.Findings[7].Message || got.Sha256 != digest(dm(jean.Matricule, "", "1234567:fusion").Content) {
		t.Fatalf("relue : %+v", got)
	}
	rows := e.Activities(activity.DMPrevalidation, jean.ID)
	if len(rows) != 1 || rows[0].ActorID != sess.Actor.ID || *rows[0].Detail != "demande.xml" {
		t.Fatalf("journal : %+v", rows)
	}

	e.Must(e.DB.Exec("UPDATE dm_prevalidations SET findings = ? WHERE id = ?", "pas du JSON", made.ID).Error)
	if _, err := e.svc.Prevalidations(e.Ctx, self(jean), 1, 10); err == nil {
		t.Fatal("un rapport illisible est lu comme une liste vide")
	}
}

// Only a surveyor in their own name deposits a DM, and only one that passes
// every rule; the deposit opens a cadastre dossier being processed.
func TestDeposit(t *testing.T) {
	e := newEnv(t)
	jean, claire := e.jean, e.claire
	delegate := e.delegates(jean, e.user("Edith", false), delegation.DMDeposit)
	good := dm(jean.Matricule, "", "1234567:creation", "1234568:creation")

	_, err := e.svc.Deposit(e.Ctx, delegate, good)
	refused(t, err, apperr.KindForbidden, "surveyor_only")
	_, err = e.svc.Deposit(e.Ctx, self(jean), dm(jean.Matricule, "", "1234567:fusion", "12:creation"))
	refused(t, err, apperr.KindUnprocessable, "validation_failed", "/file", "/file")
	none, err := e.svc.Deposits(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if none.TotalItems != 0 {
		t.Fatal("une DM refusée a été déposée")
	}

	d, err := e.svc.Deposit(e.Ctx, self(jean), good)
	ok(t, err)
	if d.LotCount != 2 || d.SurveyorID != jean.ID || d.Size != int64(len(good.Content)) {
		t.Fatalf("dépôt : %+v", d)
	}
	var opened Dossier
	e.Must(e.DB.Where("number = ?", d.DossierNumber).Take(&opened).Error)
	if opened.Kind != CadastreDossier || opened.Status != DossierProcessing || opened.ResponsibleID != jean.ID || opened.Title != "DM déposée — 2 lot(s)" {
		t.Fatalf("dossier ouvert : %+v", opened)
	}
	rows := e.Activities(activity.DMDeposit, jean.ID)
	if len(rows) != 1 || *rows[0].DossierNumber != d.DossierNumber {
		t.Fatalf("journal : %+v", rows)
	}

	_, err = e.svc.Deposit(e.Ctx, self(claire), dm(claire.Matricule, "", "1234567:creation"))
	ok(t, err)
	list, err := e.svc.Deposits(e.Ctx, self(jean), 1, 10)
	ok(t, err)
	if list.TotalItems != 1 || list.Items[0].ID != d.ID || list.Items[0].Content != nil || list.Items[0].Sha256 != d.Sha256 {
		t.Fatalf("dépôts de Jean : %+v", list)
	}
}
