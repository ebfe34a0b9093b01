package portal

import (
	"fmt"
	"slices"
	"testing"

	"espace/api"
)

// Each typed kind or status holds exactly the values of its enum in the
// contract: a value added on one side only fails here.
func TestKindsMatchTheContract(t *testing.T) {
	spec, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	for schema, ours := range map[string][]string{
		"DossierKind":               values(CadastreDossier, SurveyDossier),
		"DossierStatus":             values(DossierOpen, DossierProcessing, DossierClosed),
		"LotCorrectionResultStatus": values(VerdictConforming, VerdictNeedsCorrection, VerdictReserved, VerdictUnknown),
		"ProductOrderStatus":        values(OrderReceived, OrderInPreparation, OrderDelivered),
		"ProductType":               values(CadastralPlan, LotSheet, RegistryExtract),
		"ProductFormat":             values(FormatPDF, FormatDWG, FormatPaper),
	} {
		ref := spec.Components.Schemas[schema]
		if ref == nil || ref.Value == nil {
			t.Errorf("%s absent du contrat", schema)
			continue
		}
		var theirs []string
		for _, v := range ref.Value.Enum {
			theirs = append(theirs, fmt.Sprint(v))
		}
		slices.Sort(theirs)
		slices.Sort(ours)
		if !slices.Equal(theirs, ours) {
			t.Errorf("%s : contrat %v, portail %v", schema, theirs, ours)
		}
	}
	// Every product has its formats and a label; every format a label.
	for _, p := range []Product{CadastralPlan, LotSheet, RegistryExtract} {
		if len(formats[p]) == 0 || productLabels[p] == "" {
			t.Errorf("produit %s sans format ou libellé", p)
		}
	}
	for _, f := range []Format{FormatPDF, FormatDWG, FormatPaper} {
		if formatLabels[f] == "" {
			t.Errorf("format %s sans libellé", f)
		}
	}
}

func values[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
