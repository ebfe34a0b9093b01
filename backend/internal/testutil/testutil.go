// Package testutil holds what tests of several packages read from the
// repository around the code (deployment files, README) and a log buffer
// they can share with the code under test.
package testutil

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// RepoFile reads the file at rel from the repository's root (the folder of
// go.work), wherever the test runs.
func RepoFile(t testing.TB, rel string) []byte {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.work introuvable au-dessus du dossier du test")
		}
		dir = parent
	}
	raw, err := os.ReadFile(filepath.Join(dir, rel)) //nolint:gosec // a file of this repository, named by the test
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// RepoYAML decodes the YAML file at rel from the repository's root into v.
func RepoYAML(t testing.TB, rel string, v any) {
	t.Helper()
	if err := yaml.Unmarshal(RepoFile(t, rel), v); err != nil {
		t.Fatalf("%s : %v", rel, err)
	}
}

// AlertRule is one rule of deploy/prometheus/alerts.yml.
type AlertRule struct {
	Alert string `yaml:"alert"`
	Expr  string `yaml:"expr"`
}

// AlertRules are the alerting rules the deployment gives Prometheus.
func AlertRules(t testing.TB) []AlertRule {
	t.Helper()
	var file struct {
		Groups []struct {
			Rules []AlertRule `yaml:"rules"`
		} `yaml:"groups"`
	}
	RepoYAML(t, "deploy/prometheus/alerts.yml", &file)
	var rules []AlertRule
	for _, g := range file.Groups {
		rules = append(rules, g.Rules...)
	}
	return rules
}

// SyncBuffer is a bytes.Buffer that the code under test may write to from
// several goroutines while the test reads it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// PDFText renders a PDF to text with pdftotext -layout (poppler-utils),
// which the tests of the PDF exports require.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext (poppler-utils) est requis pour vérifier les PDF")
	}
	path := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output() //nolint:gosec // pdftotext found on PATH, on a file the test wrote
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
