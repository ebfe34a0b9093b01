package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// envVars lists every variable the configuration reads, from its source.
func envVars(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../internal/config/config.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range regexp.MustCompile(`"((?:ESPACE|SMTP|DATABASE)_[A-Z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	if len(out) < 10 {
		t.Fatalf("variables trouvées : %v", out)
	}
	return out
}

// The README's configuration table names every variable the code reads.
func TestReadmeDocumentsEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range append(envVars(t), "ESPACE_ADMIN_PASSWORD", "TEST_DATABASE_URL", "ESPACE_TEST_DB") {
		if !strings.Contains(string(readme), "`"+v+"`") {
			t.Errorf("README.md ne documente pas %s", v)
		}
	}
}

// docker-compose.yml parses, has the four services, and only sets variables
// the application knows.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("../../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       map[string]string `yaml:"build"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"postgres", "mailpit", "api", "frontend"} {
		svc, ok := doc.Services[s]
		if !ok {
			t.Fatalf("service %s absent", s)
		}
		if svc.Image == "" && svc.Build["dockerfile"] == "" {
			t.Errorf("service %s : ni image ni build", s)
		}
		if df := svc.Build["dockerfile"]; df != "" {
			if _, err := os.Stat("../../../" + df); err != nil {
				t.Errorf("service %s : %v", s, err)
			}
		}
	}
	known := map[string]bool{}
	for _, v := range envVars(t) {
		known[v] = true
	}
	for k := range doc.Services["api"].Environment {
		if !known[k] {
			t.Errorf("docker-compose.yml : variable inconnue %s", k)
		}
	}
}
