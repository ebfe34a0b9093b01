package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/metrics"
	"espace/backend/internal/seclog"
)

// refreshCookieName carries the __Secure- prefix: browsers refuse the cookie
// unless it is Secure, so no plain-http page can plant or overwrite it
// (__Host- would require Path=/, and the cookie goes to /api/v1/auth only).
const refreshCookieName = "__Secure-espace_refresh"

// Login opens a session. Attempts are limited per client address, per
// account from that address, and per account from everywhere (limitLogin).
func (s *Server) Login(ctx context.Context, req api.LoginRequestObject) (api.LoginResponseObject, error) {
	info := infoFrom(ctx)
	if err := s.limitLogin(ctx, accounts.FoldKey(req.Body.Username), info.ClientIP); err != nil {
		s.m.Login(metrics.LoginRateLimited)
		return nil, err
	}
	tokens, err := s.Accounts.Login(ctx, req.Body.Username, req.Body.Password, accounts.ClientInfo{IP: info.ClientIP, UserAgent: info.UserAgent})
	if err != nil {
		s.m.Login(metrics.LoginFailure)
		return nil, err
	}
	s.m.Login(metrics.LoginSuccess)
	cookie := req.Params.XRefreshTokenTransport != nil && *req.Params.XRefreshTokenTransport == api.Cookie
	return api.Login200JSONResponse(s.tokenResponse(ctx, tokens, cookie)), nil
}

// RefreshSession rotates the refresh token (body or cookie).
func (s *Server) RefreshSession(ctx context.Context, req api.RefreshSessionRequestObject) (api.RefreshSessionResponseObject, error) {
	token := ""
	fromCookie := false
	if req.Body != nil && req.Body.RefreshToken != nil {
		token = *req.Body.RefreshToken
	} else if req.Params.RefreshCookie != nil {
		token, fromCookie = *req.Params.RefreshCookie, true
		// A cookie travels by itself: only a page of the service may use it.
		if !s.sameOrigin(infoFrom(ctx).Header) {
			return nil, errCrossOriginRefresh
		}
	}
	tokens, err := s.Accounts.Refresh(ctx, token)
	if err != nil {
		if fromCookie {
			s.clearRefreshCookie(ctx)
		}
		return nil, err
	}
	cookie := req.Params.XRefreshTokenTransport != nil && *req.Params.XRefreshTokenTransport == api.Cookie
	return api.RefreshSession200JSONResponse(s.tokenResponse(ctx, tokens, cookie)), nil
}

var errCrossOriginRefresh = apperr.Forbidden(api.ProblemCodeCrossOriginRefresh,
	"Le renouvellement par témoin n'est permis qu'aux pages du service lui-même; les autres clients envoient refreshToken dans le corps de POST /api/v1/auth/refresh.")

// sameOrigin tells whether the request comes from a page of the service: its
// Origin is the public URL's origin, or the browser says Sec-Fetch-Site:
// same-origin. A request with neither header (not a browser's) is refused
// too: other clients send the refresh token in the body.
func (s *Server) sameOrigin(h http.Header) bool {
	if h.Get("Sec-Fetch-Site") == "same-origin" {
		return true
	}
	origin := h.Get("Origin")
	return origin != "" && origin != "null" && origin == publicOrigin(s.cfg.PublicURL)
}

// publicOrigin is scheme://host[:port] of the public URL.
func publicOrigin(publicURL string) string {
	u, err := url.Parse(publicURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// tokenResponse puts the refresh token in the body, or in an HttpOnly cookie
// that page scripts cannot read.
func (s *Server) tokenResponse(ctx context.Context, t accounts.Tokens, cookie bool) api.TokenResponse {
	out := api.TokenResponse{AccessToken: t.AccessToken, TokenType: api.Bearer, ExpiresIn: int(t.ExpiresIn.Seconds())}
	if cookie && t.RefreshToken != "" {
		if w := infoFrom(ctx).Writer; w != nil {
			http.SetCookie(w, &http.Cookie{
				Name: refreshCookieName, Value: t.RefreshToken, Path: "/api/v1/auth",
				HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode,
				MaxAge: int(s.Accounts.SessionTTL.Seconds()),
			})
		}
	} else if t.RefreshToken != "" {
		rt := t.RefreshToken
		out.RefreshToken = &rt
	}
	return out
}

func (s *Server) clearRefreshCookie(ctx context.Context) {
	if w := infoFrom(ctx).Writer; w != nil {
		http.SetCookie(w, &http.Cookie{Name: refreshCookieName, Value: "", Path: "/api/v1/auth", HttpOnly: true,
			Secure: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	}
}

// Logout ends the session of the access token.
func (s *Server) Logout(ctx context.Context, _ api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := s.Accounts.Logout(ctx, mustSession(ctx).ID); err != nil {
		return nil, err
	}
	s.clearRefreshCookie(ctx)
	return api.Logout204Response{}, nil
}

const acceptedMessage = "Si un identifiant correspond à ces renseignements, un courriel vient d'y être envoyé."

// RequestPasswordReset answers the same whether or not the account exists.
func (s *Server) RequestPasswordReset(ctx context.Context, req api.RequestPasswordResetRequestObject) (api.RequestPasswordResetResponseObject, error) {
	if err := s.limit(ctx, s.lim.recoveryIP, addressKey(infoFrom(ctx).ClientIP)); err != nil {
		return nil, err
	}
	username, email := "", ""
	if req.Body.Username != nil {
		username = *req.Body.Username
	}
	if req.Body.Email != nil {
		email = string(*req.Body.Email)
	}
	if err := s.limit(ctx, s.lim.recoveryAccount, "account:"+accounts.FoldKey(username)+"|"+accounts.FoldKey(email)); err != nil {
		return nil, err
	}
	if err := s.Accounts.RequestPasswordReset(ctx, username, email); err != nil {
		return nil, err
	}
	return api.RequestPasswordReset202JSONResponse{AcceptedJSONResponse: api.AcceptedJSONResponse{Message: acceptedMessage}}, nil
}

// ResetPassword uses the single-use token of the e-mail.
func (s *Server) ResetPassword(ctx context.Context, req api.ResetPasswordRequestObject) (api.ResetPasswordResponseObject, error) {
	if err := s.limit(ctx, s.lim.recoveryIP, addressKey(infoFrom(ctx).ClientIP)); err != nil {
		return nil, err
	}
	if err := s.Accounts.ResetPassword(ctx, req.Body.Token, req.Body.NewPassword); err != nil {
		return nil, err
	}
	return api.ResetPassword204Response{}, nil
}

// RequestUsernameReminder answers the same whether or not the address is known.
func (s *Server) RequestUsernameReminder(ctx context.Context, req api.RequestUsernameReminderRequestObject) (api.RequestUsernameReminderResponseObject, error) {
	if err := s.limit(ctx, s.lim.recoveryIP, addressKey(infoFrom(ctx).ClientIP)); err != nil {
		return nil, err
	}
	email := string(req.Body.Email)
	if err := s.limit(ctx, s.lim.recoveryAccount, "email:"+accounts.FoldKey(email)); err != nil {
		return nil, err
	}
	if err := s.Accounts.RemindUsername(ctx, email); err != nil {
		return nil, err
	}
	return api.RequestUsernameReminder202JSONResponse{AcceptedJSONResponse: api.AcceptedJSONResponse{Message: acceptedMessage}}, nil
}

// SelectDelegant is « Sélection d'un délégant »: new tokens for the same
// session, acting for the chosen surveyor.
func (s *Server) SelectDelegant(ctx context.Context, req api.SelectDelegantRequestObject) (api.SelectDelegantResponseObject, error) {
	sess := mustSession(ctx)
	p, err := s.Delegation.Select(ctx, sess.Actor, req.Body.DelegantId)
	if err != nil {
		return nil, err
	}
	tokens, err := s.Accounts.ActFor(ctx, sess.ID, p.ID)
	if err != nil {
		return nil, err
	}
	cookie := req.Params.XRefreshTokenTransport != nil && *req.Params.XRefreshTokenTransport == api.Cookie
	return api.SelectDelegant200JSONResponse(s.tokenResponse(ctx, tokens, cookie)), nil
}

// Reauthenticate is « Confirmez votre identité » (§12). Attempts count with
// those of the password change: both guess the same password.
func (s *Server) Reauthenticate(ctx context.Context, req api.ReauthenticateRequestObject) (api.ReauthenticateResponseObject, error) {
	sess := mustSession(ctx)
	if err := s.limit(ctx, s.lim.passwordChange, "user:"+sess.Actor.ID.String()); err != nil {
		return nil, err
	}
	if err := s.Accounts.Reauthenticate(ctx, sess, req.Body.Password); err != nil {
		return nil, err
	}
	return api.Reauthenticate204Response{}, nil
}

// ExchangeApiToken gives office software an access token for its API token
// (§14): the same claims as a login, acting for delegantId when given (the
// same decision as « Sélection d'un délégant »), else the default of §4.
// Attempts are limited per client address, then per token.
func (s *Server) ExchangeApiToken(ctx context.Context, req api.ExchangeApiTokenRequestObject) (api.ExchangeApiTokenResponseObject, error) {
	info := infoFrom(ctx)
	if err := s.limit(ctx, s.lim.apiTokenIP, addressKey(info.ClientIP)); err != nil {
		return nil, err
	}
	// The key is a digest: the limiter's store (Redis) never sees a secret.
	if err := s.limit(ctx, s.lim.apiToken, "token:"+auth.HashOpaqueToken(req.Body.ApiToken)); err != nil {
		return nil, err
	}
	t, u, err := s.Accounts.APITokenOwner(ctx, req.Body.ApiToken)
	if err != nil {
		return nil, err
	}
	var principal *uuid.UUID
	if req.Body.DelegantId != nil {
		p, err := s.Delegation.Select(ctx, accounts.Person(u), *req.Body.DelegantId)
		if err != nil {
			// A refusal names the user and the token, which the error
			// handler's event of every 403 cannot; a failure is no refusal.
			if ae, ok := apperr.As(err); ok && ae.Kind == apperr.KindForbidden {
				seclog.Log(ctx, seclog.Event{Name: seclog.APITokenExchange, Outcome: seclog.Denied, Actor: u.ID.String(),
					Target: t.ID.String(), Code: string(ae.Code), Reason: "delegant " + req.Body.DelegantId.String()})
			}
			return nil, err
		}
		principal = &p.ID
	} else if principal, err = s.Delegation.DefaultActingFor(ctx, u.ID); err != nil {
		return nil, err
	}
	tokens, err := s.Accounts.OpenAPITokenSession(ctx, t, principal, accounts.ClientInfo{IP: info.ClientIP, UserAgent: info.UserAgent})
	if err != nil {
		return nil, err
	}
	return api.ExchangeApiToken200JSONResponse(s.tokenResponse(ctx, tokens, false)), nil
}
