package main

import (
	"os/exec"
	"strings"
	"testing"
)

// testOnly are the packages that serve tests: testdb creates and drops
// databases, fixture writes rows past the services' rules, mailtest is a
// fake SMTP server. None may be linked into the binary that is deployed.
var testOnly = []string{
	"espace/backend/internal/testdb",
	"espace/backend/internal/testutil",
	"espace/backend/internal/fixture",
	"espace/backend/internal/mailtest",
}

func TestBinaryLinksNoTestPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list : %v", err)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	if !deps["espace/backend/internal/httpapi"] {
		t.Fatalf("go list n'a pas donné les dépendances du programme : %s", out)
	}
	for _, p := range testOnly {
		if deps[p] {
			t.Errorf("%s est lié au programme déployé", p)
		}
	}
}
