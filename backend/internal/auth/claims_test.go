package auth

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// payload returns the decoded claims segment of a token.
func payload(t testing.TB, tok string) []byte {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("jeton en %d segments", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// claimsIssuer signs the tokens of these tests.
func claimsIssuer() *TokenIssuer {
	return &TokenIssuer{Keys: []SigningKey{{ID: "k1", Secret: []byte(strings.Repeat("s", 32))}},
		Issuer: "https://espace.test", Audience: "espace-api", TTL: 10 * time.Minute}
}

// issuedPayloads are the payloads Issue writes, without and with acting-for.
func issuedPayloads(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, af := range []*ActingForClaim{nil, {UserID: uuid.NewString(), Matricule: "5001"}} {
		tok, err := claimsIssuer().Issue(uuid.New(), uuid.New(), af)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, payload(t, tok))
	}
	return out
}

// The payload Issue writes is read without encoding/json, to the same
// claims, with or without acting-for.
func TestIssuedPayloadReadDirectly(t *testing.T) {
	for _, body := range issuedPayloads(t) {
		var direct, std wireClaims
		if !readClaims(body, &direct) {
			t.Fatalf("charge d'Issue non lue directement : %s", body)
		}
		if err := json.Unmarshal(body, &std); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(direct, std) {
			t.Fatalf("lecture directe %+v, encoding/json %+v", direct, std)
		}
	}
}

// What the direct reader does not take goes to encoding/json, which decides:
// the claims are the same either way.
func TestDecodeClaimsFallsBack(t *testing.T) {
	for name, body := range map[string]string{
		"espaces":             `{ "sub" : "a", "aud" : [ "x" ] }`,
		"échappement":         `{"sub":"\u0061","iss":"h\/t"}`,
		"casse":               `{"SUB":"a","Iss":"b"}`,
		"membre répété":       `{"sub":"a","sub":"b"}`,
		"acting-for fusionné": `{"acting-for":{"userId":"u","matricule":"m"},"acting-for":{"userId":"v"}}`,
		"membre inconnu":      `{"sub":"a","x":{"y":[1,2]}}`,
		"nombre négatif":      `{"exp":-5}`,
		"aud nul":             `{"aud":null,"sub":"a"}`,
		"non ASCII":           `{"sub":"é"}`,
		"objet vide":          `{}`,
	} {
		var direct, got, want wireClaims
		if readClaims([]byte(body), &direct) {
			t.Errorf("%s : lu directement", name)
		}
		err := decodeClaims([]byte(body), &got)
		wantErr := json.Unmarshal([]byte(body), &want)
		if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s : %+v (%v), encoding/json %+v (%v)", name, got, err, want, wantErr)
		}
	}
	// Not JSON, or not the claims' types: refused as encoding/json refuses.
	for _, body := range []string{`{"sub":"a"`, `{"sub":"a"}x`, `{"exp":"1"}`, `{"exp":1.5}`, `{"exp":99999999999999999999}`,
		`{"exp":01}`, `{"aud":"x"}x`, `{"acting-for":[]}`, `{"sub":"a",}`, ``} {
		var c wireClaims
		if err := decodeClaims([]byte(body), &c); err == nil {
			t.Errorf("%s : accepté", body)
		}
	}
}

// Whatever the direct reader accepts, encoding/json reads to the same claims.
func FuzzReadClaims(f *testing.F) {
	for _, body := range issuedPayloads(f) {
		f.Add(body)
	}
	for _, s := range []string{`{"aud":[],"exp":0}`, `{"acting-for":{}}`, `{"acting-for":{"userId":"a","userId":"b"}}`,
		`{"exp":123456789012345678}`, `{"exp":1234567890123456789}`, `{"iat":0,"nbf":00}`, `{"jti":"x","typ":"access"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var direct, std wireClaims
		if !readClaims(body, &direct) {
			return
		}
		if err := json.Unmarshal(body, &std); err != nil {
			t.Fatalf("lu directement, refusé par encoding/json (%v) : %q", err, body)
		}
		if !reflect.DeepEqual(direct, std) {
			t.Fatalf("%q : lecture directe %+v, encoding/json %+v", body, direct, std)
		}
	})
}

// Verify decodes the payload into a buffer it reuses: the claims it returns
// are copies, unchanged by the tokens verified after them.
func TestVerifiedClaimsOutliveTheBuffer(t *testing.T) {
	ti := claimsIssuer()
	uid, sid := uuid.New(), uuid.New()
	af := &ActingForClaim{UserID: uuid.NewString(), Matricule: "5001"}
	first, err := ti.Issue(uid, sid, af)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ti.Verify(first)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		other, err := ti.Issue(uuid.New(), uuid.New(), &ActingForClaim{UserID: uuid.NewString(), Matricule: "7777"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ti.Verify(other); err != nil {
			t.Fatal(err)
		}
	}
	if c.Subject != uid.String() || c.SessionID != sid.String() || *c.ActingFor != *af ||
		c.Issuer != ti.Issuer || len(c.Audience) != 1 || c.Audience[0] != ti.Audience || c.Use != AccessTokenUse {
		t.Fatalf("revendications modifiées : %+v", c)
	}
}
