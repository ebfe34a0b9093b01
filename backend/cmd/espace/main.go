// Command espace runs the delegation service of Mon espace client.
//
//	espace serve     API + SPA + mail worker (migrates at start-up)
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
	"espace/backend/internal/auth"
	"espace/backend/internal/config"
	"espace/backend/internal/delegation"
	"espace/backend/internal/demo"
	"espace/backend/internal/httpapi"
	"espace/backend/internal/mail"
	"espace/backend/internal/portal"
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
		db, err := openDB(ctx, cfg)
		if err != nil {
			return err
		}
		return db.Close()
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

func openDB(ctx context.Context, cfg config.Config) (*store.DB, error) {
	db, err := store.Open(cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrations : %w", err)
	}
	return db, nil
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
	deleg := &delegation.Service{DB: db, Accounts: acc, MailQueued: mailQueued}
	acc.DefaultActingFor = deleg.DefaultActingFor
	svc := httpapi.Services{Accounts: acc, Delegation: deleg, Portal: &portal.Service{DB: db, Accounts: acc, Delegation: deleg, MailQueued: mailQueued}}
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

	if cfg.Demo || (db.Dialect == store.SQLite && os.Getenv("ESPACE_DEMO") == "") {
		empty, err := demo.IsEmpty(ctx, db)
		if err != nil {
			return err
		}
		if cfg.Demo || empty {
			if err := demo.Seed(ctx, db, svc.Accounts, cfg.DemoPassword); err != nil {
				return fmt.Errorf("données de démonstration : %w", err)
			}
			slog.Info("données de démonstration chargées")
		}
	}

	sender, err := mail.NewSender(cfg.SMTPURL, cfg.MailFrom, slog.Default())
	if err != nil {
		return err
	}
	if cfg.SMTPURL == "" {
		slog.Warn("SMTP_URL absent : les courriels sont écrits dans le journal au lieu d'être envoyés")
	}
	worker = mail.NewWorker(db, sender, mail.WorkerOptions{})
	workerDone := make(chan struct{})
	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	go func() { worker.Run(workerCtx); close(workerDone) }()

	limits := httpapi.DefaultLimits
	limits.LoginPerIP.Burst = cfg.LoginBurstIP
	e, err := httpapi.New(db, svc, httpapi.Config{
		CookieSecure: cfg.CookieSecure, TrustedProxies: cfg.TrustedProxies, WebDir: cfg.WebDir, Limits: limits,
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
		return err
	case <-ctx.Done():
	}
	slog.Info("arrêt en cours")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	stopWorker()
	<-workerDone
	return err
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
		password := os.Getenv("ESPACE_ADMIN_PASSWORD")
		if password == "" {
			return errors.New("ESPACE_ADMIN_PASSWORD : mot de passe du nouvel utilisateur requis")
		}
		u, err := acc.SignUp(ctx, accounts.SignUpInput{Username: *username, Email: *email, FirstName: *first, LastName: *last, Password: password})
		if err != nil {
			return describe(err)
		}
		if *isAdmin {
			if err := acc.SetAdmin(ctx, u.ID); err != nil {
				return err
			}
		}
		if *matricule != "" {
			if _, err := acc.GrantSurveyor(ctx, u.ID, u.Username, *matricule); err != nil {
				return describe(err)
			}
		}
		fmt.Printf("utilisateur %s créé (%s)\n", u.Username, u.ID)
		return nil
	case "grant-surveyor":
		sv, err := acc.GrantSurveyor(ctx, [16]byte{}, *username, *matricule)
		if err != nil {
			return describe(err)
		}
		fmt.Printf("%s est arpenteur-géomètre, matricule %s\n", sv.User.Username, sv.Matricule)
		return nil
	}
	return errors.New(usage)
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
