package portal

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/paging"
	"espace/backend/internal/quebec"
)

// Order is a « Commande de produits cadastraux ».
type Order struct {
	Done
	OrderNumber string
	ProductType Product
	Lots        []string `gorm:"serializer:json"` // a JSON array in a text column
	Quantity    int
	Format      Format
	Status      OrderStatus
	OrderedAt   time.Time
}

func (Order) TableName() string { return "product_orders" }

// formats lists the formats each product comes in.
var formats = map[Product][]Format{
	CadastralPlan:   {FormatPDF, FormatDWG, FormatPaper},
	LotSheet:        {FormatPDF, FormatPaper},
	RegistryExtract: {FormatPDF, FormatPaper},
}

// OrderProducts records an order for existing lots of the cadastre.
func (s *Service) OrderProducts(ctx context.Context, sess *auth.Session, product Product, lots []string, quantity int, format Format) (Order, error) {
	if !slices.Contains(formats[product], format) {
		return Order{}, apperr.Invalid(apperr.Field("/format", "Ce produit n'est pas offert dans ce format."))
	}
	var out Order
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		var known []Lot
		if err := tx.Where("number IN ? AND status <> ?", lots, LotReserved).Find(&known).Error; err != nil {
			return err
		}
		exists := map[string]bool{}
		for _, l := range known {
			exists[l.Number] = true
		}
		var fields []apperr.FieldError
		for i, n := range lots {
			if !exists[n] {
				fields = append(fields, apperr.Field("/lots/"+strconv.Itoa(i), "Le lot "+DisplayLot(n)+" n'existe pas au cadastre."))
			}
		}
		if len(fields) > 0 {
			return apperr.Invalid(fields...)
		}
		seq, err := take(tx, "product_order", 1)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		out = Order{Done: doneFor(sess), OrderNumber: fmt.Sprintf("CP-%d-%06d", now.In(quebec.Location).Year(), seq),
			ProductType: product, Lots: lots, Quantity: quantity, Format: format, Status: OrderReceived, OrderedAt: now}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.ProductOrder, sess.Actor, *sess.Principal, "",
			activity.Detail(orderDetail(out.OrderNumber, product, format, quantity, lots)))
	})
	return out, err
}

// Orders lists the principal's orders, newest first.
func (s *Service) Orders(ctx context.Context, sess *auth.Session, page, size int) (paging.Page[Order], error) {
	return listOf[Order](ctx, s, sess, page, size, "ordered_at DESC, id")
}
