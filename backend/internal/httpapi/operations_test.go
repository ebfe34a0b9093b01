package httpapi

import "testing"

// Every operation of the contract declares its need, and an operation is
// public exactly when the contract says it needs no authentication.
func TestEveryOperationHasANeed(t *testing.T) {
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for key, op := range indexOperations(spec) {
		seen[op.ID] = true
		n, ok := operationNeeds[op.ID]
		if !ok {
			t.Errorf("%s (%s) n'a pas d'entrée dans operationNeeds", op.ID, key)
			continue
		}
		if (n == needPublic) != op.Public {
			t.Errorf("%s : public=%v dans le contrat, besoin %v dans la table", op.ID, op.Public, n)
		}
	}
	for id := range operationNeeds {
		if !seen[id] {
			t.Errorf("operationNeeds nomme %s, absent du contrat", id)
		}
	}
}
