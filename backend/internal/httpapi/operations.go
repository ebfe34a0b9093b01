package httpapi

// need is what an operation requires of the caller. Every operation of the
// contract declares its need here, in one table; a test fails when an
// operation has no entry, so nothing is reachable by omission.
type need int

const (
	needPublic need = iota // no authentication (security: [] in the contract)
	needUser               // any authenticated user, whatever they act for
	needAdmin              // an administrator (ministry staff)
)

var operationNeeds = map[string]need{
	"getHealth":               needPublic,
	"getReadiness":            needPublic,
	"createAccount":           needPublic,
	"login":                   needPublic,
	"refreshSession":          needPublic,
	"requestPasswordReset":    needPublic,
	"resetPassword":           needPublic,
	"requestUsernameReminder": needPublic,
	"logout":                  needUser,
	"getMe":                   needUser,
	"changeMyPassword":        needUser,
	"listSurveyors":           needAdmin,
	"grantSurveyor":           needAdmin,
	"revokeSurveyor":          needAdmin,
}
