package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"

	"runtime"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"espace/backend/cmd/internal/bench"
	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/portal"
	"espace/backend/internal/ratelimit"
	"espace/backend/internal/store"
)

const password = "une phrase de passe de mesure" //nolint:gosec // the scratch accounts of the measurements

// cast is who the measures act as.
type cast struct {
	delegate, surveyor, surveyor2 accounts.UserView
	token                         string // the délégataire's access token, acting for surveyor
	cadastre                      string // one of surveyor's open cadastre dossiers
}

func run(ctx context.Context, o options) error {
	// The server logs every request as the real one does, to nowhere.
	slog.SetDefault(slog.New(slog.NewJSONHandler(io.Discard, nil)))

	name := fmt.Sprintf("espace_bench_http_%d", time.Now().Unix())
	dbURL, drop, err := bench.ScratchDB(ctx, o.adminURL, name, o.keep)
	if err != nil {
		return err
	}
	defer drop()

	fmt.Printf("base %s, GOMAXPROCS %d, %d connexions, %d tours de %s\n", name, runtime.GOMAXPROCS(0), o.conns, o.rounds, o.round)
	db, err := store.OpenMigrated(ctx, dbURL, "")
	if err != nil {
		return err
	}
	defer db.Close()
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	acc, svc := services(db, &auth.TokenIssuer{Keys: []auth.SigningKey{{ID: "mesure", Secret: []byte(hex.EncodeToString(secret))}}, Issuer: "http://bench.local", Audience: "espace-api", TTL: 10 * time.Minute})
	e, err := httpapi.New(db, svc, httpapi.Config{Limits: unlimited()})
	if err != nil {
		return err
	}
	appURL, stopApp, err := serve(e)
	if err != nil {
		return err
	}
	defer stopApp()
	// With -metrics, the same application with metrics and tracing on, on a
	// pool of its own, measured in the same rounds as the one without.
	obsURL := ""
	if o.observed {
		u, stop, err := observedApp(ctx, dbURL, acc.Tokens)
		if err != nil {
			return err
		}
		defer stop()
		obsURL = u
	}

	start := time.Now()
	c, err := seed(ctx, db, acc, o)
	if err != nil {
		return fmt.Errorf("chargement : %w", err)
	}
	if err := c.login(appURL); err != nil {
		return err
	}
	fmt.Printf("chargé en %s : %d dossiers\n", time.Since(start).Round(time.Millisecond), (o.surveyors+1)*o.dossiers)

	// As many connections as the application's pool (store.Open).
	pcfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return err
	}
	pcfg.MaxConns = 20
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	body, err := bench.Call(http.MethodGet, appURL+"/api/v1/dossiers?kind=cadastre", c.token, nil)
	if err != nil {
		return err
	}
	var sid string
	if err := db.Conn(ctx).Raw("SELECT id::text FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1", c.delegate.ID).Scan(&sid).Error; err != nil {
		return err
	}
	bareURL, stopBare, err := serve(bare(pool, c, body, delegation.SessionSQL(db, true), sid))
	if err != nil {
		return err
	}
	defer stopBare()
	// The baselines must answer what the application answers.
	for _, path := range []string{"/sql/dossiers?kind=cadastre", "/sql2/dossiers?kind=cadastre", "/bytes/dossiers?kind=cadastre"} {
		got, err := bench.Call(http.MethodGet, bareURL+path, "", nil)
		if err != nil {
			return err
		}
		if !sameJSON(got, body) {
			return fmt.Errorf("la référence %s ne répond pas comme l'application :\n%s\n%s", path, got, body)
		}
	}

	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		load(ctx, http.DefaultClient, target{"", get(appURL+"/api/v1/dossiers?kind=cadastre", c.token), 200}, o.conns, o.round)
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return err
		}
	}
	readTargets := []target{
		{"application (httpapi, jeton, délégation)", get(appURL+"/api/v1/dossiers?kind=cadastre", c.token), 200},
		{"(a) Echo nu + pgx, même SQL", get(bareURL+"/sql/dossiers?kind=cadastre", ""), 200},
		{"(b) Echo nu, mêmes octets", get(bareURL+"/bytes/dossiers?kind=cadastre", ""), 200},
		{"(c) Echo nu + pgx, SQL des faits puis même SQL", get(bareURL+"/sql2/dossiers?kind=cadastre", ""), 200},
	}
	if o.observed {
		readTargets = append(readTargets, target{"application avec métriques et traces", get(obsURL+"/api/v1/dossiers?kind=cadastre", c.token), 200})
	}
	read := measure(ctx, o, readTargets)
	if sqlDB, err := db.DB.DB(); err == nil {
		st := sqlDB.Stats()
		fmt.Printf("  pool de l'application : %d connexions ouvertes, %d fermées faute de place au repos, %d attentes\n", st.OpenConnections, st.MaxIdleClosed, st.WaitCount)
	}
	reserve := `{"dossierNumber":"` + c.cadastre + `","lotCount":1,"complementaryPlans":0}`
	writeTargets := []target{
		{"application (httpapi, jeton, délégation)", post(appURL+"/api/v1/lot-reservations", c.token, reserve), 201},
		{"Echo nu + pgx, mêmes insertions en une transaction", post(bareURL+"/sql/lot-reservations", "", reserve), 201},
	}
	if o.observed {
		writeTargets = append(writeTargets, target{"application avec métriques et traces", post(obsURL+"/api/v1/lot-reservations", c.token, reserve), 201})
	}
	write := measure(ctx, o, writeTargets)
	login, hash, err := measureLogin(appURL, c.delegate.Username, o.logins)
	if err != nil {
		return err
	}
	var mw middlewareFigures
	if !o.skipMiddleware {
		if mw, err = benchMiddleware(ctx); err != nil {
			return err
		}
	}

	fmt.Println()
	fmt.Println("P1 lecture — GET /api/v1/dossiers?kind=cadastre, délégataire agissant pour un arpenteur-géomètre")
	report(read)
	fmt.Println()
	fmt.Println("P1 écriture — POST /api/v1/lot-reservations, délégataire agissant pour un arpenteur-géomètre")
	report(write)
	fmt.Println()
	fmt.Printf("Connexion — POST /api/v1/auth/login, p50 %s ; un hachage argon2id (m=%d Kio, t=%d, p=%d), p50 %s\n",
		ms(login), auth.OWASPParams.MemoryKiB, auth.OWASPParams.Time, auth.OWASPParams.Threads, ms(hash))

	fmt.Println()
	fmt.Println("Objectifs")
	app, a := read[0], read[1]
	verdicts := []verdict{
		{"P1 lecture : req/s application / (a)", app.rps() / a.rps(), "≥ 0,60×", app.rps()/a.rps() >= 0.6, "%.2f×"},
		{"P1 lecture : p99 application / (a)", float64(app.p(0.99)) / float64(a.p(0.99)), "≤ 2,00×", app.p(0.99) <= 2*a.p(0.99), "%.2f×"},
		{"  même rapport, médiane des tours appariés", pairedMedian(app, a), "(information)", true, "%.2f×"},
		{"P1 lecture : req/s application / (b)", app.rps() / read[2].rps(), "(information)", true, "%.2f×"},
		{"P1 lecture : req/s application / (c)", app.rps() / read[3].rps(), "(information)", true, "%.2f×"},
		{"P1 lecture : req/s (c) / (a)", read[3].rps() / a.rps(), "(information)", true, "%.2f×"},
		{"P1 écriture : req/s application / référence", write[0].rps() / write[1].rps(), "≥ 0,50×", write[0].rps()/write[1].rps() >= 0.5, "%.2f×"},
		{"  même rapport, médiane des tours appariés", pairedMedian(write[0], write[1]), "(information)", true, "%.2f×"},
		{"Connexion : p50 / un hachage argon2id", float64(login) / float64(hash), "≤ 1,30×", float64(login) <= 1.3*float64(hash), "%.2f×"},
	}
	if o.observed {
		on, wOn := read[len(read)-1], write[len(write)-1]
		verdicts = append(verdicts,
			verdict{"Métriques et traces : req/s lecture avec / sans", on.rps() / app.rps(), "≥ 0,95×", on.rps()/app.rps() >= 0.95, "%.3f×"},
			verdict{"  même rapport, médiane des tours appariés", pairedMedian(on, app), "(information)", true, "%.3f×"},
			verdict{"Métriques et traces : p99 lecture avec / sans", float64(on.p(0.99)) / float64(app.p(0.99)), "(information)", true, "%.3f×"},
			verdict{"Métriques et traces : req/s écriture avec / sans", wOn.rps() / write[0].rps(), "≥ 0,95×", wOn.rps()/write[0].rps() >= 0.95, "%.3f×"},
			verdict{"  même rapport, médiane des tours appariés", pairedMedian(wOn, write[0]), "(information)", true, "%.3f×"})
	}
	if !o.skipMiddleware {
		verdicts = append(verdicts,
			verdict{"Intergiciel sans base : µs par requête", mw.micros, "≤ 20 µs", mw.micros <= 20, "%.1f µs"},
			verdict{"Intergiciel sans base : allocations", mw.allocs, "≤ 60", mw.allocs <= 60, "%.0f"})
	}
	failed := false
	for _, v := range verdicts {
		mark := "atteint"
		if !v.ok {
			mark, failed = "NON ATTEINT", true
		}
		fmt.Printf("  %-44s %8s   objectif %-14s %s\n", v.what, fmt.Sprintf(v.format, v.value), v.goal, mark)
	}
	if l, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("  (charge de la machine pendant la mesure : %s)\n", strings.Join(strings.Fields(string(l))[:3], " "))
	}
	if failed {
		fmt.Println("Au moins un objectif n'est pas atteint.")
	}
	return nil
}

// seed creates the measured people through the services (real password
// hashes) and bulk-loads the rest in SQL.
func seed(ctx context.Context, db *store.DB, acc *accounts.Service, o options) (*cast, error) {
	c := &cast{}
	mk := func(username, first, last, matricule string) (accounts.UserView, error) {
		u, err := acc.SignUp(ctx, accounts.SignUpInput{Username: username, Email: username + "@mesure.qc.ca", FirstName: first, LastName: last, Password: password})
		if err != nil || matricule == "" {
			return u, err
		}
		if _, err := acc.GrantSurveyor(ctx, accounts.System, username, matricule); err != nil {
			return u, err
		}
		u.Matricule = matricule
		return u, nil
	}
	var err error
	if c.delegate, err = mk("mesure.delegataire", "Édith", "Descartes", ""); err != nil {
		return nil, err
	}
	if c.surveyor, err = mk("mesure.arpenteur", "Jean", "Piette", "9001"); err != nil {
		return nil, err
	}
	if c.surveyor2, err = mk("mesure.arpenteur2", "Claire", "Lavoie", "9002"); err != nil {
		return nil, err
	}
	conn := db.Conn(ctx)
	// Two délégants: the délégataire's token names whom they act for.
	for _, s := range []accounts.UserView{c.surveyor, c.surveyor2} {
		if err := conn.Exec(`INSERT INTO delegations (id, delegant_id, delegate_id, created_at, created_by) VALUES (?, ?, ?, now(), ?)`,
			uuid.New(), s.ID, c.delegate.ID, s.ID).Error; err != nil {
			return nil, err
		}
	}
	stmts := []string{
		// Other surveyors, each with dossiers.
		fmt.Sprintf(`INSERT INTO users (id, username, username_key, email, email_key, first_name, last_name, password_hash, password_changed_at, is_admin, created_at, updated_at)
			SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'charge' || i, 'charge' || i, 'charge' || i || '@mesure.qc.ca', 'charge' || i || '@mesure.qc.ca',
			       'Prénom' || i, 'Nom' || i, 'x', now(), false, now(), now()
			FROM generate_series(1, %d) i`, o.surveyors),
		fmt.Sprintf(`INSERT INTO surveyors (user_id, matricule, granted_at)
			SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, (100000 + i)::text, now() FROM generate_series(1, %d) i`, o.surveyors),
		fmt.Sprintf(`INSERT INTO dossiers (number, kind, title, status, closing_date, responsible_id, opened_at)
			SELECT (2000000 + s * %[2]d + d)::text, CASE WHEN d %% 2 = 0 THEN 'cadastre' ELSE 'arpentage' END, 'Dossier ' || d, 'ouvert',
			       CASE WHEN d %% 3 = 0 THEN current_date + 90 END,
			       ('00000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid, now() - d * interval '1 hour'
			FROM generate_series(1, %[1]d) s, generate_series(0, %[2]d - 1) d`, o.surveyors, o.dossiers),
		// The measured surveyor's dossiers, and messages on them, one in three unread.
		fmt.Sprintf(`INSERT INTO dossiers (number, kind, title, status, closing_date, responsible_id, opened_at, read_at, read_by)
			SELECT (1500000 + d)::text, CASE WHEN d %% 2 = 0 THEN 'cadastre' ELSE 'arpentage' END, 'Lotissement ' || d, 'ouvert',
			       CASE WHEN d %% 3 = 0 THEN current_date + 90 END, '%[2]s', now() - d * interval '1 hour',
			       CASE WHEN d %% 4 = 0 THEN now() END, CASE WHEN d %% 4 = 0 THEN '%[3]s'::uuid END
			FROM generate_series(0, %[1]d - 1) d`, o.dossiers, c.surveyor.ID, c.delegate.ID),
		fmt.Sprintf(`INSERT INTO dossier_messages (id, dossier_number, subject, body, posted_at, posted_by, read_at, read_by)
			SELECT gen_random_uuid(), (1500000 + d)::text, 'Message ' || m, 'Texte du message.', now() - m * interval '1 minute', '%[2]s',
			       CASE WHEN m %% 3 <> 0 THEN now() END, CASE WHEN m %% 3 <> 0 THEN '%[2]s'::uuid END
			FROM generate_series(0, %[1]d - 1) d, generate_series(0, 2) m`, o.dossiers, c.surveyor.ID),
		`ANALYZE`,
	}
	for _, s := range stmts {
		if err := conn.Exec(s).Error; err != nil {
			return nil, fmt.Errorf("%w\n%s", err, s)
		}
	}
	c.cadastre = "1500000"
	return c, nil
}

// login gets the délégataire a token acting for the measured surveyor, as
// the SPA does: log in, then choose the délégant.
func (c *cast) login(base string) error {
	var lr struct{ AccessToken string }
	if err := bench.CallJSON(http.MethodPost, base+"/api/v1/auth/login", "", map[string]string{"username": c.delegate.Username, "password": password}, &lr); err != nil {
		return err
	}
	var ar struct{ AccessToken string }
	if err := bench.CallJSON(http.MethodPost, base+"/api/v1/auth/acting-for", lr.AccessToken, map[string]string{"delegantId": c.surveyor.ID.String()}, &ar); err != nil {
		return err
	}
	c.token = ar.AccessToken
	return nil
}

// services wires the application's services on db as `espace serve` does,
// with tokens issued by tokens.
func services(db *store.DB, tokens *auth.TokenIssuer) (*accounts.Service, httpapi.Services) {
	acc := &accounts.Service{
		DB: db, Hasher: auth.Hasher{Params: auth.OWASPParams}, Tokens: tokens,
		SessionTTL: 12 * time.Hour, ResetTTL: time.Hour, PublicURL: "http://bench.local",
	}
	deleg := &delegation.Service{DB: db, Accounts: acc}
	acc.DefaultActingFor = deleg.DefaultActingFor
	return acc, httpapi.Services{Accounts: acc, Delegation: deleg, Portal: &portal.Service{DB: db, Accounts: acc, Delegation: deleg}, Activity: &activity.Service{DB: db, People: acc.People}}
}

// unlimited lifts every rate limit: the load comes from a few addresses and
// accounts, and what is measured is the request path, not the limiter's 429.
func unlimited() httpapi.Limits {
	open := ratelimit.Rule{Burst: 1 << 30, Every: time.Nanosecond}
	return httpapi.Limits{CandidateSearch: open, LoginPerIP: open, LoginPerAccount: open, SignUpPerIP: open, RecoveryPerIP: open, RecoveryPerAccount: open}
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// serve runs h on a loopback port.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

func ms(d time.Duration) string {
	return strings.Replace(fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)), ".", ",", 1)
}

// verdict is one figure next to its goal.
type verdict struct {
	what   string
	value  float64
	goal   string
	ok     bool
	format string
}

// pairedMedian is the median over rounds of x's rate over y's in the same
// round: less sensitive than the totals to a neighbour loading the machine
// during one round.
func pairedMedian(x, y *result) float64 {
	var r []float64
	for i := range min(len(x.rounds), len(y.rounds)) {
		r = append(r, x.rounds[i]/y.rounds[i])
	}
	if len(r) == 0 {
		return 0
	}
	slices.Sort(r)
	return r[len(r)/2]
}
