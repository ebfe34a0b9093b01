package httpapi

import (
	"context"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
	"espace/backend/internal/seclog"
)

// ListApiTokens lists the user's API tokens, without their secrets (§14).
func (s *Server) ListApiTokens(ctx context.Context, _ api.ListApiTokensRequestObject) (api.ListApiTokensResponseObject, error) {
	list, err := s.Accounts.ListAPITokens(ctx, mustSession(ctx))
	if err != nil {
		return nil, err
	}
	out := make(api.ListApiTokens200JSONResponse, 0, len(list))
	for _, t := range list {
		out = append(out, apiTokenDTO(t))
	}
	return out, nil
}

// CreateApiToken makes an API token; its secret is in this answer only.
func (s *Server) CreateApiToken(ctx context.Context, req api.CreateApiTokenRequestObject) (api.CreateApiTokenResponseObject, error) {
	t, secret, err := s.Accounts.CreateAPIToken(ctx, mustSession(ctx), req.Body.Name, req.Body.ExpiresOn.Time)
	if err != nil {
		return nil, err
	}
	v := apiTokenDTO(t)
	return api.CreateApiToken201JSONResponse(api.NewApiToken{Id: v.Id, Name: v.Name, CreatedAt: v.CreatedAt,
		ExpiresOn: v.ExpiresOn, LastUsedAt: v.LastUsedAt, Token: secret}), nil
}

// RevokeApiToken revokes one of the user's API tokens and its sessions.
func (s *Server) RevokeApiToken(ctx context.Context, req api.RevokeApiTokenRequestObject) (api.RevokeApiTokenResponseObject, error) {
	if err := s.Accounts.RevokeAPIToken(ctx, mustSession(ctx), req.TokenId); err != nil {
		return nil, err
	}
	return api.RevokeApiToken204Response{}, nil
}

func apiTokenDTO(t accounts.APITokenView) api.ApiToken {
	return api.ApiToken{Id: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, ExpiresOn: openapi_types.Date{Time: t.ExpiresOn},
		LastUsedAt: t.LastUsedAt}
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
			seclog.Log(ctx, seclog.Event{Name: seclog.APITokenExchange, Outcome: seclog.Denied, Actor: u.ID.String(),
				Target: t.ID.String(), Code: "delegation_not_active", Reason: "delegant " + req.Body.DelegantId.String()})
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
