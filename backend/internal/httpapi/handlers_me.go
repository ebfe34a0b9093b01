package httpapi

import (
	"context"

	"espace/api"
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
