package httpapi

import (
	"context"

	"espace/api"
	"espace/backend/internal/portal"
)

func messageDTO(m portal.MessageView) api.DossierMessage {
	out := api.DossierMessage{Id: m.ID, DossierNumber: m.DossierNumber, Subject: m.Subject, Body: m.Body,
		PostedAt: m.PostedAt, Read: m.ReadAt != nil, ReadAt: m.ReadAt}
	if m.ReadByPerson != nil {
		out.ReadBy = ptr(personRef(*m.ReadByPerson))
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
	return api.ListDossierMessages200JSONResponse(listDTO(list, messageDTO)), nil
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
	return api.ListCommuniques200JSONResponse(listDTO(list, communiqueDTO)), nil
}

// MarkCommuniqueRead reads a communiqué for the surveyor.
func (s *Server) MarkCommuniqueRead(ctx context.Context, req api.MarkCommuniqueReadRequestObject) (api.MarkCommuniqueReadResponseObject, error) {
	c, err := s.Portal.MarkCommuniqueRead(ctx, mustSession(ctx), req.CommuniqueId)
	if err != nil {
		return nil, err
	}
	return api.MarkCommuniqueRead200JSONResponse(communiqueDTO(c)), nil
}
