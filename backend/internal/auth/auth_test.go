package auth

import (
	"encoding/base64"
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
	claims := jwt.MapClaims{"iss": ti.Issuer, "aud": []string{ti.Audience}, "sub": uid.String(), "sid": sid.String(), "typ": AccessTokenUse, "iat": now.Unix()}
	raw := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	raw.Header["typ"] = AccessTokenType
	raw.Header["kid"] = DefaultKeyID
	s, _ := raw.SignedString(ti.Key)
	if _, err := ti.Verify(s); err == nil {
		t.Error("jeton sans expiration accepté")
	}
	// typ claim other than access: refused.
	claims["exp"], claims["typ"] = now.Add(time.Minute).Unix(), "refresh"
	raw = jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	raw.Header["typ"] = AccessTokenType
	raw.Header["kid"] = DefaultKeyID
	s, _ = raw.SignedString(ti.Key)
	if _, err := ti.Verify(s); err == nil {
		t.Error("jeton d'un autre usage accepté")
	}
	if HashOpaqueToken("a") == HashOpaqueToken("b") {
		t.Error("hachage")
	}
}

// Keys rotate (§16): the first signs, all verify; a token signed by the old
// key keeps working after the new one takes over, and nothing but a
// configured kid is trusted.
func TestKeyRotation(t *testing.T) {
	oldKey := SigningKey{ID: "2026-10", Secret: []byte(strings.Repeat("a", 32))}
	newKey := SigningKey{ID: "2026-11", Secret: []byte(strings.Repeat("b", 32))}
	before := &TokenIssuer{Keys: []SigningKey{oldKey}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	after := &TokenIssuer{Keys: []SigningKey{newKey, oldKey}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	retired := &TokenIssuer{Keys: []SigningKey{newKey}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	uid, sid := uuid.New(), uuid.New()

	oldTok, err := before.Issue(uid, sid, nil)
	if err != nil {
		t.Fatal(err)
	}
	if kid := header(t, oldTok)["kid"]; kid != oldKey.ID {
		t.Fatalf("kid %v", kid)
	}
	if _, err := after.Verify(oldTok); err != nil {
		t.Fatalf("jeton signé par l'ancienne clé refusé après la rotation : %v", err)
	}
	newTok, _ := after.Issue(uid, sid, nil)
	if kid := header(t, newTok)["kid"]; kid != newKey.ID {
		t.Fatalf("la nouvelle clé doit signer : kid %v", kid)
	}
	if _, err := after.Verify(newTok); err != nil {
		t.Fatal(err)
	}
	if _, err := before.Verify(newTok); err == nil {
		t.Error("jeton d'une clé inconnue accepté")
	}
	if _, err := retired.Verify(oldTok); err == nil {
		t.Error("jeton d'une clé retirée accepté")
	}

	sign := func(kid any, secret []byte) string {
		claims := jwt.MapClaims{"iss": "https://a", "aud": []string{"espace-api"}, "sub": uid.String(), "sid": sid.String(), "typ": AccessTokenUse,
			"iat": time.Now().Unix(), "exp": time.Now().Add(time.Minute).Unix()}
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
		tok.Header["typ"] = AccessTokenType
		if kid != nil {
			tok.Header["kid"] = kid
		}
		s, err := tok.SignedString(secret)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if _, err := after.Verify(sign(newKey.ID, newKey.Secret)); err != nil {
		t.Fatalf("contrôle : %v", err)
	}
	for name, tok := range map[string]string{
		"kid inconnu":                sign("2099-01", newKey.Secret),
		"sans kid":                   sign(nil, newKey.Secret),
		"kid vide":                   sign("", newKey.Secret),
		"kid non textuel":            sign(1, newKey.Secret),
		"kid d'une autre clé":        sign(oldKey.ID, newKey.Secret),
		"clé absente, kid d'une clé": sign(newKey.ID, []byte(strings.Repeat("c", 32))),
	} {
		if _, err := after.Verify(tok); err == nil {
			t.Errorf("%s : accepté", name)
		}
	}
	// A single key (ESPACE_JWT_SECRET) signs as DefaultKeyID.
	single := &TokenIssuer{Key: oldKey.Secret, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	tok, _ := single.Issue(uid, sid, nil)
	if kid := header(t, tok)["kid"]; kid != DefaultKeyID {
		t.Fatalf("kid %v", kid)
	}
	moved := &TokenIssuer{Keys: []SigningKey{newKey, {ID: DefaultKeyID, Secret: oldKey.Secret}}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	if _, err := moved.Verify(tok); err != nil {
		t.Fatalf("passage de ESPACE_JWT_SECRET à ESPACE_JWT_KEYS : %v", err)
	}
}

func header(t *testing.T, tok string) map[string]any {
	t.Helper()
	p, _, err := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Header
}

// Verify reads only tokens shaped as Issue writes them, and checks every
// claim once the signature holds.
func TestVerifyRefuses(t *testing.T) {
	key := SigningKey{ID: "k1", Secret: []byte(strings.Repeat("s", 32))}
	now := time.Now()
	ti := &TokenIssuer{Keys: []SigningKey{key}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute, Now: func() time.Time { return now }}
	uid, sid := uuid.New(), uuid.New()
	good, _ := ti.Issue(uid, sid, nil)
	if _, err := ti.Verify(good); err != nil {
		t.Fatal(err)
	}
	sign := func(header map[string]any, claims jwt.MapClaims, method jwt.SigningMethod, secret any) string {
		tok := jwt.NewWithClaims(method, claims)
		for k, v := range header {
			tok.Header[k] = v
		}
		s, err := tok.SignedString(secret)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	claims := func(change func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"iss": "https://a", "aud": []string{"espace-api"}, "sub": uid.String(), "sid": sid.String(),
			"typ": AccessTokenUse, "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Minute).Unix()}
		if change != nil {
			change(c)
		}
		return c
	}
	hdr := map[string]any{"typ": AccessTokenType, "kid": "k1"}
	if _, err := ti.Verify(sign(hdr, claims(nil), jwt.SigningMethodHS256, key.Secret)); err != nil {
		t.Fatalf("contrôle : %v", err)
	}
	parts := strings.Split(good, ".")
	for name, tok := range map[string]string{
		"expiré":             sign(hdr, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() }), jwt.SigningMethodHS256, key.Secret),
		"sans exp":           sign(hdr, claims(func(c jwt.MapClaims) { delete(c, "exp") }), jwt.SigningMethodHS256, key.Secret),
		"pas encore valide":  sign(hdr, claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() }), jwt.SigningMethodHS256, key.Secret),
		"émis dans le futur": sign(hdr, claims(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Hour).Unix() }), jwt.SigningMethodHS256, key.Secret),
		"autre émetteur":     sign(hdr, claims(func(c jwt.MapClaims) { c["iss"] = "https://b" }), jwt.SigningMethodHS256, key.Secret),
		"autre audience":     sign(hdr, claims(func(c jwt.MapClaims) { c["aud"] = []string{"autre"} }), jwt.SigningMethodHS256, key.Secret),
		"sans session":       sign(hdr, claims(func(c jwt.MapClaims) { delete(c, "sid") }), jwt.SigningMethodHS256, key.Secret),
		"sujet non uuid":     sign(hdr, claims(func(c jwt.MapClaims) { c["sub"] = "admin" }), jwt.SigningMethodHS256, key.Secret),
		"HS512":              sign(hdr, claims(nil), jwt.SigningMethodHS512, key.Secret),
		"typ d'en-tête JWT":  sign(map[string]any{"typ": "JWT", "kid": "k1"}, claims(nil), jwt.SigningMethodHS256, key.Secret),
		"jku dans l'en-tête": sign(map[string]any{"typ": AccessTokenType, "kid": "k1", "jku": "https://x"}, claims(nil), jwt.SigningMethodHS256, key.Secret),
		"alg none":           sign(hdr, claims(nil), jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType),
		"charge modifiée":    parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`)) + "." + parts[2],
		"signature modifiée": parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])),
		"signature absente":  parts[0] + "." + parts[1] + ".",
		"quatre segments":    good + ".x",
		"vide":               "",
		"en-tête non base64": "@@." + parts[1] + "." + parts[2],
		"en-tête démesuré":   strings.Repeat("e", 400) + "." + parts[1] + "." + parts[2],
	} {
		if _, err := ti.Verify(tok); err == nil {
			t.Errorf("%s : accepté", name)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	ti := &TokenIssuer{Keys: []SigningKey{{ID: "k1", Secret: []byte(strings.Repeat("s", 32))}}, Issuer: "https://a", Audience: "espace-api", TTL: 10 * time.Minute}
	uid := uuid.New()
	tok, _ := ti.Issue(uid, uuid.New(), &ActingForClaim{UserID: uid.String(), Matricule: "5001"})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ti.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}
