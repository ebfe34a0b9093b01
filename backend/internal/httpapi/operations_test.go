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

// Every delegable operation belongs to one service code (§11), and only
// delegable operations have one.
func TestEveryDelegableOperationHasAService(t *testing.T) {
	for id, n := range operationNeeds {
		_, ok := operationServices[id]
		if n == needPrincipal && !ok {
			t.Errorf("%s : opération délégable sans service dans operationServices", id)
		}
		if n != needPrincipal && ok {
			t.Errorf("%s : service déclaré pour une opération non délégable", id)
		}
	}
	for id := range operationServices {
		if _, ok := operationNeeds[id]; !ok {
			t.Errorf("operationServices nomme %s, absent de operationNeeds", id)
		}
	}
}
