package auth

import "testing"

// The blocklist holds at least 10,000 common passwords (ASVS 5 asks for the
// top 3,000), including ones far down the public lists.
func TestBlocklistIsLarge(t *testing.T) {
	if n := CommonPasswordCount(); n < 10000 {
		t.Fatalf("%d mots de passe courants seulement", n)
	}
	for _, pw := range []string{"thecakeisalie", "mercede1", "bubblebox", "Kinkysex", "motdepasse123", "qwertyuiop", "iloveyou2"} {
		if len(CheckPolicy("/p", pw)) == 0 {
			t.Errorf("%q accepté : il est dans la liste", pw)
		}
	}
}

// Context words (ASVS 5 V6.2.11): the user's own names and the service's,
// give or take digits and symbols, are refused; a phrase that merely
// contains one is not.
func TestPolicyRefusesContextWords(t *testing.T) {
	personal := []string{"gmartin", "gabrielle.martin@exemple.qc.ca"}
	refused := []string{
		"Cadastre2024!", "cadastre-cadastre", "ESPACE123456", "Espace!!!!", "mon-espace-client-1",
		"gmartin2020!", "Gabrielle.Martin-1", "gabriellemartin", "gabrielle.martin@exemple.qc.ca",
		"sunshine2024!", "Password123", "football!!",
	}
	for _, pw := range refused {
		if len(CheckPolicy("/p", pw, personal...)) == 0 {
			t.Errorf("%q accepté", pw)
		}
	}
	accepted := []string{"Cadastre-Demo-2020", "une phrase de passe solide", "le cadastre du Québec en été", "gmartin aime le vélo"}
	for _, pw := range accepted {
		if f := CheckPolicy("/p", pw, personal...); len(f) != 0 {
			t.Errorf("%q refusé : %v", pw, f)
		}
	}
}
