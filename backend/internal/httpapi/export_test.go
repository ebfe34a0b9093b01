package httpapi

import (
	"github.com/labstack/echo/v4"

	"espace/backend/internal/ratelimit"
	"espace/backend/internal/store"
)

// NewWithPDFSlots is New, also handing over the server's PDF layout slots so
// that a test can take them as running exports would.
func NewWithPDFSlots(db *store.DB, svc Services, cfg Config) (*echo.Echo, *ratelimit.Slots, error) {
	s, err := newServer(db, svc, cfg)
	if err != nil {
		return nil, nil, err
	}
	e, err := s.handler()
	return e, s.lim.pdf, err
}

// AddressKey is addressKey, for tests.
var AddressKey = addressKey
