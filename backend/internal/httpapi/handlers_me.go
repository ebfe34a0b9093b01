package httpapi

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
)

// GetMe describes the logged-in user and whom they act for.
func (s *Server) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	sess := mustSession(ctx)
	u, err := s.Accounts.User(ctx, sess.Actor.ID)
	if err != nil {
		return nil, err
	}
	me := api.Me{
		Id: u.ID, Username: u.Username, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		IsAdmin: u.IsAdmin, PasswordChangedAt: u.PasswordChangedAt,
		MustSelectDelegant: sess.Standing == auth.MustSelect,
		DelegationEnded:    sess.Standing == auth.DelegationEnded,
	}
	if u.Matricule != "" {
		me.Surveyor = &api.SurveyorInfo{Matricule: u.Matricule}
	}
	if p := sess.Principal; p != nil {
		me.ActingFor = &api.ActingFor{UserId: p.ID, Matricule: p.Matricule, FirstName: p.FirstName, LastName: p.LastName,
			Services: servicesDTO(sess.Services), EndsOn: dateDTO(sess.EndsOn)}
	}
	return api.GetMe200JSONResponse(me), nil
}

// ChangeMyPassword is « Changement de mot de passe ».
// Attempts are limited per user: a stolen access token must not allow
// guessing the current password.
func (s *Server) ChangeMyPassword(ctx context.Context, req api.ChangeMyPasswordRequestObject) (api.ChangeMyPasswordResponseObject, error) {
	sess := mustSession(ctx)
	if err := s.limit(ctx, s.lim.passwordChange, "user:"+sess.Actor.ID.String()); err != nil {
		return nil, err
	}
	if err := s.Accounts.ChangePassword(ctx, sess, req.Body.CurrentPassword, req.Body.NewPassword); err != nil {
		return nil, err
	}
	return api.ChangeMyPassword204Response{}, nil
}

// ListApiTokens lists the user's API tokens, without their secrets (§14).
func (s *Server) ListApiTokens(ctx context.Context, _ api.ListApiTokensRequestObject) (api.ListApiTokensResponseObject, error) {
	list, err := s.Accounts.ListAPITokens(ctx, mustSession(ctx))
	if err != nil {
		return nil, err
	}
	return api.ListApiTokens200JSONResponse(listDTO(list, apiTokenDTO)), nil
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
