package httpapi

import (
	"context"
	"errors"
	"io"
	"mime/multipart"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/paging"
	"espace/backend/internal/portal"
)

// pageOf reads the optional page and pageSize parameters.
func pageOf(page, size *int) (int, int) { return deref(page, 1), deref(size, paging.DefaultSize) }

// The records of the services name who did them and for whom: a new record
// was done by the session's actor for its principal (no query), a list's
// people are resolved once per page (listDoneBy).

// ReserveLots is « Réservation de lots et plans complémentaires en TR ».
func (s *Server) ReserveLots(ctx context.Context, req api.ReserveLotsRequestObject) (api.ReserveLotsResponseObject, error) {
	sess := mustSession(ctx)
	r, err := s.Portal.ReserveLots(ctx, sess, req.Body.DossierNumber, req.Body.LotCount, deref(req.Body.ComplementaryPlans, 0))
	if err != nil {
		return nil, err
	}
	return api.ReserveLots201JSONResponse(reservationDTO(r, sessionPeople(sess))), nil
}

func reservationDTO(r portal.Reservation, who people) api.LotReservation {
	return api.LotReservation{Id: r.ID, DossierNumber: r.DossierNumber, Lots: r.Lots(), ComplementaryPlans: r.ComplementaryPlans,
		ReservedAt: r.ReservedAt, DoneBy: who.ref(r.ActorID), DoneFor: who.ref(r.SurveyorID)}
}

// ListLotReservations lists the principal's reservations.
func (s *Server) ListLotReservations(ctx context.Context, req api.ListLotReservationsRequestObject) (api.ListLotReservationsResponseObject, error) {
	out, err := listDoneBy(ctx, s, req.Params.Page, req.Params.PageSize, s.Portal.Reservations, reservationDTO)
	if err != nil {
		return nil, err
	}
	return api.ListLotReservations200JSONResponse(out), nil
}

// CheckLotCorrection is « Vérification de la correction de lots ».
func (s *Server) CheckLotCorrection(ctx context.Context, req api.CheckLotCorrectionRequestObject) (api.CheckLotCorrectionResponseObject, error) {
	sess := mustSession(ctx)
	c, err := s.Portal.CheckLots(ctx, sess, req.Body.Lots)
	if err != nil {
		return nil, err
	}
	return api.CheckLotCorrection201JSONResponse(checkDTO(c, sessionPeople(sess))), nil
}

func checkDTO(c portal.Check, who people) api.LotCorrectionCheck {
	return api.LotCorrectionCheck{Id: c.ID, CheckedAt: c.CheckedAt, DoneBy: who.ref(c.ActorID), DoneFor: who.ref(c.SurveyorID),
		Results: listDTO(c.Results, func(r portal.LotResult) api.LotCorrectionResult {
			return api.LotCorrectionResult{Lot: r.Lot, Status: api.LotCorrectionResultStatus(r.Status), Detail: r.Detail}
		})}
}

// ListLotCorrectionChecks lists the principal's checks.
func (s *Server) ListLotCorrectionChecks(ctx context.Context, req api.ListLotCorrectionChecksRequestObject) (api.ListLotCorrectionChecksResponseObject, error) {
	out, err := listDoneBy(ctx, s, req.Params.Page, req.Params.PageSize, s.Portal.Checks, checkDTO)
	if err != nil {
		return nil, err
	}
	return api.ListLotCorrectionChecks200JSONResponse(out), nil
}

// OrderProducts is « Commande de produits cadastraux ».
func (s *Server) OrderProducts(ctx context.Context, req api.OrderProductsRequestObject) (api.OrderProductsResponseObject, error) {
	sess := mustSession(ctx)
	b := req.Body
	o, err := s.Portal.OrderProducts(ctx, sess, portal.Product(b.ProductType), b.Lots, b.Quantity, portal.Format(b.Format))
	if err != nil {
		return nil, err
	}
	return api.OrderProducts201JSONResponse(orderDTO(o, sessionPeople(sess))), nil
}

func orderDTO(o portal.Order, who people) api.ProductOrder {
	return api.ProductOrder{Id: o.ID, OrderNumber: o.OrderNumber, ProductType: api.ProductType(o.ProductType),
		Lots: o.Lots, Quantity: o.Quantity, Format: api.ProductFormat(o.Format), Status: api.ProductOrderStatus(o.Status),
		OrderedAt: o.OrderedAt, DoneBy: who.ref(o.ActorID), DoneFor: who.ref(o.SurveyorID)}
}

// ListProductOrders lists the principal's orders.
func (s *Server) ListProductOrders(ctx context.Context, req api.ListProductOrdersRequestObject) (api.ListProductOrdersResponseObject, error) {
	out, err := listDoneBy(ctx, s, req.Params.Page, req.Params.PageSize, s.Portal.Orders, orderDTO)
	if err != nil {
		return nil, err
	}
	return api.ListProductOrders200JSONResponse(out), nil
}

// readDM takes the "file" part of a multipart upload, within the size limit.
func readDM(r *multipart.Reader) (portal.DMFile, error) {
	missing := apperr.Invalid(apperr.Field("/file", "Joignez le fichier XML de la DM."))
	if r == nil {
		return portal.DMFile{}, missing
	}
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return portal.DMFile{}, missing
		}
		if err != nil {
			return portal.DMFile{}, apperr.Invalid(apperr.Field("/file", "Le contenu envoyé n'est pas un formulaire multipart valide."))
		}
		if part.FormName() != "file" {
			continue
		}
		content, err := io.ReadAll(io.LimitReader(part, portal.MaxDMSize+1))
		if err != nil {
			return portal.DMFile{}, apperr.Invalid(apperr.Field("/file", "Le fichier n'a pu être lu en entier."))
		}
		if len(content) > portal.MaxDMSize {
			return portal.DMFile{}, apperr.Invalid(apperr.Field("/file", "Le fichier dépasse 5 Mo."))
		}
		return portal.DMFile{Name: part.FileName(), Content: content}, nil
	}
}

// PrevalidateDm is « Prévalidation d'une DM ».
func (s *Server) PrevalidateDm(ctx context.Context, req api.PrevalidateDmRequestObject) (api.PrevalidateDmResponseObject, error) {
	sess := mustSession(ctx)
	f, err := readDM(req.Body)
	if err != nil {
		return nil, err
	}
	p, err := s.Portal.Prevalidate(ctx, sess, f)
	if err != nil {
		return nil, err
	}
	return api.PrevalidateDm201JSONResponse(prevalidationDTO(p, sessionPeople(sess))), nil
}

func prevalidationDTO(p portal.Prevalidation, who people) api.DmPrevalidation {
	return api.DmPrevalidation{Id: p.ID, FileName: p.FileName, Size: int(p.Size), Sha256: p.Sha256, Valid: p.Valid,
		CheckedAt: p.CheckedAt, DoneBy: who.ref(p.ActorID), DoneFor: who.ref(p.SurveyorID),
		Findings: listDTO(p.Findings, func(f portal.Finding) api.DmFinding {
			return api.DmFinding{Rule: f.Rule, Passed: f.Passed, Message: f.Message}
		})}
}

// ListDmPrevalidations lists the principal's prevalidations.
func (s *Server) ListDmPrevalidations(ctx context.Context, req api.ListDmPrevalidationsRequestObject) (api.ListDmPrevalidationsResponseObject, error) {
	out, err := listDoneBy(ctx, s, req.Params.Page, req.Params.PageSize, s.Portal.Prevalidations, prevalidationDTO)
	if err != nil {
		return nil, err
	}
	return api.ListDmPrevalidations200JSONResponse(out), nil
}

// DepositDm is « Dépôt d'une DM », for the surveyor in their own name only.
func (s *Server) DepositDm(ctx context.Context, req api.DepositDmRequestObject) (api.DepositDmResponseObject, error) {
	sess := mustSession(ctx)
	f, err := readDM(req.Body)
	if err != nil {
		return nil, err
	}
	d, err := s.Portal.Deposit(ctx, sess, f)
	if err != nil {
		return nil, err
	}
	return api.DepositDm201JSONResponse(depositDTO(d)), nil
}

func depositDTO(d portal.Deposit) api.DmDeposit {
	return api.DmDeposit{Id: d.ID, FileName: d.FileName, Size: int(d.Size), Sha256: d.Sha256, LotCount: d.LotCount,
		DossierNumber: d.DossierNumber, DepositedAt: d.DepositedAt}
}

// ListDmDeposits lists the surveyor's deposits.
func (s *Server) ListDmDeposits(ctx context.Context, req api.ListDmDepositsRequestObject) (api.ListDmDepositsResponseObject, error) {
	p, size := pageOf(req.Params.Page, req.Params.PageSize)
	page, err := s.Portal.Deposits(ctx, mustSession(ctx), p, size)
	if err != nil {
		return nil, err
	}
	return api.ListDmDeposits200JSONResponse(pageDTO(page, depositDTO)), nil
}
