package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"espace/backend/internal/accounts"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
)

// fixedLoader answers every decision with the same facts: the request path
// measured without a database.
type fixedLoader struct{ l delegation.Loaded }

func (f fixedLoader) ForSession(context.Context, uuid.UUID, *uuid.UUID) (delegation.Loaded, error) {
	return f.l, nil
}

func (f fixedLoader) ForUser(context.Context, uuid.UUID, *uuid.UUID) (delegation.Loaded, error) {
	return f.l, nil
}

// discard is a ResponseWriter that keeps nothing but its header map.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkMiddleware is the cost of the request path before the handler,
// without the database: token check (signature, kid, claims), the decision
// of who acts for whom from loaded facts, and validation of the request
// against the contract. Goal: ≤ 20 µs and ≤ 60 allocations a request.
func BenchmarkMiddleware(b *testing.B) {
	spec, err := Spec()
	if err != nil {
		b.Fatal(err)
	}
	spec.Servers = nil
	tokens := &auth.TokenIssuer{Keys: []auth.SigningKey{{ID: "k2", Secret: []byte("une clé de mesure d'au moins trente-deux octets")}},
		Issuer: "https://espace.test", Audience: "espace-api", TTL: 10 * time.Minute}
	surveyor := auth.Person{ID: uuid.New(), Username: "jpiette", FirstName: "Jean", LastName: "Piette", Matricule: "5003"}
	delegate := auth.Person{ID: uuid.New(), Username: "edescartes", FirstName: "Édith", LastName: "Descartes"}
	sid := uuid.New()
	facts := delegation.Loaded{
		Session: delegation.SessionState{Found: true, UserID: delegate.ID, ExpiresAt: time.Now().Add(time.Hour)},
		Actor:   delegate,
		Facts: delegation.Facts{Claimed: &surveyor,
			ClaimedGrant: &delegation.Grant{ID: uuid.New(), DelegantID: surveyor.ID, DelegateID: delegate.ID}},
	}
	s := &Server{
		Accounts:   &accounts.Service{Tokens: tokens},
		Delegation: &delegation.Service{Loader: fixedLoader{facts}},
		ops:        mustIndex(b, spec),
	}
	var principal *auth.Person
	e := echo.New()
	e.GET("/api/v1/dossiers", func(c echo.Context) error {
		sess := mustSession(c.Request().Context())
		principal = sess.Principal
		return c.NoContent(http.StatusOK)
	}, s.authenticate, s.validateRequest)
	tok, err := tokens.Issue(delegate.ID, sid, &auth.ActingForClaim{UserID: surveyor.ID.String(), Matricule: surveyor.Matricule})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/dossiers?kind=cadastre", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	w := &discard{h: http.Header{}}
	e.ServeHTTP(w, req)
	if principal == nil || principal.ID != surveyor.ID {
		b.Fatal("la décision n'a pas été prise")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		e.ServeHTTP(w, req)
	}
}
