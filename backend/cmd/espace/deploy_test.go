package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"espace/backend/internal/config"
	"espace/backend/internal/demo"
	"espace/backend/internal/store"
	"espace/backend/internal/testutil"
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
	readme := testutil.RepoFile(t, "README.md")
	for _, v := range append(envVars(t), "ESPACE_ADMIN_PASSWORD", "TEST_DATABASE_URL", "ESPACE_TEST_DB") {
		if !strings.Contains(string(readme), "`"+v+"`") {
			t.Errorf("README.md ne documente pas %s", v)
		}
	}
}

// composeFile is what the tests read of docker-compose.yml.
type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       map[string]string `yaml:"build"`
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Volumes     []string          `yaml:"volumes"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Deploy struct {
			Replicas int `yaml:"replicas"`
		} `yaml:"deploy"`
	} `yaml:"services"`
}

// docker-compose.yml parses, has its services, and only sets variables the
// application knows.
func TestComposeFile(t *testing.T) {
	var doc composeFile
	testutil.RepoYAML(t, "docker-compose.yml", &doc)
	for _, s := range []string{"postgres", "migrate", "demo", "redis", "mailpit", "api", "frontend"} {
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
		for _, dep := range svc.DependsOn {
			if dep.Condition == "" {
				t.Errorf("service %s : dépendance sans condition", s)
			}
		}
	}
	known := map[string]bool{
		// Read by the shared rate limiter (SPEC §16).
		"REDIS_URL": true,
	}
	for _, v := range envVars(t) {
		known[v] = true
	}
	for _, name := range []string{"migrate", "demo", "api"} {
		for k := range doc.Services[name].Environment {
			if !known[k] {
				t.Errorf("docker-compose.yml : %s : variable inconnue %s", name, k)
			}
		}
	}
}

// The compose stack runs like production (SPEC §16, §17): migrations by the
// owner role, the API as a runtime role, two replicas behind nginx, Redis.
func TestComposeRunsAsRuntimeRoleWithReplicas(t *testing.T) {
	var doc composeFile
	testutil.RepoYAML(t, "docker-compose.yml", &doc)
	user := func(rawURL string) string {
		u, err := url.Parse(rawURL)
		if err != nil || u.User == nil {
			t.Fatalf("URL sans rôle : %q", rawURL)
		}
		return u.User.Username()
	}
	api, migrate := doc.Services["api"], doc.Services["migrate"]
	owner, runtime := user(migrate.Environment["ESPACE_MIGRATE_DATABASE_URL"]), user(api.Environment["DATABASE_URL"])
	if owner == runtime || user(migrate.Environment["DATABASE_URL"]) != runtime || user(doc.Services["demo"].Environment["DATABASE_URL"]) != runtime {
		t.Fatalf("rôles : propriétaire %q, service %q", owner, runtime)
	}
	if _, ok := api.Environment["ESPACE_MIGRATE_DATABASE_URL"]; ok {
		t.Fatal("le service ne doit pas connaître l'URL du propriétaire")
	}
	if strings.Join(migrate.Command, " ") != "migrate" || api.DependsOn["migrate"].Condition != "service_completed_successfully" {
		t.Fatalf("migrations : %v %v", migrate.Command, api.DependsOn)
	}
	if api.Deploy.Replicas < 2 || api.Environment["REDIS_URL"] == "" || api.Environment["ESPACE_JWT_SECRET"] == "" {
		t.Fatalf("api : %d répliques, REDIS_URL %q", api.Deploy.Replicas, api.Environment["REDIS_URL"])
	}
	if _, ok := api.Environment["ESPACE_DEMO"]; ok {
		t.Fatal("le service ne charge pas la démonstration lui-même : le job demo s'en charge une fois")
	}
	// The init script creates both roles and the database owned by the owner.
	var script string
	for _, v := range doc.Services["postgres"].Volumes {
		if host, target, ok := strings.Cut(v, ":"); ok && strings.HasPrefix(target, "/docker-entrypoint-initdb.d") {
			entries, err := os.ReadDir(filepath.Join("../../..", host))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				b, _ := os.ReadFile(filepath.Join("../../..", host, e.Name()))
				script += string(b)
			}
		}
	}
	for _, want := range []string{"CREATE ROLE " + owner + " LOGIN", "CREATE ROLE " + runtime + " LOGIN", "OWNER " + owner} {
		if !strings.Contains(script, want) {
			t.Errorf("script d'initialisation sans %q", want)
		}
	}
	conf := testutil.RepoFile(t, "frontend/nginx.conf")
	// Secrets in query strings (reset links) never reach nginx's log.
	if !regexp.MustCompile(`access_log \S+ espace;`).Match(conf) || regexp.MustCompile(`log_format espace[^;]*\$(request|args|query_string|request_uri|http_referer)\b`).Match(conf) {
		t.Fatal("le journal de nginx doit omettre la chaîne de requête")
	}
	if !regexp.MustCompile(`(?s)upstream api \{[^}]*server api:8080;`).Match(conf) || strings.Contains(string(conf), "proxy_pass http://api:8080") {
		t.Fatal("nginx doit passer par l'upstream des répliques")
	}
}

// nginx sends for the SPA the same security headers as the API (SPEC §17).
func TestNginxSendsTheAPIsSecurityHeaders(t *testing.T) {
	conf := testutil.RepoFile(t, "frontend/nginx.conf")
	loc := regexp.MustCompile(`(?s)location / \{(.*?)\n    \}`).FindSubmatch(conf)
	if loc == nil {
		t.Fatal("location / absente")
	}
	nginx := map[string]string{}
	for _, m := range regexp.MustCompile(`add_header ([A-Za-z-]+) "([^"]*)" always;`).FindAllSubmatch(loc[1], -1) {
		nginx[http.CanonicalHeaderKey(string(m[1]))] = string(m[2])
	}
	base, _, stop := startServe(t, nil)
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	stop()
	for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Permissions-Policy", "Content-Security-Policy"} {
		if api := res.Header.Get(h); api == "" || nginx[h] != api {
			t.Errorf("%s : API %q, nginx %q", h, api, nginx[h])
		}
	}
}

// startServe runs `espace serve` in-process on a free port with env, until
// the returned stop is called; the log goes to the returned buffer.
func startServe(t *testing.T, env map[string]string) (base string, logs *testutil.SyncBuffer, stop func()) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	for _, k := range []string{"DATABASE_URL", "ESPACE_MIGRATE_DATABASE_URL", "ESPACE_DEMO", "SMTP_URL", "ESPACE_PUBLIC_URL"} {
		t.Setenv(k, "")
	}
	t.Setenv("ESPACE_ADDR", addr)
	t.Setenv("ESPACE_WEB_DIR", filepath.Join(t.TempDir(), "absent"))
	t.Setenv("ESPACE_JWT_SECRET", "clé de test de trente-deux octets au moins !!")
	t.Setenv("ESPACE_DATA_DIR", t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	logs = &testutil.SyncBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(logs, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg) }()
	base = "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-done:
			slog.SetDefault(prev)
			t.Fatalf("serve s'est arrêté : %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve ne répond pas\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
				t.Errorf("serve : %v", err)
			}
			slog.SetDefault(prev)
		})
	}
	t.Cleanup(stop)
	return base, logs, stop
}

func countUsers(t *testing.T, dataDir string) int64 {
	t.Helper()
	db, err := store.Open("", dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	// The command line's system actor (§13) comes with the schema, not a seed.
	if err := db.Model(&store.User{}).Where("id <> ?", store.SystemUserID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Nothing by surprise (SPEC §17): a fresh serve on an empty database with
// ESPACE_DEMO unset creates no account, and the log says how to create the
// first administrator; ESPACE_DEMO=1 loads the guide's cast.
func TestServeSeedsOnlyWithDemoSetExplicitly(t *testing.T) {
	_, logs, stop := startServe(t, nil)
	dir := os.Getenv("ESPACE_DATA_DIR")
	stop()
	if n := countUsers(t, dir); n != 0 {
		t.Fatalf("ESPACE_DEMO absent : %d utilisateurs créés", n)
	}
	if !strings.Contains(logs.String(), "espace admin create-user --admin") {
		t.Fatalf("le journal ne dit pas comment créer le premier administrateur :\n%s", logs.String())
	}

	_, _, stop = startServe(t, map[string]string{"ESPACE_DEMO": "0"})
	dir = os.Getenv("ESPACE_DATA_DIR")
	stop()
	if n := countUsers(t, dir); n != 0 {
		t.Fatalf("ESPACE_DEMO=0 : %d utilisateurs créés", n)
	}

	_, logs, stop = startServe(t, map[string]string{"ESPACE_DEMO": "1", "ESPACE_DEMO_PASSWORD": "démo-de-test-verger"})
	dir = os.Getenv("ESPACE_DATA_DIR")
	stop()
	if n := countUsers(t, dir); n != int64(len(demo.Cast)) {
		t.Fatalf("ESPACE_DEMO=1 : %d utilisateurs, attendu %d", n, len(demo.Cast))
	}
	if strings.Contains(logs.String(), "create-user") {
		t.Fatal("avec la démonstration, pas de consigne de premier administrateur")
	}
}

// make run sets ESPACE_DEMO=1, so the README's first command still opens on
// the guide's cast.
func TestMakeRunSetsDemo(t *testing.T) {
	raw := testutil.RepoFile(t, "Makefile")
	if !regexp.MustCompile(`(?m)^run:.*\n(\t.*\n)*\tESPACE_DEMO=1 `).Match(raw) {
		t.Fatal("make run doit fixer ESPACE_DEMO=1")
	}
}
