package main

// Many instances behave as one (SPEC §16): two `espace serve` processes on
// one PostgreSQL database and one Redis. Runs in the PostgreSQL pass of the
// test suite; Redis must answer at TEST_REDIS_URL (default the local one).

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"espace/backend/cmd/internal/bench"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/ratelimit/redistest"
	"espace/backend/internal/testdb"
)

// instance is one running `espace serve`.
type instance struct {
	name string
	base string
	cmd  *exec.Cmd
	log  *bytes.Buffer
}

// cluster is what the instances share.
type cluster struct {
	t        *testing.T
	bin      string
	env      []string
	smtpAddr string
}

func TestInstancesBehaveAsOne(t *testing.T) {
	if testdb.Dialect() != "postgres" {
		t.Skip("plusieurs instances : PostgreSQL seulement (la passe SQLite n'a pas de base partagée)")
	}
	redisURL := redistest.URL()
	requireRedis(t, redisURL)

	c := &cluster{t: t, bin: buildBinary(t), smtpAddr: mailtest.FreeAddr(t)}
	dbURL := scratchDatabase(t)
	c.env = []string{
		"DATABASE_URL=" + dbURL,
		"REDIS_URL=" + redisURL,
		"ESPACE_REDIS_PREFIX=" + redistest.Prefix(t),
		"SMTP_URL=smtp://" + c.smtpAddr + "?tls=none",
		"ESPACE_JWT_KEYS=k1:" + strings.Repeat("1", 40),
		"ESPACE_PUBLIC_URL=http://espace.test",
		"ESPACE_WEB_DIR=",
		"ESPACE_DATA_DIR=" + t.TempDir(),
		"ESPACE_LOG_LEVEL=warn",
	}
	// The users: created on the command line, as an operator would.
	c.cli("admin", "create-user", "--username", "msurv", "--email", "m.surv@exemple.qc.ca",
		"--first-name", "Marie", "--last-name", "Arpent", "--matricule", "5901")

	a := c.start("A", nil)
	b := c.start("B", nil)

	// A délégataire signs up through B; the surveyor designates them through A.
	status(t, b.do("POST", "/api/v1/accounts", "", map[string]any{
		"username": "ptech", "email": "p.tech@exemple.qc.ca", "firstName": "Pierre", "lastName": "Tech",
		"password": "une phrase de passe solide",
	}), 201)
	surveyor := a.login(t, "msurv", adminPassword)
	var candidates []struct {
		ID string `json:"userId"`
	}
	decode(t, a.do("GET", "/api/v1/delegate-candidates?username=ptech", surveyor.AccessToken, nil), 200, &candidates)
	if len(candidates) != 1 {
		t.Fatalf("recherche du délégataire : %d résultat(s)", len(candidates))
	}
	delegate := candidates[0]
	status(t, a.do("POST", "/api/v1/delegates", surveyor.AccessToken, map[string]any{"userId": delegate.ID}), 201)

	// Acting-for chosen through A holds through B.
	tech := a.login(t, "ptech", "une phrase de passe solide")
	surveyorID := userID(t, a, "msurv")
	var chosen tokenPair
	decode(t, a.do("POST", "/api/v1/auth/acting-for", tech.AccessToken, map[string]any{"delegantId": surveyorID}), 200, &chosen)
	var me struct {
		ActingFor *struct {
			UserID string `json:"userId"`
		} `json:"actingFor"`
	}
	decode(t, b.do("GET", "/api/v1/me", chosen.AccessToken, nil), 200, &me)
	if me.ActingFor == nil || me.ActingFor.UserID != surveyorID {
		t.Fatalf("B ne voit pas le choix fait par A : %+v", me.ActingFor)
	}
	status(t, b.do("GET", "/api/v1/dossiers?kind=cadastre", chosen.AccessToken, nil), 200)
	// A refresh through B keeps the choice made through A.
	refreshed := b.refresh(t, tech.RefreshToken)
	decode(t, b.do("GET", "/api/v1/me", refreshed.AccessToken, nil), 200, &me)
	if me.ActingFor == nil || me.ActingFor.UserID != surveyorID {
		t.Fatalf("après rafraîchissement par B, le choix est perdu : %+v", me.ActingFor)
	}

	// A removal through A is refused by B on the very next request.
	status(t, a.do("DELETE", "/api/v1/delegates/"+delegate.ID, surveyor.AccessToken, nil), 204)
	res := b.do("GET", "/api/v1/dossiers?kind=cadastre", refreshed.AccessToken, nil)
	if code := problemCode(t, res, 403); code != "delegation_not_active" {
		t.Fatalf("B après le retrait par A : code %q", code)
	}

	// The login limit is counted across both instances: failures alternate
	// between A and B, and the limit answers on both once reached.
	limited := 0
	for i := 0; i < 40 && limited == 0; i++ {
		inst := []*instance{a, b}[i%2]
		res := inst.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "msurv", "password": "pas le bon mot de passe"})
		switch res.StatusCode {
		case 401:
		case 429:
			limited = i
		default:
			t.Fatalf("connexion %d par %s : statut %d", i, inst.name, res.StatusCode)
		}
		res.Body.Close()
	}
	if limited == 0 {
		t.Fatal("40 échecs de connexion sans limite")
	}
	for _, inst := range []*instance{a, b} {
		res := inst.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "msurv", "password": "pas le bon mot de passe"})
		if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s après la limite atteinte à deux : statut %d, Retry-After %q", inst.name, res.StatusCode, res.Header.Get("Retry-After"))
		}
		res.Body.Close()
	}
	// Each instance counting alone would have allowed twice the burst.
	if burst := httpapi.DefaultLimits.LoginPerAccountIP.Burst; limited > burst {
		t.Errorf("limite atteinte après %d échecs répartis sur A et B, attendu au plus %d : le compte n'est pas partagé", limited, burst)
	}

	// SMTP was down all along: every e-mail waits in the outbox. Once it is
	// back, both workers deliver each e-mail exactly once.
	smtp := mailtest.StartOn(t, c.smtpAddr)
	wantMail := map[string]string{
		mail.SubjectWelcome:                   "p.tech@exemple.qc.ca",
		mail.SubjectDelegateAddedToSurveyor:   "m.surv@exemple.qc.ca",
		mail.SubjectDelegateAddedToDelegate:   "p.tech@exemple.qc.ca",
		mail.SubjectDelegateRemovedToDelegate: "p.tech@exemple.qc.ca",
	}
	for subject, to := range wantMail {
		smtp.WaitFor(t, func(r mailtest.Received) bool { return r.Subject == subject && mailtest.To(to)(r) }, 90*time.Second)
	}
	time.Sleep(4 * time.Second) // both workers poll every 2 s: give a duplicate the time to show
	for subject, to := range wantMail {
		if n := smtp.Count(func(r mailtest.Received) bool { return r.Subject == subject && mailtest.To(to)(r) }); n != 1 {
			t.Errorf("« %s » à %s reçu %d fois, attendu 1", subject, to, n)
		}
	}

	// Key rotation: both instances restart with a new signing key first and
	// the old one still verifying; the sessions opened before stay alive.
	a.stop(t)
	b.stop(t)
	rotated := []string{"ESPACE_JWT_KEYS=k2:" + strings.Repeat("2", 40) + ",k1:" + strings.Repeat("1", 40)}
	a = c.start("A2", rotated)
	b = c.start("B2", rotated)
	status(t, b.do("GET", "/api/v1/me", surveyor.AccessToken, nil), 200)
	renewed := a.refresh(t, surveyor.RefreshToken)
	if kid := tokenKid(t, renewed.AccessToken); kid != "k2" {
		t.Errorf("après rotation, le nouveau jeton est signé par %q, attendu k2", kid)
	}
	if kid := tokenKid(t, surveyor.AccessToken); kid != "k1" {
		t.Errorf("l'ancien jeton porte kid %q, attendu k1", kid)
	}
	status(t, b.do("GET", "/api/v1/delegates", renewed.AccessToken, nil), 200)
}

const adminPassword = "mot de passe de l'exploitant 2026"

func (c *cluster) cli(args ...string) {
	c.t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Env = append(os.Environ(), c.env...)
	cmd.Env = append(cmd.Env, "ESPACE_ADMIN_PASSWORD="+adminPassword)
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.t.Fatalf("espace %s : %v\n%s", strings.Join(args, " "), err, out)
	}
}

// start runs `espace serve` with the cluster's settings (extra ones last, so
// they win) and waits until it is ready.
func (c *cluster) start(name string, extra []string) *instance {
	c.t.Helper()
	addr := mailtest.FreeAddr(c.t)
	inst := &instance{name: name, base: "http://" + addr, log: &bytes.Buffer{}}
	inst.cmd = exec.Command(c.bin, "serve")
	inst.cmd.Env = append(append(append(os.Environ(), c.env...), "ESPACE_ADDR="+addr), extra...)
	inst.cmd.Stdout = inst.log
	inst.cmd.Stderr = inst.log
	if err := inst.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { inst.stop(c.t) })
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(inst.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return inst
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s n'est pas prête : %v\n%s", name, err, inst.log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (inst *instance) stop(t *testing.T) {
	if inst.cmd.Process == nil || inst.cmd.ProcessState != nil {
		return
	}
	_ = inst.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = inst.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(25 * time.Second):
		_ = inst.cmd.Process.Kill()
		<-done
	}
	if t.Failed() {
		t.Logf("journal de %s :\n%s", inst.name, inst.log)
	}
}

func (inst *instance) do(method, path, token string, body any) *http.Response {
	req, err := bench.Request(method, inst.base+path, token, body)
	if err != nil {
		panic(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(fmt.Sprintf("%s %s %s : %v", inst.name, method, path, err))
	}
	return res
}

type tokenPair struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
}

func (inst *instance) login(t *testing.T, username, password string) tokenPair {
	t.Helper()
	var tp tokenPair
	decode(t, inst.do("POST", "/api/v1/auth/login", "", map[string]any{"username": username, "password": password}), 200, &tp)
	if tp.RefreshToken == "" {
		t.Fatalf("%s : connexion sans jeton de rafraîchissement", inst.name)
	}
	return tp
}

func (inst *instance) refresh(t *testing.T, refreshToken string) tokenPair {
	t.Helper()
	var tp tokenPair
	decode(t, inst.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refreshToken": refreshToken}), 200, &tp)
	return tp
}

// userID finds a user's id through a surveyor-free path: the account's own /me.
func userID(t *testing.T, inst *instance, username string) string {
	t.Helper()
	password := "une phrase de passe solide"
	if username == "msurv" {
		password = adminPassword
	}
	tp := inst.login(t, username, password)
	var me struct {
		ID string `json:"id"`
	}
	decode(t, inst.do("GET", "/api/v1/me", tp.AccessToken, nil), 200, &me)
	status(t, inst.do("POST", "/api/v1/auth/logout", tp.AccessToken, nil), 204)
	return me.ID
}

func status(t *testing.T, res *http.Response, want int) {
	t.Helper()
	defer res.Body.Close()
	if res.StatusCode != want {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("%s %s : statut %d, attendu %d : %s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, b)
	}
}

func decode(t *testing.T, res *http.Response, want int, into any) {
	t.Helper()
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s %s : statut %d, attendu %d : %s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, b)
	}
	if err := json.Unmarshal(b, into); err != nil {
		t.Fatalf("%s : %v", b, err)
	}
}

func problemCode(t *testing.T, res *http.Response, want int) string {
	t.Helper()
	var p struct {
		Code string `json:"code"`
	}
	decode(t, res, want, &p)
	return p.Code
}

func tokenKid(t *testing.T, token string) string {
	t.Helper()
	head, _, _ := strings.Cut(token, ".")
	raw, err := decodeSegment(head)
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	return h.Kid
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "espace")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build : %v\n%s", err, out)
	}
	return bin
}

// scratchDatabase creates an empty database for the instances; the first
// one to start migrates it.
func scratchDatabase(t *testing.T) string {
	t.Helper()
	adminURL := os.Getenv("TEST_DATABASE_URL")
	if adminURL == "" {
		adminURL = testdb.DefaultAdminURL
	}
	name := "espace_t_instances_" + testdb.Suffix()
	psql(t, adminURL, "CREATE DATABASE "+name)
	t.Cleanup(func() { psql(t, adminURL, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, err := url.Parse(adminURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func requireRedis(t *testing.T, redisURL string) {
	t.Helper()
	u, err := url.Parse(redisURL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
	if err != nil {
		t.Fatalf("Redis injoignable à %s (requis pour les limites partagées, §16) : %v", redisURL, err)
	}
	conn.Close()
}

func psql(t *testing.T, adminURL, stmt string) {
	t.Helper()
	db, err := gorm.Open(postgres.Open(adminURL), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(stmt).Error; err != nil {
		t.Fatalf("%s : %v", stmt, err)
	}
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

func decodeSegment(seg string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(seg) }
