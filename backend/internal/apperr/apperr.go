// Package apperr defines the kinds of errors the domain returns. The HTTP
// layer maps each kind to a status in one place. Codes are the contract's
// own type, api.ProblemCode (generated from components/schemas/ProblemCode),
// so a code the contract does not list cannot be named; the domain builds
// errors only through the constructors below.
package apperr

import (
	"errors"
	"time"

	"espace/api"
)

// Kind classifies an error for the client.
type Kind int

const (
	KindInternal Kind = iota
	KindInvalid
	KindUnauthenticated
	KindForbidden
	KindNotFound
	KindConflict
	KindRateLimited
	KindUnprocessable
	KindUnavailable

	// KindCount is the number of kinds, not a kind: declared last, so that
	// a loop up to it meets every kind, a new one included.
	KindCount
)

// FieldError points at one faulty field of the request body.
type FieldError struct {
	Pointer string // JSON pointer, e.g. "/email"
	Detail  string // French message
}

// Error is a domain error with a stable code and a French title.
type Error struct {
	Kind       Kind
	Code       api.ProblemCode // stable problem code, e.g. validation_failed
	Title      string          // French, shown to people
	Detail     string
	Fields     []FieldError
	RetryAfter time.Duration // for KindRateLimited
	Err        error         // wrapped cause, never shown to clients
}

func (e *Error) Error() string {
	if e.Err != nil {
		return string(e.Code) + ": " + e.Title + ": " + e.Err.Error()
	}
	return string(e.Code) + ": " + e.Title
}

func (e *Error) Unwrap() error { return e.Err }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Field is shorthand for one field error.
func Field(pointer, detail string) FieldError { return FieldError{Pointer: pointer, Detail: detail} }

// Invalid reports faulty input, field by field (400 validation_failed).
func Invalid(fields ...FieldError) *Error {
	return InvalidTitled("Les données soumises sont invalides.", fields...)
}

// InvalidTitled is Invalid with a title saying more than "invalid" (e.g.
// what to do instead).
func InvalidTitled(title string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: api.ProblemCodeValidationFailed, Title: title, Fields: fields}
}

// Unprocessable: well-formed input that the current state of things
// refuses (422), e.g. a closed dossier or oneself as délégataire.
func Unprocessable(code api.ProblemCode, title string, fields ...FieldError) *Error {
	return &Error{Kind: KindUnprocessable, Code: code, Title: title, Fields: fields}
}

// Unauthenticated: missing, expired or revoked credentials.
func Unauthenticated(title string) *Error {
	if title == "" {
		title = "Authentification requise."
	}
	return &Error{Kind: KindUnauthenticated, Code: api.ProblemCodeUnauthenticated, Title: title}
}

// Forbidden with a specific stable code (surveyor_only, no_delegation, ...),
// and the fields that caused the refusal, if any.
func Forbidden(code api.ProblemCode, title string, fields ...FieldError) *Error {
	return &Error{Kind: KindForbidden, Code: code, Title: title, Fields: fields}
}

// NotFound hides what the caller may not see as well as what does not
// exist. Fields name the input that designated nothing (e.g. /matricule).
func NotFound(title string, fields ...FieldError) *Error {
	if title == "" {
		title = "Ressource introuvable."
	}
	return &Error{Kind: KindNotFound, Code: api.ProblemCodeNotFound, Title: title, Fields: fields}
}

// Conflict with the current state (duplicate, already done, ...).
func Conflict(title string, fields ...FieldError) *Error {
	return &Error{Kind: KindConflict, Code: api.ProblemCodeConflict, Title: title, Fields: fields}
}

// RateLimited asks the client to wait.
func RateLimited(retryAfter time.Duration) *Error {
	return &Error{Kind: KindRateLimited, Code: api.ProblemCodeRateLimited, Title: "Trop de tentatives. Veuillez réessayer plus tard.", RetryAfter: retryAfter}
}

// Unavailable: a dependency the service needs (the database) does not
// answer (503 unavailable), as /readyz tells load balancers.
func Unavailable(title string) *Error {
	return &Error{Kind: KindUnavailable, Code: api.ProblemCodeUnavailable, Title: title}
}
