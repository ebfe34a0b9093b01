package portal

import "espace/backend/internal/delegation"

// The kinds and states the portal stores, as the contract names them
// (openapi.yaml): a typed value instead of a bare string, so that a typo
// does not compile and a test keeps each list equal to the contract's.

// DossierKind is what a dossier is about (contract: DossierKind).
type DossierKind string

const (
	CadastreDossier DossierKind = "cadastre"
	SurveyDossier   DossierKind = "arpentage"
)

// Service is the delegable service a dossier of this kind belongs to (§11).
func (k DossierKind) Service() string { return delegation.DossierService(string(k)) }

// DossierStatus is where a dossier stands (contract: DossierStatus).
type DossierStatus string

const (
	DossierOpen       DossierStatus = "ouvert"
	DossierProcessing DossierStatus = "en_traitement" // opened by a DM deposit
	DossierClosed     DossierStatus = "ferme"
)

// LotStatus is a lot of the cadastre as this service knows it.
type LotStatus string

const (
	LotInForce         LotStatus = "en_vigueur"
	LotNeedsCorrection LotStatus = "correction_requise"
	LotReserved        LotStatus = "reserve" // a number reserved, not yet official
)

// Verdict is the outcome of a correction check on one lot (contract:
// LotCorrectionResultStatus).
type Verdict string

const (
	VerdictConforming      Verdict = "conforme"
	VerdictNeedsCorrection Verdict = "correction_requise"
	VerdictReserved        Verdict = "reserve"
	VerdictUnknown         Verdict = "inexistant"
)

// OrderStatus is where a product order stands (contract: ProductOrderStatus).
type OrderStatus string

const (
	OrderReceived      OrderStatus = "recue"
	OrderInPreparation OrderStatus = "en_preparation"
	OrderDelivered     OrderStatus = "livree"
)

// Product is a cadastral product one may order (contract: ProductType).
type Product string

const (
	CadastralPlan   Product = "plan_cadastral"
	LotSheet        Product = "fiche_lot"
	RegistryExtract Product = "extrait_registre"
)

// Format is how a product is delivered (contract: ProductFormat).
type Format string

const (
	FormatPDF   Format = "pdf"
	FormatDWG   Format = "dwg"
	FormatPaper Format = "papier"
)
