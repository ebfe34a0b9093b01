package paging_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"espace/api"
	"espace/backend/internal/paging"
)

// The sizes are the contract's: its PageSize parameter's default and
// maximum.
func TestSizesAreTheContracts(t *testing.T) {
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	schema := func(name string) *openapi3.Schema {
		ref := spec.Components.Parameters[name]
		if ref == nil || ref.Value == nil || ref.Value.Schema == nil || ref.Value.Schema.Value == nil {
			t.Fatalf("paramètre %s absent du contrat", name)
		}
		return ref.Value.Schema.Value
	}
	size := schema("PageSize")
	if size.Default != float64(paging.DefaultSize) || size.Max == nil || *size.Max != paging.MaxSize {
		t.Errorf("pageSize : défaut %v, maximum %v dans le contrat ; %d et %d ici", size.Default, size.Max, paging.DefaultSize, paging.MaxSize)
	}
}
