package httpapi

import (
	"context"
	"net"
	"time"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/ratelimit"
)

// Limits are the abuse limits (§17). Every refusal is a 429 `rate_limited`
// with Retry-After. A zero Rule allows everything.
type Limits struct {
	CandidateSearch ratelimit.Rule // délégataire search, per user (§5)
	PasswordChange  ratelimit.Rule // PUT /me/password, per user: guesses of the current password
	ExportPerUser   ratelimit.Rule // activity exports, per user
	// PDFAtOnce bounds the PDF layouts running at once in one process (a
	// 100 000-row layout peaks near 660 MiB); 0: unbounded. When all are
	// taken, a PDF export is refused with a 429 (see pdfBusy).
	PDFAtOnce int

	LoginPerIP ratelimit.Rule // per client address, whatever the account
	// LoginPerAccountIP counts the attempts on one account from one address:
	// an address guessing a password is stopped without locking the account
	// for its owner elsewhere.
	LoginPerAccountIP ratelimit.Rule
	// LoginPerAccount is the ceiling of attempts on one account from every
	// address together, far above LoginPerAccountIP; below it, LoginSlowdown
	// delays the answers once the account sees unusual traffic.
	LoginPerAccount ratelimit.Rule
	LoginSlowdown   Slowdown

	SignUpPerIP        ratelimit.Rule
	RecoveryPerIP      ratelimit.Rule
	RecoveryPerAccount ratelimit.Rule

	// API-token exchanges (§14), per client address, then per token: office
	// software exchanges about once per access-token lifetime.
	APITokenPerIP    ratelimit.Rule
	APITokenPerToken ratelimit.Rule
}

// DefaultLimits suit a public deployment; `espace serve` uses them.
var DefaultLimits = Limits{
	CandidateSearch: ratelimit.Rule{Burst: 10, Every: 30 * time.Second}, // 10 at once, then 2 a minute
	PasswordChange:  ratelimit.Rule{Burst: 5, Every: 5 * time.Minute},   // 5 at once, then 1 per 5 minutes
	ExportPerUser:   ratelimit.Rule{Burst: 6, Every: time.Minute},       // 6 at once, then 1 a minute
	PDFAtOnce:       2,

	LoginPerIP:        ratelimit.Rule{Burst: 30, Every: 6 * time.Second},   // 30 at once, then 10 a minute
	LoginPerAccountIP: ratelimit.Rule{Burst: 10, Every: time.Minute},       // 10 at once, then 1 a minute
	LoginPerAccount:   ratelimit.Rule{Burst: 100, Every: 30 * time.Second}, // 100 at once, then 2 a minute
	LoginSlowdown:     Slowdown{After: 10, Step: 200 * time.Millisecond, Max: 5 * time.Second},

	SignUpPerIP:        ratelimit.Rule{Burst: 10, Every: time.Minute},    // 10 at once, then 1 a minute
	RecoveryPerIP:      ratelimit.Rule{Burst: 10, Every: time.Minute},    // 10 at once, then 1 a minute
	RecoveryPerAccount: ratelimit.Rule{Burst: 3, Every: 5 * time.Minute}, // 3 at once, then 1 per 5 minutes

	APITokenPerIP:    ratelimit.Rule{Burst: 60, Every: 3 * time.Second},  // 60 at once, then 20 a minute
	APITokenPerToken: ratelimit.Rule{Burst: 10, Every: 30 * time.Second}, // 10 at once, then 2 a minute
}

// Slowdown holds back the answer to a login once the account's bucket holds
// more than After attempts: Step, doubling with each further attempt, at
// most Max. Its owner still logs in, only slower, while a guesser's serial
// attempts slow down exponentially.
type Slowdown struct {
	After     int
	Step, Max time.Duration
}

// Delay is the wait before answering the used-th attempt on an account.
func (s Slowdown) Delay(used int) time.Duration {
	n := used - s.After
	if s.Step <= 0 || n <= 0 {
		return 0
	}
	d := s.Step
	for i := 1; i < n && d < s.Max; i++ {
		d *= 2
	}
	return min(d, s.Max)
}

// limiters are the Limits applied to one ratelimit.Store.
type limiters struct {
	candidateSearch, passwordChange, export *ratelimit.Limiter
	loginIP, loginAccountIP, loginAccount   *ratelimit.Limiter
	signUpIP, recoveryIP, recoveryAccount   *ratelimit.Limiter
	apiTokenIP, apiToken                    *ratelimit.Limiter
	pdf                                     *ratelimit.Slots
	loginSlowdown                           Slowdown
}

func newLimiters(store ratelimit.Store, l Limits) limiters {
	if store == nil {
		store = ratelimit.NewMemory()
	}
	return limiters{
		candidateSearch: ratelimit.New(store, "delegate-search", l.CandidateSearch),
		passwordChange:  ratelimit.New(store, "password-change", l.PasswordChange),
		export:          ratelimit.New(store, "export", l.ExportPerUser),
		loginIP:         ratelimit.New(store, "login-ip", l.LoginPerIP),
		loginAccountIP:  ratelimit.New(store, "login-account-ip", l.LoginPerAccountIP),
		loginAccount:    ratelimit.New(store, "login-account", l.LoginPerAccount),
		signUpIP:        ratelimit.New(store, "signup-ip", l.SignUpPerIP),
		recoveryIP:      ratelimit.New(store, "recovery-ip", l.RecoveryPerIP),
		recoveryAccount: ratelimit.New(store, "recovery-account", l.RecoveryPerAccount),
		apiTokenIP:      ratelimit.New(store, "api-token-ip", l.APITokenPerIP),
		apiToken:        ratelimit.New(store, "api-token", l.APITokenPerToken),
		pdf:             ratelimit.NewSlots(l.PDFAtOnce),
		loginSlowdown:   l.LoginSlowdown,
	}
}

// limit takes one attempt from a limiter, or reports 429.
func (s *Server) limit(ctx context.Context, l *ratelimit.Limiter, key string) error {
	if r := l.Allow(ctx, key); !r.Allowed {
		s.m.RateLimited(l.Name())
		return apperr.RateLimited(r.RetryAfter)
	}
	return nil
}

// limitLogin applies the login limits, in order: the client address, the
// account from that address, then the account from everywhere, whose
// slowdown may hold the answer back.
func (s *Server) limitLogin(ctx context.Context, account, ip string) error {
	addr := addressKey(ip)
	if err := s.limit(ctx, s.lim.loginIP, addr); err != nil {
		return err
	}
	if err := s.limit(ctx, s.lim.loginAccountIP, "account:"+account+"|"+addr); err != nil {
		return err
	}
	r := s.lim.loginAccount.Allow(ctx, "account:"+account)
	if !r.Allowed {
		s.m.RateLimited(s.lim.loginAccount.Name())
		return apperr.RateLimited(r.RetryAfter)
	}
	if d := s.lim.loginSlowdown.Delay(r.Used); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done(): // the client left: nobody reads the answer
			s.m.RateLimited("login-slowdown")
			return apperr.RateLimited(d)
		}
	}
	return nil
}

// pdfRetryAfter is what a PDF export refused for lack of a slot is told to
// wait: about the time a large layout takes.
const pdfRetryAfter = 10 * time.Second

// pdfBusy refuses a PDF export while PDFAtOnce layouts run. It is a 429
// `rate_limited` with Retry-After rather than a 503: clients already retry
// rate_limited after Retry-After, and a 503 would tell load balancers and
// proxies that the instance is failing (some retry it at once elsewhere, or
// take the instance out), when it only declines one costly request.
func pdfBusy() error {
	e := apperr.RateLimited(pdfRetryAfter)
	e.Title = "Trop d'exportations PDF sont en cours. Veuillez réessayer dans quelques instants."
	return e
}

// addressKey names the client for per-address limits. An IPv6 client
// usually holds a whole /64, so the /64 counts as one address.
func addressKey(ip string) string {
	p := net.ParseIP(ip)
	if p == nil {
		return "ip:" + ip
	}
	if v4 := p.To4(); v4 != nil {
		return "ip:" + v4.String()
	}
	return "ip6:" + p.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// limitExport takes what an export needs: for a PDF, one of the layouts
// this instance runs at once (refused at once when none is free, so a busy
// instance does not cost the user an export of their allowance), then one
// export of the user's allowance. release gives the layout back when the
// file is written or abandoned.
func (s *Server) limitExport(ctx context.Context, sess *auth.Session, pdf bool) (release func(), err error) {
	release = func() {}
	if pdf {
		var ok bool
		if release, ok = s.lim.pdf.TryAcquire(); !ok {
			s.m.RateLimited(pdfRule)
			return nil, pdfBusy()
		}
	}
	if err := s.limit(ctx, s.lim.export, "user:"+sess.Actor.ID.String()); err != nil {
		release()
		return nil, err
	}
	return release, nil
}
