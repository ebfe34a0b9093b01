// Package activity is the append-only log of SPEC §6: every action done
// through the portal is written here, in the action's own transaction, with
// who did it (réalisée par) and for whom (réalisée pour).
package activity

import (
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/auth"
)

// Type is the stable code of an activity.
type Type string

// The activity types, with their French labels (the guide's wording).
const (
	DelegateAdded        Type = "delegate_added"
	DelegateRemoved      Type = "delegate_removed"
	DelegationRenounced  Type = "delegation_renounced"
	DossierViewed        Type = "dossier_viewed"
	LotReservation       Type = "lot_reservation"
	LotCorrectionCheck   Type = "lot_correction_check"
	ProductOrder         Type = "product_order"
	ClosingDateExtension Type = "closing_date_extension"
	DMPrevalidation      Type = "dm_prevalidation"
	DMDeposit            Type = "dm_deposit"
	DelegationModified   Type = "delegation_modified"
	DelegationExpired    Type = "delegation_expired"
)

// Types lists every type, in the order filters show them.
var Types = []Type{
	DelegateAdded, DelegateRemoved, DelegationRenounced, DossierViewed, LotReservation,
	LotCorrectionCheck, ProductOrder, ClosingDateExtension, DMPrevalidation, DMDeposit,
	DelegationModified, DelegationExpired,
}

var labels = map[Type]string{
	DelegateAdded:        "Ajout d'un délégataire",
	DelegateRemoved:      "Suppression d'un délégataire",
	DelegationRenounced:  "Renonciation à une délégation",
	DossierViewed:        "Consultation d'un dossier",
	LotReservation:       "Réservation de lots et plans complémentaires en TR",
	LotCorrectionCheck:   "Vérification de la correction de lots",
	ProductOrder:         "Commande de produits cadastraux",
	ClosingDateExtension: "Prolongement de la date de fermeture",
	DMPrevalidation:      "Prévalidation d'une DM",
	DMDeposit:            "Dépôt d'une DM",
	DelegationModified:   "Modification d'une délégation",
	DelegationExpired:    "Fin d'une délégation (échéance)",
}

// Label is the French wording of t (the code itself when unknown).
func (t Type) Label() string {
	if l, ok := labels[t]; ok {
		return l
	}
	return string(t)
}

// Valid tells whether t is a known type.
func (t Type) Valid() bool { _, ok := labels[t]; return ok }

// Row is one entry of the log, as stored. Each person is copied as they were
// at the time of the action: full name, first and last name, matricule, and
// the folded name the table sorts on (see SortKey).
type Row struct {
	ID                 int64 `gorm:"primaryKey"`
	OccurredAt         time.Time
	Type               Type
	DossierNumber      *string
	ActorID            uuid.UUID `gorm:"type:uuid"`
	ActorName          string
	ActorFirstName     string
	ActorLastName      string
	ActorMatricule     *string
	ActorSort          string
	PrincipalID        uuid.UUID `gorm:"type:uuid"`
	PrincipalName      string
	PrincipalFirstName string
	PrincipalLastName  string
	PrincipalMatricule *string
	PrincipalSort      string
}

func (Row) TableName() string { return "activities" }

// Record appends one entry using the caller's transaction, so that the
// action and its trace commit together or not at all.
func Record(tx *gorm.DB, t Type, actor, principal auth.Person, dossier string) error {
	return tx.Create(NewRow(time.Now(), t, actor, principal, dossier)).Error
}

// NewRow builds the entry Record writes, at the given instant (stored UTC).
// Imports and tests use it to write entries dated in the past.
func NewRow(at time.Time, t Type, actor, principal auth.Person, dossier string) *Row {
	return &Row{
		OccurredAt: at.UTC(), Type: t,
		ActorID: actor.ID, ActorName: actor.FullName(),
		ActorFirstName: actor.FirstName, ActorLastName: actor.LastName,
		ActorMatricule: optional(actor.Matricule), ActorSort: SortKey(actor.FullName()),
		PrincipalID: principal.ID, PrincipalName: principal.FullName(),
		PrincipalFirstName: principal.FirstName, PrincipalLastName: principal.LastName,
		PrincipalMatricule: optional(principal.Matricule), PrincipalSort: SortKey(principal.FullName()),
		DossierNumber: optional(dossier),
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
