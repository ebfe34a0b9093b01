// Package config reads the configuration from environment variables only
// (the README lists them all).
package config

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"espace/backend/internal/auth"
)

// Config is the whole configuration of the espace binary.
type Config struct {
	Addr           string        // ESPACE_ADDR
	DatabaseURL    string        // DATABASE_URL
	MigrateURL     string        // ESPACE_MIGRATE_DATABASE_URL
	DataDir        string        // ESPACE_DATA_DIR
	WebDir         string        // ESPACE_WEB_DIR
	PublicURL      string        // ESPACE_PUBLIC_URL
	JWTSecret      []byte        // ESPACE_JWT_SECRET
	JWTKeys        string        // ESPACE_JWT_KEYS: rotating keys instead of JWTSecret (see SigningKeys)
	AccessTTL      time.Duration // ESPACE_ACCESS_TTL
	SessionTTL     time.Duration // ESPACE_SESSION_TTL
	ReauthWindow   time.Duration // ESPACE_REAUTH_WINDOW: how recent a password entry must be before granting (§12)
	TrustedProxies []string      // ESPACE_TRUSTED_PROXIES
	SMTPURL        string        // SMTP_URL
	MailFrom       string        // ESPACE_MAIL_FROM
	Demo           bool          // ESPACE_DEMO
	DemoPassword   string        // ESPACE_DEMO_PASSWORD
	LogLevel       slog.Level    // ESPACE_LOG_LEVEL
	LoginBurstIP   int           // ESPACE_LOGIN_BURST_PER_IP
	RedisURL       string        // REDIS_URL: rate limits shared between instances
	RedisPrefix    string        // ESPACE_REDIS_PREFIX: keys of this deployment in a shared Redis
	MetricsAddr    string        // ESPACE_METRICS_ADDR: Prometheus listener; empty = no metrics
	AdminPassword  string        // ESPACE_ADMIN_PASSWORD: password of `espace admin create-user`
}

// DefaultDemoPassword is the documented password of the demo accounts.
const DefaultDemoPassword = "Cadastre-Demo-2020" //nolint:gosec // the demo cast's published password, not a secret

// MaxAccessTTL bounds the access token lifetime: revocation is checked on
// every request anyway, but a short life limits what a stolen token is worth.
const MaxAccessTTL = 10 * time.Minute

// Load reads the environment: every variable the binary uses is read here,
// so that the README's table and this struct tell the whole story.
func Load() (Config, error) {
	c := Config{
		Addr:          env("ESPACE_ADDR", "127.0.0.1:8080"),
		DatabaseURL:   os.Getenv("DATABASE_URL"),
		MigrateURL:    os.Getenv("ESPACE_MIGRATE_DATABASE_URL"),
		DataDir:       env("ESPACE_DATA_DIR", "./data"),
		WebDir:        env("ESPACE_WEB_DIR", "frontend/dist"),
		SMTPURL:       os.Getenv("SMTP_URL"),
		RedisURL:      os.Getenv("REDIS_URL"),
		RedisPrefix:   env("ESPACE_REDIS_PREFIX", "espace:"),
		MetricsAddr:   os.Getenv("ESPACE_METRICS_ADDR"),
		MailFrom:      env("ESPACE_MAIL_FROM", "noreply@espace.cadastre.gouv.qc.ca"),
		DemoPassword:  env("ESPACE_DEMO_PASSWORD", DefaultDemoPassword),
		JWTKeys:       os.Getenv("ESPACE_JWT_KEYS"),
		AdminPassword: os.Getenv("ESPACE_ADMIN_PASSWORD"),
	}
	if v := os.Getenv("ESPACE_JWT_SECRET"); v != "" {
		c.JWTSecret = []byte(v)
	}
	c.PublicURL = strings.TrimRight(env("ESPACE_PUBLIC_URL", "http://"+publicHost(c.Addr)), "/")
	var err error
	if c.AccessTTL, err = duration("ESPACE_ACCESS_TTL", 10*time.Minute); err != nil {
		return c, err
	}
	if c.AccessTTL > MaxAccessTTL || c.AccessTTL <= 0 {
		return c, fmt.Errorf("ESPACE_ACCESS_TTL : entre 1s et %s", MaxAccessTTL)
	}
	if c.SessionTTL, err = duration("ESPACE_SESSION_TTL", 12*time.Hour); err != nil {
		return c, err
	}
	if c.ReauthWindow, err = duration("ESPACE_REAUTH_WINDOW", 10*time.Minute); err != nil {
		return c, err
	}
	if c.ReauthWindow <= 0 || c.ReauthWindow > c.SessionTTL {
		return c, fmt.Errorf("ESPACE_REAUTH_WINDOW : entre 1s et la durée de la session (%s)", c.SessionTTL)
	}
	if c.Demo, err = boolean("ESPACE_DEMO", false); err != nil {
		return c, err
	}
	if c.MigrateURL != "" && c.DatabaseURL == "" {
		return c, fmt.Errorf("ESPACE_MIGRATE_DATABASE_URL : DATABASE_URL (PostgreSQL) est requis aussi")
	}
	if v := os.Getenv("ESPACE_TRUSTED_PROXIES"); v != "" {
		c.TrustedProxies = strings.Split(v, ",")
	}
	if c.MetricsAddr != "" {
		_, mp, err := net.SplitHostPort(c.MetricsAddr)
		if err != nil {
			return c, fmt.Errorf("ESPACE_METRICS_ADDR : %w", err)
		}
		if _, pp, _ := net.SplitHostPort(c.Addr); pp == mp {
			return c, fmt.Errorf("ESPACE_METRICS_ADDR : un port distinct du port public (ESPACE_ADDR), jamais le même")
		}
	}
	if c.LoginBurstIP, err = integer("ESPACE_LOGIN_BURST_PER_IP", 30); err != nil {
		return c, err
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("ESPACE_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("ESPACE_LOG_LEVEL : %w", err)
	}
	return c, nil
}

// Secret returns ESPACE_JWT_SECRET, or a key kept in the data directory so
// that a restart does not log everybody out in development.
func (c *Config) Secret() ([]byte, error) {
	if len(c.JWTSecret) > 0 {
		if len(c.JWTSecret) < 32 {
			return nil, fmt.Errorf("ESPACE_JWT_SECRET : au moins 32 caractères")
		}
		return c.JWTSecret, nil
	}
	path := filepath.Join(c.DataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil && len(b) >= 32 { //nolint:gosec // path is the operator's ESPACE_DATA_DIR joined with a fixed name
		return b, nil
	}
	if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
		return nil, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	key := []byte(hex.EncodeToString(b))
	if err := os.WriteFile(path, key, 0o600); err != nil {
		return nil, err
	}
	slog.Warn("ESPACE_JWT_SECRET absent : clé de signature générée", "fichier", path)
	return key, nil
}

// keyIDPattern is what a key id may look like in ESPACE_JWT_KEYS.
var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// SigningKeys returns the keys of access tokens, the signing one first.
// ESPACE_JWT_KEYS is "kid1:secret1,kid2:secret2": kid1 signs, all verify,
// so a rotation keeps every token in flight valid. Without it,
// ESPACE_JWT_SECRET (or the generated key) is one key of id "default".
func (c *Config) SigningKeys() ([]auth.SigningKey, error) {
	if c.JWTKeys == "" {
		secret, err := c.Secret()
		if err != nil {
			return nil, err
		}
		return []auth.SigningKey{{ID: auth.DefaultKeyID, Secret: secret}}, nil
	}
	if len(c.JWTSecret) > 0 {
		return nil, fmt.Errorf("ESPACE_JWT_KEYS et ESPACE_JWT_SECRET : n'en définissez qu'une (ESPACE_JWT_KEYS=nouvelle:…,%s:<ancien secret> pour passer de l'une à l'autre)", auth.DefaultKeyID)
	}
	return ParseSigningKeys(c.JWTKeys)
}

// ParseSigningKeys reads the ESPACE_JWT_KEYS format: comma-separated
// "kid:secret" pairs; a kid is 1 to 64 of A-Z a-z 0-9 . _ -, unique; a
// secret is at least 32 characters and holds no comma.
func ParseSigningKeys(v string) ([]auth.SigningKey, error) {
	var out []auth.SigningKey
	seen := map[string]bool{}
	for i, pair := range strings.Split(v, ",") {
		kid, secret, ok := strings.Cut(strings.TrimSpace(pair), ":")
		switch {
		case !ok || !keyIDPattern.MatchString(kid):
			return nil, fmt.Errorf("ESPACE_JWT_KEYS : la clé n° %d doit s'écrire identifiant:secret (identifiant : lettres, chiffres, . _ -)", i+1)
		case seen[kid]:
			return nil, fmt.Errorf("ESPACE_JWT_KEYS : l'identifiant %q est en double", kid)
		case len(secret) < 32:
			return nil, fmt.Errorf("ESPACE_JWT_KEYS : le secret de %q doit compter au moins 32 caractères", kid)
		}
		seen[kid] = true
		out = append(out, auth.SigningKey{ID: kid, Secret: []byte(secret)})
	}
	return out, nil
}

func publicHost(addr string) string {
	if strings.HasPrefix(addr, ":") {
		return "localhost" + addr
	}
	return strings.Replace(addr, "127.0.0.1", "localhost", 1)
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func duration(key string, def time.Duration) (time.Duration, error) {
	return parsed(key, def, time.ParseDuration, "durée invalide %q (ex. 10m)")
}

func boolean(key string, def bool) (bool, error) {
	return parsed(key, def, strconv.ParseBool, "booléen attendu (true/false, 1/0), reçu %q")
}

func integer(key string, def int) (int, error) {
	return parsed(key, def, func(v string) (int, error) {
		n, err := strconv.Atoi(v)
		if err == nil && n < 1 {
			err = strconv.ErrRange
		}
		return n, err
	}, "entier positif attendu, reçu %q")
}

// parsed reads key with parse, or def when it is unset; a value parse
// refuses is an error that names the variable, then says what was expected
// in wrong, a format of the value read.
func parsed[T any](key string, def T, parse func(string) (T, error), wrong string) (T, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	x, err := parse(v)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s : "+wrong, key, v)
	}
	return x, nil
}
