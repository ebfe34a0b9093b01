// Package apperr defines the kinds of errors the domain returns. The HTTP
// layer maps each kind to a status and a stable problem code in one place.
package apperr

import (
	"errors"
	"time"
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
)

// FieldError points at one faulty field of the request body.
type FieldError struct {
	Pointer string // JSON pointer, e.g. "/email"
	Detail  string // French message
}

// Error is a domain error with a stable code and a French title.
type Error struct {
	Kind       Kind
	Code       string // stable problem code, e.g. "validation_failed"
	Title      string // French, shown to people
	Detail     string
	Fields     []FieldError
	RetryAfter time.Duration // for KindRateLimited
	Err        error         // wrapped cause, never shown to clients
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Title + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Title
}

func (e *Error) Unwrap() error { return e.Err }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Invalid reports faulty input, field by field.
func Invalid(fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: "validation_failed", Title: "Les données soumises sont invalides.", Fields: fields}
}

// Field is shorthand for one field error.
func Field(pointer, detail string) FieldError { return FieldError{Pointer: pointer, Detail: detail} }

// Unauthenticated: missing, expired or revoked credentials.
func Unauthenticated(title string) *Error {
	if title == "" {
		title = "Authentification requise."
	}
	return &Error{Kind: KindUnauthenticated, Code: "unauthenticated", Title: title}
}

// Forbidden with a specific stable code (surveyor_only, no_delegation, ...).
func Forbidden(code, title string) *Error {
	return &Error{Kind: KindForbidden, Code: code, Title: title}
}

// NotFound hides what the caller may not see as well as what does not exist.
func NotFound(title string) *Error {
	if title == "" {
		title = "Ressource introuvable."
	}
	return &Error{Kind: KindNotFound, Code: "not_found", Title: title}
}

// Conflict with the current state (duplicate, already done, ...).
func Conflict(title string, fields ...FieldError) *Error {
	return &Error{Kind: KindConflict, Code: "conflict", Title: title, Fields: fields}
}

// RateLimited asks the client to wait.
func RateLimited(retryAfter time.Duration) *Error {
	return &Error{Kind: KindRateLimited, Code: "rate_limited", Title: "Trop de tentatives. Veuillez réessayer plus tard.", RetryAfter: retryAfter}
}
