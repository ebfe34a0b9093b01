package httpapi

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
	"listDelegants":            needUser,
	"renounceDelegation":       needUser,
	"listActivities":           needUser, // visibility is by the actor: what they did or what was done for them
	"exportActivities":         needUser,
	"getActivityFilters":       needUser,
	"listDelegates":            needSurveyorSelf,
	"addDelegate":              needSurveyorSelf,
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
}
