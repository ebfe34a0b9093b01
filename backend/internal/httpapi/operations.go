package httpapi

import "espace/backend/internal/delegation"

// need is what an operation requires of the caller. Every operation of the
// contract declares its need here, in one table; a test fails when an
// operation has no entry, so nothing is reachable by omission.
type need int

const (
	needPublic       need = iota // no authentication (security: [] in the contract)
	needUser                     // any authenticated user, whatever they act for
	needAdmin                    // an administrator (ministry staff)
	needPrincipal                // a delegable service: acting for a surveyor (themself or a live délégant)
	needSurveyorSelf             // a surveyor acting in their own name (managing délégataires, dépôt d'une DM)
	needPassword                 // any authenticated user in a session opened with their password, not an API token (§14)
)

var operationNeeds = map[string]need{
	"getHealth":                needPublic,
	"getReadiness":             needPublic,
	"createAccount":            needPublic,
	"login":                    needPublic,
	"refreshSession":           needPublic,
	"requestPasswordReset":     needPublic,
	"resetPassword":            needPublic,
	"requestUsernameReminder":  needPublic,
	"exchangeApiToken":         needPublic, // the API token authenticates, not a bearer
	"logout":                   needUser,
	"getMe":                    needUser,
	"changeMyPassword":         needPassword,
	"listApiTokens":            needPassword,
	"createApiToken":           needPassword,
	"revokeApiToken":           needPassword,
	"selectDelegant":           needUser,
	"reauthenticate":           needPassword, // an API token never counts as a recent authentication (§12, §14)
	"listDelegants":            needUser,
	"renounceDelegation":       needUser,
	"listActivities":           needUser, // visibility is by the actor: what they did or what was done for them
	"exportActivities":         needUser,
	"getActivityFilters":       needUser,
	"listDelegates":            needSurveyorSelf,
	"addDelegate":              needSurveyorSelf,
	"updateDelegate":           needSurveyorSelf,
	"removeDelegate":           needSurveyorSelf,
	"searchDelegateCandidates": needSurveyorSelf,
	"listDossiers":             needPrincipal,
	"listDossierMessages":      needPrincipal,
	"markDossierMessageRead":   needPrincipal,
	"extendClosingDate":        needPrincipal,
	"listCommuniques":          needPrincipal,
	"markCommuniqueRead":       needPrincipal,
	"reserveLots":              needPrincipal,
	"listLotReservations":      needPrincipal,
	"checkLotCorrection":       needPrincipal,
	"listLotCorrectionChecks":  needPrincipal,
	"orderProducts":            needPrincipal,
	"listProductOrders":        needPrincipal,
	"prevalidateDm":            needPrincipal,
	"listDmPrevalidations":     needPrincipal,
	"depositDm":                needSurveyorSelf, // the one service that is never delegated (§3)
	"listDmDeposits":           needSurveyorSelf,
	"postDossierMessage":       needAdmin,
	"postCommunique":           needAdmin,
	"getDossier":               needPrincipal,
	"listSurveyors":            needAdmin,
	"grantSurveyor":            needAdmin,
	"revokeSurveyor":           needAdmin,
	"createDossier":            needAdmin,
	"listAdminActivities":      needAdmin, // the administration journal (§13): every entry
	"exportAdminActivities":    needAdmin,
	"getAdminActivityFilters":  needAdmin,
}

// operationServices is the service code (§3) each delegable operation
// belongs to (§11): a délégataire may use it only when their delegation
// grants that service. Every needPrincipal operation has one (a test checks
// it); ByDossierKind is decided by the dossier's kind (or the kind asked
// for), AnyService by any granted service.
var operationServices = map[string]string{
	"listDossiers":            delegation.ByDossierKind,
	"getDossier":              delegation.ByDossierKind,
	"listDossierMessages":     delegation.ByDossierKind,
	"markDossierMessageRead":  delegation.ByDossierKind,
	"extendClosingDate":       delegation.SurveyDossiers,
	"listCommuniques":         delegation.AnyService,
	"markCommuniqueRead":      delegation.AnyService,
	"reserveLots":             delegation.LotReservation,
	"listLotReservations":     delegation.LotReservation,
	"checkLotCorrection":      delegation.LotCorrectionCheck,
	"listLotCorrectionChecks": delegation.LotCorrectionCheck,
	"orderProducts":           delegation.ProductOrder,
	"listProductOrders":       delegation.ProductOrder,
	"prevalidateDm":           delegation.DMPrevalidation,
	"listDmPrevalidations":    delegation.DMPrevalidation,
}
