// Package seclog writes the security events of SPEC §17: logins, refusals,
// refresh-token reuse, logouts, password changes and resets, acting-for
// switches, administration. Every event is one structured log line of the
// same shape, next to the request log (not instead of the activity log):
//
//	log=security event=… outcome=… actor=… session=… target=… ip=… request_id=…
//
// plus, when it helps, code (the problem code of a refusal) or reason. The
// attribute log=security lets the stream be filtered as one.
package seclog

import (
	"context"
	"log/slog"

	"espace/backend/internal/auth"
)

// Event names.
const (
	Login              = "login"
	Logout             = "logout"
	RefreshTokenReuse  = "refresh_token_reuse"
	PasswordChange     = "password_change"
	PasswordResetAsked = "password_reset_request"
	PasswordReset      = "password_reset"
	ActingFor          = "acting_for_switch"
	Reauthentication   = "reauthentication"
	Unauthenticated    = "unauthenticated" // every 401
	Forbidden          = "forbidden"       // every 403
	Admin              = "admin_action"
	APITokenCreated    = "api_token_created"  // §14
	APITokenRevoked    = "api_token_revoked"  // §14
	APITokenExchange   = "api_token_exchange" //nolint:gosec // §14: success, or failure with a reason (an event name, not a token)
)

// Outcomes.
const (
	Success = "success"
	Failure = "failure"
	Denied  = "denied"
)

// Event is one security event. Actor and Session default to the request's
// session (auth.FromContext); IP and RequestID to the request's (WithRequest).
type Event struct {
	Name      string
	Outcome   string
	Actor     string // user id, or "cli" for the command line
	Session   string
	Target    string // what the action was about: a user id, a path…
	Code      string // problem code of a refusal
	Reason    string
	IP        string
	RequestID string
}

type requestKey struct{}

type request struct{ ip, id string }

// WithRequest carries the client IP and the request id of an HTTP request,
// for the events logged while serving it.
func WithRequest(ctx context.Context, ip, requestID string) context.Context {
	return context.WithValue(ctx, requestKey{}, request{ip: ip, id: requestID})
}

// Log writes e to the default logger: warnings for failures and refusals,
// information otherwise.
func Log(ctx context.Context, e Event) {
	if sess, ok := auth.FromContext(ctx); ok && sess != nil {
		if e.Actor == "" {
			e.Actor = sess.Actor.ID.String()
		}
		if e.Session == "" {
			e.Session = sess.ID.String()
		}
	}
	if r, ok := ctx.Value(requestKey{}).(request); ok {
		if e.IP == "" {
			e.IP = r.ip
		}
		if e.RequestID == "" {
			e.RequestID = r.id
		}
	}
	level := slog.LevelInfo
	if e.Outcome != Success {
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("log", "security"),
		slog.String("event", e.Name),
		slog.String("outcome", e.Outcome),
		slog.String("actor", e.Actor),
		slog.String("session", e.Session),
		slog.String("target", e.Target),
		slog.String("ip", e.IP),
		slog.String("request_id", e.RequestID),
	}
	if e.Code != "" {
		attrs = append(attrs, slog.String("code", e.Code))
	}
	if e.Reason != "" {
		attrs = append(attrs, slog.String("reason", e.Reason))
	}
	slog.Default().LogAttrs(ctx, level, "événement de sécurité", attrs...)
}
