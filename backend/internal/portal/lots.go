package portal

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/paging"
)

// Lot is a lot of the cadastre as this service knows it.
type Lot struct {
	Number        string `gorm:"primaryKey"`
	Status        LotStatus
	DossierNumber *string
	Note          string
	UpdatedAt     time.Time
}

func (Lot) TableName() string { return "cadastre_lots" }

// Done is what every record of a service keeps: its id, the surveyor it was
// done for (the principal) and who did it (the actor, maybe a délégataire).
type Done struct {
	ID         uuid.UUID `gorm:"type:uuid;primaryKey"`
	SurveyorID uuid.UUID `gorm:"type:uuid"`
	ActorID    uuid.UUID `gorm:"type:uuid"`
}

// doneFor is a new record's Done: by the session's actor for its principal.
func doneFor(sess *auth.Session) Done {
	return Done{ID: uuid.New(), SurveyorID: sess.Principal.ID, ActorID: sess.Actor.ID}
}

// DoneBy is who did the record, for the lists that name them.
func (d Done) DoneBy() uuid.UUID { return d.ActorID }

// Reservation is a « Réservation de lots et plans complémentaires en TR ».
type Reservation struct {
	Done
	DossierNumber      string
	FirstLot           int64
	LotCount           int
	ComplementaryPlans int
	ReservedAt         time.Time
}

func (Reservation) TableName() string { return "lot_reservations" }

// Lots returns the reserved numbers, as 7-digit strings.
func (r Reservation) Lots() []string {
	out := make([]string, r.LotCount)
	for i := range out {
		out[i] = fmt.Sprintf("%07d", r.FirstLot+int64(i))
	}
	return out
}

// ReserveLots reserves lotCount new lot numbers for one of the principal's
// cadastre dossiers. The numbers come from one atomic counter and are also
// inserted as cadastre lots under a primary key: two reservations can never
// share a number.
func (s *Service) ReserveLots(ctx context.Context, sess *auth.Session, number string, lotCount, plans int) (Reservation, error) {
	var out Reservation
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		d, err := principalDossier(tx, sess, number)
		if err != nil {
			return err
		}
		if d.Kind != CadastreDossier || d.Status == DossierClosed {
			return apperr.Unprocessable(api.ProblemCodeValidationFailed,
				"Des lots ne peuvent être réservés que pour un dossier du cadastre ouvert.",
				apperr.Field("/dossierNumber", "Choisissez un dossier du cadastre ouvert."))
		}
		first, err := take(tx, "lot", lotCount)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		out = Reservation{Done: doneFor(sess), DossierNumber: number,
			FirstLot: first, LotCount: lotCount, ComplementaryPlans: plans, ReservedAt: now}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		lots := make([]Lot, lotCount)
		for i, n := range out.Lots() {
			dn := number
			lots[i] = Lot{Number: n, Status: LotReserved, DossierNumber: &dn, UpdatedAt: now}
		}
		if err := tx.Create(&lots).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.LotReservation, sess.Actor, *sess.Principal, number,
			activity.Detail(reservationDetail(out.Lots(), plans)))
	})
	return out, err
}

// Reservations lists the principal's reservations, newest first.
func (s *Service) Reservations(ctx context.Context, sess *auth.Session, page, size int) (paging.Page[Reservation], error) {
	return listOf[Reservation](ctx, s, sess, page, size, "reserved_at DESC, id")
}

// LotResult is the verdict on one lot.
type LotResult struct {
	Lot    string  `json:"lot"`
	Status Verdict `json:"status"`
	Detail string  `json:"detail"`
}

// Check is a « Vérification de la correction de lots ».
type Check struct {
	Done
	Results   []LotResult `gorm:"serializer:json"` // a JSON array in a text column
	CheckedAt time.Time
}

func (Check) TableName() string { return "lot_correction_checks" }

// CheckLots looks each lot up in the cadastre and records the verdicts.
func (s *Service) CheckLots(ctx context.Context, sess *auth.Session, lots []string) (Check, error) {
	var out Check
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		var known []Lot
		if err := tx.Where("number IN ?", lots).Find(&known).Error; err != nil {
			return err
		}
		byNumber := map[string]Lot{}
		for _, l := range known {
			byNumber[l.Number] = l
		}
		results := make([]LotResult, len(lots))
		for i, n := range lots {
			results[i] = verdict(n, byNumber[n])
		}
		out = Check{Done: doneFor(sess), Results: results, CheckedAt: time.Now().UTC()}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.LotCorrectionCheck, sess.Actor, *sess.Principal, "", activity.Detail(lotsDetail(lots)))
	})
	return out, err
}

// DisplayLot writes a lot number the Québec way: 1 234 567.
func DisplayLot(n string) string {
	if len(n) != 7 {
		return n
	}
	return n[0:1] + " " + n[1:4] + " " + n[4:7]
}

func verdict(n string, l Lot) LotResult {
	r := LotResult{Lot: n}
	switch l.Status {
	case LotInForce:
		r.Status, r.Detail = VerdictConforming, "Le lot "+DisplayLot(n)+" est en vigueur; aucune correction n'est inscrite."
	case LotNeedsCorrection:
		r.Status, r.Detail = VerdictNeedsCorrection, "Une correction est inscrite au registre pour le lot "+DisplayLot(n)+"."
		if l.Note != "" {
			r.Detail += " " + l.Note
		}
	case LotReserved:
		r.Status, r.Detail = VerdictReserved, "Le numéro "+DisplayLot(n)+" est réservé; le lot n'est pas encore officialisé."
	default:
		r.Status, r.Detail = VerdictUnknown, "Aucun lot "+DisplayLot(n)+" au cadastre du Québec."
	}
	return r
}

// Checks lists the principal's checks, newest first.
func (s *Service) Checks(ctx context.Context, sess *auth.Session, page, size int) (paging.Page[Check], error) {
	return listOf[Check](ctx, s, sess, page, size, "checked_at DESC, id")
}
