package httpapi

import (
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/portal"
)

func messageDTO(m portal.MessageView) api.DossierMessage {
	out := api.DossierMessage{Id: m.ID, DossierNumber: m.DossierNumber, Subject: m.Subject, Body: m.Body,
		PostedAt: m.PostedAt, Read: m.ReadAt != nil, ReadAt: m.ReadAt}
	if m.ReadByPerson != nil {
		ref := personRef(*m.ReadByPerson)
		out.ReadBy = &ref
	}
	return out
}

func communiqueDTO(c portal.CommuniqueView) api.Communique {
	return api.Communique{Id: c.ID, Subject: c.Subject, Body: c.Body, PublishedAt: c.PublishedAt, Read: c.Read}
}

// ListDossierMessages lists a dossier's messages with the surveyor's read state.
func (s *Server) ListDossierMessages(ctx context.Context, req api.ListDossierMessagesRequestObject) (api.ListDossierMessagesResponseObject, error) {
	list, err := s.Portal.Messages(ctx, mustSession(ctx), req.Number)
	if err != nil {
		return nil, err
	}
	out := api.ListDossierMessages200JSONResponse{}
	for _, m := range list {
		out = append(out, messageDTO(m))
	}
	return out, nil
}

// MarkDossierMessageRead reads a message for the surveyor.
func (s *Server) MarkDossierMessageRead(ctx context.Context, req api.MarkDossierMessageReadRequestObject) (api.MarkDossierMessageReadResponseObject, error) {
	m, err := s.Portal.MarkMessageRead(ctx, mustSession(ctx), req.Number, req.MessageId)
	if err != nil {
		return nil, err
	}
	return api.MarkDossierMessageRead200JSONResponse(messageDTO(m)), nil
}

// ListCommuniques lists the communiqués with the surveyor's read state.
func (s *Server) ListCommuniques(ctx context.Context, _ api.ListCommuniquesRequestObject) (api.ListCommuniquesResponseObject, error) {
	list, err := s.Portal.Communiques(ctx, mustSession(ctx))
	if err != nil {
		return nil, err
	}
	out := api.ListCommuniques200JSONResponse{}
	for _, c := range list {
		out = append(out, communiqueDTO(c))
	}
	return out, nil
}

// MarkCommuniqueRead reads a communiqué for the surveyor.
func (s *Server) MarkCommuniqueRead(ctx context.Context, req api.MarkCommuniqueReadRequestObject) (api.MarkCommuniqueReadResponseObject, error) {
	c, err := s.Portal.MarkCommuniqueRead(ctx, mustSession(ctx), req.CommuniqueId)
	if err != nil {
		return nil, err
	}
	return api.MarkCommuniqueRead200JSONResponse(communiqueDTO(c)), nil
}

// PostDossierMessage publishes a message on a dossier (administrator).
func (s *Server) PostDossierMessage(ctx context.Context, req api.PostDossierMessageRequestObject) (api.PostDossierMessageResponseObject, error) {
	m, err := s.Portal.PostMessage(ctx, mustSession(ctx).Actor, req.Number, req.Body.Subject, req.Body.Body)
	if err != nil {
		return nil, err
	}
	return api.PostDossierMessage201JSONResponse(messageDTO(m)), nil
}

// PostCommunique publishes a communiqué (administrator).
func (s *Server) PostCommunique(ctx context.Context, req api.PostCommuniqueRequestObject) (api.PostCommuniqueResponseObject, error) {
	c, err := s.Portal.PostCommunique(ctx, mustSession(ctx).Actor, req.Body.Subject, req.Body.Body)
	if err != nil {
		return nil, err
	}
	return api.PostCommunique201JSONResponse(communiqueDTO(c)), nil
}

// ExtendClosingDate is « Prolongement de la date de fermeture ».
func (s *Server) ExtendClosingDate(ctx context.Context, req api.ExtendClosingDateRequestObject) (api.ExtendClosingDateResponseObject, error) {
	x, err := s.Portal.ExtendClosingDate(ctx, mustSession(ctx), req.Number, req.Body.NewClosingDate.Time, req.Body.Reason)
	if err != nil {
		return nil, err
	}
	out := api.ExtendClosingDate201JSONResponse{DossierNumber: x.DossierNumber, NewClosingDate: dateOf(x.NewDate),
		Reason: x.Reason, RequestedAt: x.RequestedAt}
	if x.PreviousDate != nil {
		d := dateOf(*x.PreviousDate)
		out.PreviousClosingDate = &d
	}
	return out, nil
}

func dateOf(t time.Time) openapi_types.Date {
	t = t.UTC()
	return openapi_types.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}
