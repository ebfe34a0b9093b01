package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/accounts"
)

// CreateAccount is « Je suis un nouvel utilisateur ».
func (s *Server) CreateAccount(ctx context.Context, req api.CreateAccountRequestObject) (api.CreateAccountResponseObject, error) {
	if err := s.limit(ctx, s.lim.signUpIP, addressKey(infoFrom(ctx).ClientIP)); err != nil {
		return nil, err
	}
	b := req.Body
	u, err := s.Accounts.SignUp(ctx, accounts.SignUpInput{
		Username: b.Username, Email: string(b.Email), FirstName: b.FirstName, LastName: b.LastName, Password: b.Password,
	})
	if err != nil {
		return nil, err
	}
	return api.CreateAccount201JSONResponse(userDTO(u)), nil
}

func userDTO(u accounts.UserView) api.User {
	out := api.User{Id: u.ID, Username: u.Username, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, CreatedAt: u.CreatedAt}
	if u.Matricule != "" {
		out.Surveyor = &api.SurveyorInfo{Matricule: u.Matricule}
	}
	return out
}
