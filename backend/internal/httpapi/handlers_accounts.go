package httpapi

import (
	"context"
	"errors"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	"espace/api"
	"espace/backend/internal/accounts"
)

func init() {
	// The contract's "format: email" is checked by the validator with the
	// same rule as the domain, so a bad address gets a field error.
	openapi3.DefineStringFormatValidator("email", openapi3.NewCallbackValidator(func(v string) error {
		if !accounts.ValidEmail(v) {
			return errors.New("adresse courriel invalide")
		}
		return nil
	}))
	// google/uuid parses exactly what the handlers will decode.
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewCallbackValidator(func(v string) error {
		if len(v) != 36 {
			return errors.New("identifiant invalide")
		}
		_, err := uuid.Parse(v)
		return err
	}))
}

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
