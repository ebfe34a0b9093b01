package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"espace/backend/internal/httpapi"
	"espace/backend/internal/metrics"
	"espace/backend/internal/store"
)

// With its database gone, /readyz answers the contract's 503 problem
// through the one error handler, and the request is counted with its code
// like every other problem.
func TestReadinessUnavailableIsAProblemCountedWithItsCode(t *testing.T) {
	db, err := store.Open("", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	h, err := httpapi.New(db, httpapi.Services{}, httpapi.Config{Metrics: metrics.New(reg)})
	if err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("/readyz sans base : %d %q, 503 problem+json attendu", rec.Code, rec.Header().Get("Content-Type"))
	}
	var p map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p["code"] != "unavailable" || p["status"] != float64(503) || p["title"] != "Base de données injoignable." ||
		p["type"] != "https://espace.cadastre.gouv.qc.ca/problemes/unavailable" || p["instance"] != "/readyz" {
		t.Fatalf("problème inattendu : %s", rec.Body)
	}

	gathered, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	fams := map[string]*dto.MetricFamily{}
	for _, f := range gathered {
		fams[f.GetName()] = f
	}
	got, _ := value(fams, "espace_http_requests_total", map[string]string{"operation": "getReadiness", "status_class": "5xx", "code": "unavailable"})
	if got != 1 {
		t.Fatalf("espace_http_requests_total{getReadiness,5xx,unavailable} = %v, 1 attendu", got)
	}
}
