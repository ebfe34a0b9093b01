// Command espace runs the delegation service of Mon espace client.
//
//	espace serve     API + SPA + mail worker + delegation deadlines (migrates at start-up)
//	espace migrate   apply the database migrations and exit
//	espace admin     administrator tasks (create-user, grant-surveyor)
//	espace demo      load the cast of the ministry's guide
//
// Configuration comes from environment variables only (see README.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/config"
	"espace/backend/internal/delegation"
	"espace/backend/internal/demo"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/metrics"
	"espace/backend/internal/portal"
	"espace/backend/internal/ratelimit"
	"espace/backend/internal/seclog"
	"espace/backend/internal/store"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "espace :", err)
		os.Exit(1)
	}
}

const usage = `usage : espace <commande>

  serve     sert l'API, l'application web et l'envoi des courriels
  migrate   applique les migrations de la base de données
              migrate [--runtime-role R] : accorde ensuite au rôle R (le service) ses droits
  admin     tâches d'administration :
              admin create-user --username U --email E --first-name P --last-name N [--admin] [--matricule M]
                (mot de passe lu dans ESPACE_ADMIN_PASSWORD)
              admin grant-surveyor --username U --matricule M
  healthcheck  interroge /readyz du service local (pour les conteneurs)
  demo      charge les personnes du guide d'utilisation (mot de passe : ESPACE_DEMO_PASSWORD)`

func run(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch args[0] {
	case "serve":
		return serve(ctx, cfg)
	case "migrate":
		return migrate(ctx, cfg, args[1:])
	case "admin":
		return admin(ctx, cfg, args[1:])
	case "healthcheck":
		return healthcheck(ctx, cfg)
	case "demo":
		db, acc, err := openServices(ctx, cfg, nil)
		if err != nil {
			return err
		}
		defer db.Close()
		return demo.Seed(ctx, db, acc, cfg.DemoPassword)
	default:
		return errors.New(usage)
	}
}

// openDB opens the service's database. With ESPACE_MIGRATE_DATABASE_URL the
// migrations run as the owner role of that URL, which then grants the role
// of DATABASE_URL what the service needs (SPEC §17); without it the service's
// own connection migrates, as in development.
func openDB(ctx context.Context, cfg config.Config) (*store.DB, error) {
	if cfg.MigrateURL != "" {
		runtime, err := roleOf(ctx, cfg.DatabaseURL)
		if err == nil {
			err = migrateAsOwner(ctx, cfg.MigrateURL, runtime)
		}
		if err != nil {
			return nil, err
		}
	}
	// With an owner URL nothing is pending any more: this only checks that
	// the schema is current, which the runtime role may read.
	return store.OpenMigrated(ctx, cfg.DatabaseURL, cfg.DataDir)
}

// roleOf is the PostgreSQL role databaseURL connects as.
func roleOf(ctx context.Context, databaseURL string) (string, error) {
	db, err := store.Open(databaseURL, "")
	if err != nil {
		return "", err
	}
	defer db.Close()
	return db.CurrentRole(ctx)
}

// migrateAsOwner applies the migrations through ownerURL, then grants
// runtime (when not empty) the service's privileges.
func migrateAsOwner(ctx context.Context, ownerURL, runtime string) error {
	if err := store.MigrateAs(ctx, ownerURL, runtime); err != nil {
		return err
	}
	if runtime != "" {
		slog.Info("droits du service accordés", "role", runtime)
	}
	return nil
}

// migrate is `espace migrate`: the migrations as the owner (the role of
// ESPACE_MIGRATE_DATABASE_URL, else of DATABASE_URL), then the grants to the
// runtime role: --runtime-role, else the role of DATABASE_URL when an owner
// URL is given.
func migrate(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	runtime := fs.String("runtime-role", "", "rôle PostgreSQL du service (INSERT et SELECT seulement sur le journal)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		if *runtime != "" {
			return errors.New("--runtime-role : PostgreSQL seulement (DATABASE_URL)")
		}
		db, err := openDB(ctx, cfg)
		if err != nil {
			return err
		}
		return db.Close()
	}
	ownerURL := cfg.MigrateURL
	if ownerURL == "" {
		ownerURL = cfg.DatabaseURL
	} else if *runtime == "" {
		var err error
		if *runtime, err = roleOf(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	}
	return migrateAsOwner(ctx, ownerURL, *runtime)
}

func openServices(ctx context.Context, cfg config.Config, mailQueued func()) (*store.DB, *accounts.Service, error) {
	db, svc, err := wire(ctx, cfg, mailQueued)
	if err != nil {
		return nil, nil, err
	}
	return db, svc.Accounts, nil
}

// wire builds the domain services on one database.
func wire(ctx context.Context, cfg config.Config, mailQueued func()) (*store.DB, httpapi.Services, error) {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return nil, httpapi.Services{}, err
	}
	keys, err := cfg.SigningKeys()
	if err != nil {
		db.Close()
		return nil, httpapi.Services{}, err
	}
	acc := &accounts.Service{
		DB:         db,
		Hasher:     auth.Hasher{Params: auth.OWASPParams},
		Tokens:     &auth.TokenIssuer{Keys: keys, Issuer: cfg.PublicURL, Audience: "espace-api", TTL: cfg.AccessTTL},
		SessionTTL: cfg.SessionTTL, ResetTTL: time.Hour, PublicURL: cfg.PublicURL, MailQueued: mailQueued,
	}
	deleg := &delegation.Service{DB: db, Accounts: acc, MailQueued: mailQueued, ReauthWindow: cfg.ReauthWindow}
	acc.DefaultActingFor = deleg.DefaultActingFor
	svc := httpapi.Services{Accounts: acc, Delegation: deleg, Portal: &portal.Service{DB: db, Accounts: acc, Delegation: deleg, MailQueued: mailQueued},
		Activity: &activity.Service{DB: db, People: acc.People}}
	return db, svc, nil
}

func serve(ctx context.Context, cfg config.Config) error {
	var worker *mail.Worker
	db, svc, err := wire(ctx, cfg, func() {
		if worker != nil {
			worker.Notify()
		}
	})
	if err != nil {
		return err
	}
	defer db.Close()

	if err := startingData(ctx, cfg, db, svc.Accounts); err != nil {
		return err
	}

	sender, err := mail.NewSender(cfg.SMTPURL, cfg.MailFrom, slog.Default())
	if err != nil {
		return err
	}
	if cfg.SMTPURL == "" {
		// Links are secrets: their text reaches the log in demo mode only.
		sender = mail.LogSender{Logger: slog.Default(), ShowBody: cfg.Demo}
		slog.Warn("SMTP_URL absent : les courriels sont écrits dans le journal au lieu d'être envoyés (texte seulement avec ESPACE_DEMO=1)")
	}
	obs, err := startObservability(ctx, cfg, db)
	if err != nil {
		return err
	}
	defer obs.stop()
	worker = mail.NewWorker(db, sender, mail.WorkerOptions{Metrics: obs.metrics, Tracer: obs.tracer})
	workerDone := make(chan struct{})
	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	go func() { worker.Run(workerCtx); close(workerDone) }()
	// End dates of delegations (§11): ends and reminders, once across instances.
	deadlines := &delegation.DeadlineWorker{DB: db, MailQueued: worker.Notify, Rounds: func(ended, reminded int) {
		obs.metrics.DeadlineRun()
		obs.metrics.DeadlineItems(metrics.DeadlineEnded, ended)
		obs.metrics.DeadlineItems(metrics.DeadlineReminder, reminded)
	}}
	deadlinesDone := make(chan struct{})
	go func() { deadlines.Run(workerCtx); close(deadlinesDone) }()

	limits := httpapi.DefaultLimits
	limits.LoginPerIP.Burst = cfg.LoginBurstIP
	rateStore, closeRateStore, err := openRateStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeRateStore()
	e, err := httpapi.New(db, svc, httpapi.Config{
		PublicURL: cfg.PublicURL, TrustedProxies: cfg.TrustedProxies, WebDir: cfg.WebDir, Limits: limits,
		RateStore: rateStore, Metrics: obs.metrics, Tracer: obs.tracer,
	})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second, // exports stream large files
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("Mon espace client à l'écoute", "adresse", cfg.Addr, "url", cfg.PublicURL, "base", string(db.Dialect))

	select {
	case err := <-errc:
		stopWorker()
		<-workerDone
		<-deadlinesDone
		return err
	case <-ctx.Done():
	}
	slog.Info("arrêt en cours")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	stopWorker()
	<-workerDone
	<-deadlinesDone
	return err
}

// openRateStore shares the rate limits through Redis when REDIS_URL is set
// (§16); otherwise each instance counts in its own memory. An unreachable
// Redis does not stop the start-up: requests count locally until it answers,
// as they would if it failed later (see ratelimit.Redis).
func openRateStore(ctx context.Context, cfg config.Config) (ratelimit.Store, func(), error) {
	if cfg.RedisURL == "" {
		return ratelimit.NewMemory(), func() {}, nil
	}
	client, err := ratelimit.OpenRedis(cfg.RedisURL)
	if err != nil {
		return nil, nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx).Err(); err != nil {
		slog.Error("REDIS_URL : Redis injoignable au démarrage, limites de fréquence comptées par instance en attendant", "erreur", err.Error())
	} else {
		slog.Info("limites de fréquence partagées par Redis")
	}
	return ratelimit.NewRedis(client, cfg.RedisPrefix), func() { _ = client.Close() }, nil
}

func admin(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet("admin "+args[0], flag.ContinueOnError)
	username := fs.String("username", "", "nom d'utilisateur")
	email := fs.String("email", "", "adresse courriel")
	first := fs.String("first-name", "", "prénom")
	last := fs.String("last-name", "", "nom")
	isAdmin := fs.Bool("admin", false, "administrateur du ministère")
	matricule := fs.String("matricule", "", "matricule d'arpenteur-géomètre")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	db, acc, err := openServices(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "create-user":
		if cfg.AdminPassword == "" {
			return errors.New("ESPACE_ADMIN_PASSWORD : mot de passe du nouvel utilisateur requis")
		}
		u, err := acc.SignUp(ctx, accounts.SignUpInput{Username: *username, Email: *email, FirstName: *first, LastName: *last, Password: cfg.AdminPassword})
		if err != nil {
			return describe(err)
		}
		if err := acc.RecordAccountCreated(ctx, u); err != nil {
			return err
		}
		if *isAdmin {
			if err := acc.SetAdmin(ctx, u.ID); err != nil {
				return err
			}
		}
		if *matricule != "" {
			if _, err := acc.GrantSurveyor(ctx, accounts.System, u.Username, *matricule); err != nil {
				return describe(err)
			}
		}
		seclog.Log(ctx, seclog.Event{Name: seclog.Admin, Outcome: seclog.Success, Actor: "cli", Target: u.ID.String(),
			Reason: fmt.Sprintf("create-user admin=%v matricule=%q", *isAdmin, *matricule)})
		fmt.Printf("utilisateur %s créé (%s)\n", u.Username, u.ID)
		return nil
	case "grant-surveyor":
		sv, err := acc.GrantSurveyor(ctx, accounts.System, *username, *matricule)
		if err != nil {
			return describe(err)
		}
		seclog.Log(ctx, seclog.Event{Name: seclog.Admin, Outcome: seclog.Success, Actor: "cli", Target: sv.User.ID.String(),
			Reason: "grant-surveyor matricule=" + sv.Matricule})
		fmt.Printf("%s est arpenteur-géomètre, matricule %s\n", sv.User.Username, sv.Matricule)
		return nil
	}
	return errors.New(usage)
}

// startingData loads the demo cast when, and only when, ESPACE_DEMO=1 (SPEC
// §17); otherwise an empty database stays empty and the log says how to
// create the first administrator. On PostgreSQL it also warns when the
// service owns the activity log.
func startingData(ctx context.Context, cfg config.Config, db *store.DB, acc *accounts.Service) error {
	if owns, mayUpdate, err := db.Posture(ctx); err != nil {
		return err
	} else if owns || mayUpdate {
		slog.Warn("le service possède ses tables : le journal des activités n'est protégé que par des déclencheurs ; " +
			"donnez à DATABASE_URL un rôle d'exécution et les migrations à ESPACE_MIGRATE_DATABASE_URL (voir README)")
	}
	if cfg.Demo {
		if err := demo.Seed(ctx, db, acc, cfg.DemoPassword); err != nil {
			return fmt.Errorf("données de démonstration : %w", err)
		}
		slog.Info("données de démonstration chargées")
		return nil
	}
	empty, err := demo.IsEmpty(ctx, db)
	if err != nil {
		return err
	}
	if empty {
		slog.Warn("base de données vide : créez le premier administrateur avec " +
			"ESPACE_ADMIN_PASSWORD='…' espace admin create-user --admin --username U --email E --first-name P --last-name N " +
			"(ou ESPACE_DEMO=1 pour charger les données de démonstration)")
	}
	return nil
}

// healthcheck asks the local server whether it is ready; containers without
// a shell or curl use it.
func healthcheck(ctx context.Context, cfg config.Config) error {
	_, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+port+"/readyz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("/readyz : %s", res.Status)
	}
	return nil
}
