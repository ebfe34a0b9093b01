package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

var cheap = Hasher{Params: Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1}}

func TestHashVerify(t *testing.T) {
	h, err := cheap.Hash("une phrase de passe")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("format : %s", h)
	}
	if !cheap.Verify(h, "une phrase de passe") || cheap.Verify(h, "une phrase de passe ") {
		t.Fatal("vérification")
	}
	// Parameters travel with the hash: a stronger hasher still verifies it.
	if !(Hasher{Params: OWASPParams}).Verify(h, "une phrase de passe") {
		t.Fatal("paramètres du hachage ignorés")
	}
	for _, bad := range []string{"", "$bcrypt$x", "$argon2id$v=19$m=x$a$b"} {
		if cheap.Verify(bad, "x") {
			t.Fatalf("%q accepté", bad)
		}
	}
}

func TestPolicy(t *testing.T) {
	cases := map[string]bool{
		"court":                        false,
		"motdepasse":                   false, // common
		"PASSWORD123":                  false, // common, whatever the case
		"jpiette":                      false, // 7 characters
		"tout en minuscules":           true,
		strings.Repeat("a", 128):       true,
		strings.Repeat("a", 129):       false,
		"e\u0301e\u0301e\u0301e\u0301": false, // 4 characters once normalised
		"ééééééééé":                    true,
	}
	for pw, ok := range cases {
		if got := len(CheckPolicy("/p", pw)) == 0; got != ok {
			t.Errorf("%q : accepté=%v", pw, got)
		}
	}
	if len(CheckPolicy("/p", "gmartin-2020", "GMARTIN-2020")) == 0 {
		t.Error("le nom d'utilisateur comme mot de passe est accepté")
	}
}

func TestTokenChecks(t *testing.T) {
	now := time.Now()
	ti := &TokenIssuer{Key: []byte(strings.Repeat("k", 32)), Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	uid, sid := uuid.New(), uuid.New()
	tok, err := ti.Issue(uid, sid, &ActingForClaim{UserID: uid.String(), Matricule: "5001"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ti.Verify(tok)
	if err != nil || c.Subject != uid.String() || c.SessionID != sid.String() || c.ActingFor.Matricule != "5001" {
		t.Fatalf("%v %+v", err, c)
	}
	other := *ti
	other.Issuer = "https://b"
	if _, err := other.Verify(tok); err == nil {
		t.Error("émetteur ignoré")
	}
	other = *ti
	other.Audience = "autre"
	if _, err := other.Verify(tok); err == nil {
		t.Error("audience ignorée")
	}
	// Without exp: refused.
	claims := jwt.MapClaims{"iss": ti.Issuer, "aud": ti.Audience, "sub": uid.String(), "sid": sid.String(), "typ": AccessTokenUse, "iat": now.Unix()}
	raw := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	raw.Header["typ"] = AccessTokenType
	s, _ := raw.SignedString(ti.Key)
	if _, err := ti.Verify(s); err == nil {
		t.Error("jeton sans expiration accepté")
	}
	// typ claim other than access: refused.
	claims["exp"], claims["typ"] = now.Add(time.Minute).Unix(), "refresh"
	raw = jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	raw.Header["typ"] = AccessTokenType
	s, _ = raw.SignedString(ti.Key)
	if _, err := ti.Verify(s); err == nil {
		t.Error("jeton d'un autre usage accepté")
	}
	if HashOpaqueToken("a") == HashOpaqueToken("b") {
		t.Error("hachage")
	}
}
