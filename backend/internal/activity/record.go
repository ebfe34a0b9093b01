// Package activity is the append-only log of SPEC §6: every action done
// through the portal is written here, in the action's own transaction, with
// who did it (réalisée par) and for whom (réalisée pour).
package activity

import (
	"strings"
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

// The types of the administration journal (§13): administrators' actions
// and the command line's.
const (
	AccountCreated     Type = "account_created"
	SurveyorGranted    Type = "surveyor_granted"
	SurveyorWithdrawn  Type = "surveyor_withdrawn"
	DossierOpened      Type = "dossier_opened"
	MessagePosted      Type = "message_posted"
	CommuniquePosted   Type = "communique_posted"
	AdministratorNamed Type = "administrator_named"
)

// AdminTypes lists the administration journal's types, in filter order.
var AdminTypes = []Type{
	AccountCreated, AdministratorNamed, SurveyorGranted, SurveyorWithdrawn, DossierOpened, MessagePosted, CommuniquePosted,
}

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

	AccountCreated:     "Création d'un identifiant",
	AdministratorNamed: "Attribution du rôle d'administrateur",
	SurveyorGranted:    "Attribution du statut d'arpenteur-géomètre",
	SurveyorWithdrawn:  "Retrait du statut d'arpenteur-géomètre",
	DossierOpened:      "Ouverture d'un dossier",
	MessagePosted:      "Publication d'un message sur un dossier",
	CommuniquePosted:   "Publication d'un communiqué",
	DelegationModified: "Modification d'une délégation",
	DelegationExpired:  "Fin d'une délégation (échéance)",
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
// the folded name the table sorts on (see SortKey). Detail names what the
// action was about, in French (null on entries older than §13); Channel is
// how it came in (web or api).
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
	Detail             *string
	Channel            auth.Channel
}

func (Row) TableName() string { return "activities" }

// Option completes an entry before it is written.
type Option func(*Row)

// Detail names what the action was about, in French: « Édith Descartes »,
// « Lots 6 123 401, 6 123 402 », a file name... Blank text means no detail.
func Detail(text string) Option {
	return func(r *Row) { r.Detail = optional(strings.TrimSpace(text)) }
}

// Via sets the channel explicitly (imports and tests; requests take it from
// their session).
func Via(c auth.Channel) Option { return func(r *Row) { r.Channel = c } }

// Record appends one entry using the caller's transaction, so that the
// action and its trace commit together or not at all. The channel is the
// request's (its session travels in the transaction's context): web unless
// the request came with an API token.
func Record(tx *gorm.DB, t Type, actor, principal auth.Person, dossier string, opts ...Option) error {
	return tx.Create(entry(tx, t, actor, principal, dossier, opts)).Error
}

// RecordAdmin appends one entry to the administration journal (§13), in the
// caller's transaction like Record.
func RecordAdmin(tx *gorm.DB, t Type, actor, principal auth.Person, dossier string, opts ...Option) error {
	return tx.Table(AdminJournal.table()).Create(entry(tx, t, actor, principal, dossier, opts)).Error
}

func entry(tx *gorm.DB, t Type, actor, principal auth.Person, dossier string, opts []Option) *Row {
	var sess *auth.Session
	if tx.Statement != nil && tx.Statement.Context != nil {
		sess, _ = auth.FromContext(tx.Statement.Context)
	}
	return NewRow(time.Now(), t, actor, principal, dossier, append([]Option{Via(sess.Via())}, opts...)...)
}

// NewRow builds the entry Record writes, at the given instant (stored UTC).
// Imports and tests use it to write entries dated in the past.
func NewRow(at time.Time, t Type, actor, principal auth.Person, dossier string, opts ...Option) *Row {
	r := &Row{
		OccurredAt: at.UTC(), Type: t,
		ActorID: actor.ID, ActorName: actor.FullName(),
		ActorFirstName: actor.FirstName, ActorLastName: actor.LastName,
		ActorMatricule: optional(actor.Matricule), ActorSort: SortKey(actor.FullName()),
		PrincipalID: principal.ID, PrincipalName: principal.FullName(),
		PrincipalFirstName: principal.FirstName, PrincipalLastName: principal.LastName,
		PrincipalMatricule: optional(principal.Matricule), PrincipalSort: SortKey(principal.FullName()),
		DossierNumber: optional(dossier), Channel: auth.ChannelWeb,
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
