package paging_test

import (
	"testing"

	"espace/api"
	"espace/backend/internal/paging"
)

// The sizes are the contract's: its PageSize parameter's default and
// maximum.
func TestSizesAreTheContracts(t *testing.T) {
	spec, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	ref := spec.Components.Parameters["PageSize"]
	if ref == nil || ref.Value == nil || ref.Value.Schema == nil || ref.Value.Schema.Value == nil {
		t.Fatal("paramètre PageSize absent du contrat")
	}
	size := ref.Value.Schema.Value
	if size.Default != float64(paging.DefaultSize) || size.Max == nil || *size.Max != paging.MaxSize {
		t.Errorf("pageSize : défaut %v, maximum %v dans le contrat ; %d et %d ici", size.Default, size.Max, paging.DefaultSize, paging.MaxSize)
	}
}
