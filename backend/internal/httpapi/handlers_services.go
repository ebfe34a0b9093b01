package httpapi

import (
	"context"
	"errors"
	"io"
	"mime/multipart"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/portal"
)

// pageOf reads the optional page and pageSize parameters.
func pageOf(page, size *int) (int, int) {
	p, s := 1, 10
	if page != nil {
		p = *page
	}
	if size != nil {
		s = *size
	}
	return p, s
}

// personRefOf resolves a user id to the reference the API shows.
func (s *Server) personRefOf(ctx context.Context, sess *auth.Session, id openapi_types.UUID) (api.PersonRef, error) {
	switch {
	case id == sess.Actor.ID:
		return personRef(sess.Actor), nil
	case sess.Principal != nil && id == sess.Principal.ID:
		return personRef(*sess.Principal), nil
	}
	u, err := s.Accounts.User(ctx, id)
	if err != nil {
		return api.PersonRef{}, err
	}
	ref := api.PersonRef{UserId: u.ID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName}
	if u.Matricule != "" {
		m := u.Matricule
		ref.Matricule = &m
	}
	return ref, nil
}

// ReserveLots is « Réservation de lots et plans complémentaires en TR ».
func (s *Server) ReserveLots(ctx context.Context, req api.ReserveLotsRequestObject) (api.ReserveLotsResponseObject, error) {
	sess := mustSession(ctx)
	plans := 0
	if req.Body.ComplementaryPlans != nil {
		plans = *req.Body.ComplementaryPlans
	}
	r, err := s.Portal.ReserveLots(ctx, sess, req.Body.DossierNumber, req.Body.LotCount, plans)
	if err != nil {
		return nil, err
	}
	dto, err := s.reservationDTO(ctx, sess, r)
	if err != nil {
		return nil, err
	}
	return api.ReserveLots201JSONResponse(dto), nil
}

func (s *Server) reservationDTO(ctx context.Context, sess *auth.Session, r portal.Reservation) (api.LotReservation, error) {
	by, err := s.personRefOf(ctx, sess, r.ActorID)
	if err != nil {
		return api.LotReservation{}, err
	}
	return api.LotReservation{Id: r.ID, DossierNumber: r.DossierNumber, Lots: r.Lots(), ComplementaryPlans: r.ComplementaryPlans,
		ReservedAt: r.ReservedAt, DoneBy: by, DoneFor: personRef(*sess.Principal)}, nil
}

// ListLotReservations lists the principal's reservations.
func (s *Server) ListLotReservations(ctx context.Context, req api.ListLotReservationsRequestObject) (api.ListLotReservationsResponseObject, error) {
	sess := mustSession(ctx)
	p, size := pageOf(req.Params.Page, req.Params.PageSize)
	page, err := s.Portal.Reservations(ctx, sess, p, size)
	if err != nil {
		return nil, err
	}
	out := api.ListLotReservations200JSONResponse{Page: p, PageSize: size, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, size), Items: []api.LotReservation{}}
	for _, r := range page.Items {
		dto, err := s.reservationDTO(ctx, sess, r)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, dto)
	}
	return out, nil
}

// CheckLotCorrection is « Vérification de la correction de lots ».
func (s *Server) CheckLotCorrection(ctx context.Context, req api.CheckLotCorrectionRequestObject) (api.CheckLotCorrectionResponseObject, error) {
	sess := mustSession(ctx)
	c, err := s.Portal.CheckLots(ctx, sess, req.Body.Lots)
	if err != nil {
		return nil, err
	}
	dto, err := s.checkDTO(ctx, sess, c)
	if err != nil {
		return nil, err
	}
	return api.CheckLotCorrection201JSONResponse(dto), nil
}

func (s *Server) checkDTO(ctx context.Context, sess *auth.Session, c portal.Check) (api.LotCorrectionCheck, error) {
	by, err := s.personRefOf(ctx, sess, c.ActorID)
	if err != nil {
		return api.LotCorrectionCheck{}, err
	}
	out := api.LotCorrectionCheck{Id: c.ID, CheckedAt: c.CheckedAt, DoneBy: by, DoneFor: personRef(*sess.Principal), Results: []api.LotCorrectionResult{}}
	for _, r := range c.Results {
		out.Results = append(out.Results, api.LotCorrectionResult{Lot: r.Lot, Status: api.LotCorrectionResultStatus(r.Status), Detail: r.Detail})
	}
	return out, nil
}

// ListLotCorrectionChecks lists the principal's checks.
func (s *Server) ListLotCorrectionChecks(ctx context.Context, req api.ListLotCorrectionChecksRequestObject) (api.ListLotCorrectionChecksResponseObject, error) {
	sess := mustSession(ctx)
	p, size := pageOf(req.Params.Page, req.Params.PageSize)
	page, err := s.Portal.Checks(ctx, sess, p, size)
	if err != nil {
		return nil, err
	}
	out := api.ListLotCorrectionChecks200JSONResponse{Page: p, PageSize: size, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, size), Items: []api.LotCorrectionCheck{}}
	for _, c := range page.Items {
		dto, err := s.checkDTO(ctx, sess, c)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, dto)
	}
	return out, nil
}

// OrderProducts is « Commande de produits cadastraux ».
func (s *Server) OrderProducts(ctx context.Context, req api.OrderProductsRequestObject) (api.OrderProductsResponseObject, error) {
	sess := mustSession(ctx)
	b := req.Body
	o, err := s.Portal.OrderProducts(ctx, sess, portal.Product(b.ProductType), b.Lots, b.Quantity, portal.Format(b.Format))
	if err != nil {
		return nil, err
	}
	dto, err := s.orderDTO(ctx, sess, o)
	if err != nil {
		return nil, err
	}
	return api.OrderProducts201JSONResponse(dto), nil
}

func (s *Server) orderDTO(ctx context.Context, sess *auth.Session, o portal.Order) (api.ProductOrder, error) {
	by, err := s.personRefOf(ctx, sess, o.ActorID)
	if err != nil {
		return api.ProductOrder{}, err
	}
	return api.ProductOrder{Id: o.ID, OrderNumber: o.OrderNumber, ProductType: api.ProductType(o.ProductType),
		Lots: o.Lots, Quantity: o.Quantity, Format: api.ProductFormat(o.Format), Status: api.ProductOrderStatus(o.Status),
		OrderedAt: o.OrderedAt, DoneBy: by, DoneFor: personRef(*sess.Principal)}, nil
}

// ListProductOrders lists the principal's orders.
func (s *Server) ListProductOrders(ctx context.Context, req api.ListProductOrdersRequestObject) (api.ListProductOrdersResponseObject, error) {
	sess := mustSession(ctx)
	p, size := pageOf(req.Params.Page, req.Params.PageSize)
	page, err := s.Portal.Orders(ctx, sess, p, size)
	if err != nil {
		return nil, err
	}
	out := api.ListProductOrders200JSONResponse{Page: p, PageSize: size, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, size), Items: []api.ProductOrder{}}
	for _, o := range page.Items {
		dto, err := s.orderDTO(ctx, sess, o)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, dto)
	}
	return out, nil
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
	dto, err := s.prevalidationDTO(ctx, sess, p)
	if err != nil {
		return nil, err
	}
	return api.PrevalidateDm201JSONResponse(dto), nil
}

func (s *Server) prevalidationDTO(ctx context.Context, sess *auth.Session, p portal.Prevalidation) (api.DmPrevalidation, error) {
	by, err := s.personRefOf(ctx, sess, p.ActorID)
	if err != nil {
		return api.DmPrevalidation{}, err
	}
	out := api.DmPrevalidation{Id: p.ID, FileName: p.FileName, Size: int(p.Size), Sha256: p.Sha256, Valid: p.Valid,
		CheckedAt: p.CheckedAt, DoneBy: by, DoneFor: personRef(*sess.Principal), Findings: []api.DmFinding{}}
	for _, f := range p.Findings {
		out.Findings = append(out.Findings, api.DmFinding{Rule: f.Rule, Passed: f.Passed, Message: f.Message})
	}
	return out, nil
}

// ListDmPrevalidations lists the principal's prevalidations.
func (s *Server) ListDmPrevalidations(ctx context.Context, req api.ListDmPrevalidationsRequestObject) (api.ListDmPrevalidationsResponseObject, error) {
	sess := mustSession(ctx)
	p, size := pageOf(req.Params.Page, req.Params.PageSize)
	page, err := s.Portal.Prevalidations(ctx, sess, p, size)
	if err != nil {
		return nil, err
	}
	out := api.ListDmPrevalidations200JSONResponse{Page: p, PageSize: size, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, size), Items: []api.DmPrevalidation{}}
	for _, v := range page.Items {
		dto, err := s.prevalidationDTO(ctx, sess, v)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, dto)
	}
	return out, nil
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
	out := api.ListDmDeposits200JSONResponse{Page: p, PageSize: size, TotalItems: page.TotalItems,
		TotalPages: totalPages(page.TotalItems, size), Items: []api.DmDeposit{}}
	for _, d := range page.Items {
		out.Items = append(out.Items, depositDTO(d))
	}
	return out, nil
}
