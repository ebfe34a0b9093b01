package httpapi_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"espace/backend/internal/auth"
)

// What the test servers sign access tokens with (see buildEnv).
const (
	forgeIssuer   = "https://espace.test"
	forgeAudience = "espace-api"
)

// forgeBase is the claim set of a genuine access token of session sid for
// user sub, acting for actingFor (SPEC §4: sub = actor, acting-for =
// principal). Each forged token changes one thing in it.
func forgeBase(sub, sid string, actingFor user) jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"iss": forgeIssuer, "sub": sub, "aud": []string{forgeAudience},
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"jti": uuid.NewString(), "sid": sid, "typ": "access",
		"acting-for": map[string]any{"userId": actingFor.ID, "matricule": actingFor.Matricule},
	}
}

// forgeSign signs claims with golang-jwt directly, header typ at+jwt and the
// test key's id unless the header map says otherwise (a nil value removes
// the entry).
func forgeSign(t *testing.T, m jwt.SigningMethod, key any, claims jwt.MapClaims, header map[string]any) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, claims)
	tok.Header["typ"] = "at+jwt"
	tok.Header["kid"] = auth.DefaultKeyID
	for k, v := range header {
		if v == nil {
			delete(tok.Header, k)
		} else {
			tok.Header[k] = v
		}
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// forgeRaw assembles a token from a header and claims and a signature made
// by HMAC-SHA256 with key over them, whatever alg the header names.
func forgeRaw(t *testing.T, header map[string]any, claims jwt.MapClaims, key []byte) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	signing := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sig, err := jwt.SigningMethodHS256.Sign(signing, key)
	if err != nil {
		t.Fatal(err)
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func forgeWith(base jwt.MapClaims, change func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{}
	for k, v := range base {
		c[k] = v
	}
	change(c)
	return c
}

// forgedCase is how one forged or damaged credential is presented.
type forgedCase struct {
	name          string
	authorization string // the whole Authorization header; "" sends none
	query         string // added to the query string
	cookie        string
	presented     bool // a token was presented: the challenge says invalid_token (RFC 6750 §3.1)
}

func bearer(name, tok string) forgedCase {
	return forgedCase{name: name, authorization: "Bearer " + tok, presented: true}
}

// TestForgedTokensAreRefused presents forged and damaged credentials to
// every authenticated operation of the contract: each gets 401
// unauthenticated with a Bearer challenge (SPEC §17, §2.5), and none of them
// changes anything. A genuine token built by the same code is accepted, so
// each forged one differs from a good one by what its name says.
func TestForgedTokensAreRefused(t *testing.T) {
	e := newEnv(t)
	w := newAzWorld(e)
	victim := w.identity("arpenteur-géomètre pour lui-même")
	s := victim.actor
	sid := azTokenSID(t, victim.tok.Access)
	base := forgeBase(s.ID, sid, s)

	// Sessions that ended: by logout, and by a password change elsewhere.
	loggedOut := e.login(s)
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/logout", token: loggedOut.Access}), 204)
	p := e.signUp("forgemdp")
	pOld, pNow := e.login(p), e.login(p)
	e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: pNow.Access,
		body: map[string]any{"currentPassword": p.Password, "newPassword": "une toute nouvelle phrase"}}), 204)
	// Someone else's live session.
	other := e.signUp("forgeautre")
	otherSID := azTokenSID(t, e.login(other).Access)

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecPub, err := ecKey.PublicKey.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	ecPoint := ecPub.Bytes() // 0x04 || X || Y
	otherKey := []byte("une autre clé, inconnue du serveur, assez longue")
	hs := func(c jwt.MapClaims, h map[string]any) string {
		return forgeSign(t, jwt.SigningMethodHS256, testKey, c, h)
	}
	change := func(f func(jwt.MapClaims)) string { return hs(forgeWith(base, f), nil) }
	genuine := hs(base, nil)
	parts := strings.Split(genuine, ".")
	now := time.Now()

	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, base).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	noneTyped := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodNone, base)
		tok.Header["typ"] = "at+jwt"
		s, _ := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
		return s
	}()
	tamperedPayload := func() string {
		c, _ := json.Marshal(forgeWith(base, func(c jwt.MapClaims) { c["sub"] = other.ID }))
		return parts[0] + "." + base64.RawURLEncoding.EncodeToString(c) + "." + parts[2]
	}()

	corpus := []forgedCase{
		bearer("alg none", none),
		bearer("alg none, typ at+jwt", noneTyped),
		bearer("alg none, signature HMAC conservée", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"at+jwt"}`))+"."+parts[1]+"."+parts[2]),
		bearer("alg NONE en majuscules", forgeRaw(t, map[string]any{"alg": "NONE", "typ": "at+jwt"}, base, testKey)),
		bearer("alg HS512, même clé", forgeSign(t, jwt.SigningMethodHS512, testKey, base, nil)),
		bearer("alg HS384, même clé", forgeSign(t, jwt.SigningMethodHS384, testKey, base, nil)),
		bearer("alg RS256, clé de l'attaquant", forgeSign(t, jwt.SigningMethodRS256, rsaKey, base, nil)),
		bearer("alg ES256, clé de l'attaquant", forgeSign(t, jwt.SigningMethodES256, ecKey, base, nil)),
		bearer("en-tête RS256, signé HMAC avec la clé du serveur", forgeRaw(t, map[string]any{"alg": "RS256", "typ": "at+jwt"}, base, testKey)),
		bearer("alg absent, signé HMAC avec la clé du serveur", forgeRaw(t, map[string]any{"typ": "at+jwt"}, base, testKey)),
		bearer("mauvaise clé", forgeSign(t, jwt.SigningMethodHS256, otherKey, base, nil)),
		bearer("kid et jku vers une clé de l'attaquant", forgeSign(t, jwt.SigningMethodRS256, rsaKey, base,
			map[string]any{"kid": "attaquant", "jku": "https://attaquant.example/jwks.json"})),
		bearer("kid vers un fichier, mauvaise clé", forgeSign(t, jwt.SigningMethodHS256, otherKey, base, map[string]any{"kid": "../../../../dev/null"})),
		bearer("jwk embarquée de l'attaquant", forgeSign(t, jwt.SigningMethodES256, ecKey, base, map[string]any{"jwk": map[string]any{
			"kty": "EC", "crv": "P-256",
			"x": base64.RawURLEncoding.EncodeToString(ecPoint[1:33]),
			"y": base64.RawURLEncoding.EncodeToString(ecPoint[33:])}})),
		bearer("x5u vers un certificat de l'attaquant", forgeSign(t, jwt.SigningMethodRS256, rsaKey, base, map[string]any{"x5u": "https://attaquant.example/cert.pem"})),
		bearer("expiré", change(func(c jwt.MapClaims) { c["exp"] = now.Add(-2 * time.Minute).Unix() })),
		bearer("pas encore valide (nbf)", change(func(c jwt.MapClaims) { c["nbf"] = now.Add(2 * time.Minute).Unix() })),
		bearer("émis dans le futur (iat)", change(func(c jwt.MapClaims) { c["iat"] = now.Add(2 * time.Minute).Unix() })),
		bearer("sans exp", change(func(c jwt.MapClaims) { delete(c, "exp") })),
		bearer("exp non numérique", change(func(c jwt.MapClaims) { c["exp"] = "demain" })),
		bearer("mauvais iss", change(func(c jwt.MapClaims) { c["iss"] = "https://attaquant.example" })),
		bearer("sans iss", change(func(c jwt.MapClaims) { delete(c, "iss") })),
		bearer("mauvaise aud", change(func(c jwt.MapClaims) { c["aud"] = []string{"une-autre-api"} })),
		bearer("sans aud", change(func(c jwt.MapClaims) { delete(c, "aud") })),
		bearer("en-tête typ JWT", hs(base, map[string]any{"typ": "JWT"})),
		bearer("sans en-tête typ", hs(base, map[string]any{"typ": nil})),
		bearer("revendication typ refresh", change(func(c jwt.MapClaims) { c["typ"] = "refresh" })),
		bearer("sans revendication typ", change(func(c jwt.MapClaims) { delete(c, "typ") })),
		bearer("sans sid", change(func(c jwt.MapClaims) { delete(c, "sid") })),
		bearer("sid qui n'est pas un uuid", change(func(c jwt.MapClaims) { c["sid"] = "session-1" })),
		bearer("sid inconnu", change(func(c jwt.MapClaims) { c["sid"] = uuid.NewString() })),
		bearer("sid d'une session terminée (déconnexion)", change(func(c jwt.MapClaims) { c["sid"] = azTokenSID(t, loggedOut.Access) })),
		bearer("jeton authentique d'une session terminée", loggedOut.Access),
		bearer("jeton d'une session close par un changement de mot de passe", pOld.Access),
		bearer("sid de la session d'un autre utilisateur", change(func(c jwt.MapClaims) { c["sid"] = otherSID })),
		bearer("sub d'un autre utilisateur sur sa propre session", change(func(c jwt.MapClaims) { c["sub"] = other.ID })),
		bearer("sans sub", change(func(c jwt.MapClaims) { delete(c, "sub") })),
		bearer("sub qui n'est pas un uuid", change(func(c jwt.MapClaims) { c["sub"] = s.Username })),
		bearer("acting-for avec un identifiant malformé", change(func(c jwt.MapClaims) {
			c["acting-for"] = map[string]any{"userId": "pas-un-uuid", "matricule": s.Matricule}
		})),
		bearer("acting-for qui n'est pas un objet", change(func(c jwt.MapClaims) { c["acting-for"] = s.ID })),
		bearer("charge modifiée après signature", tamperedPayload),
		bearer("tronqué", genuine[:len(genuine)-6]),
		bearer("sans signature", parts[0]+"."+parts[1]+"."),
		bearer("deux segments", parts[0]+"."+parts[1]),
		bearer("base64 invalide", parts[0]+"."+parts[1][:10]+"*"+parts[1][11:]+"."+parts[2]),
		bearer("base64 avec remplissage", parts[0]+"."+parts[1]+strings.Repeat("=", (4-len(parts[1])%4)%4+4)+"."+parts[2]),
		bearer("segment en trop", genuine+".e30"),
		bearer("deux jetons", genuine+" "+genuine),
		bearer("jeton de renouvellement", victim.tok.Refresh),
		bearer("énorme", strings.Repeat("A", 60<<10)+"."+parts[1]+"."+parts[2]),
		bearer("n'importe quoi", "pas.un.jeton"),
		{name: "Bearer vide", authorization: "Bearer "},
		{name: "Bearer sans jeton", authorization: "Bearer"},
		{name: "schéma en minuscules", authorization: "bearer " + genuine, presented: true},
		{name: "schéma en majuscules", authorization: "BEARER " + genuine, presented: true},
		{name: "jeton sans schéma", authorization: genuine, presented: true},
		{name: "schéma Basic", authorization: "Basic " + base64.StdEncoding.EncodeToString([]byte(s.Username+":"+s.Password)), presented: true},
		{name: "schéma Token", authorization: "Token " + genuine, presented: true},
		{name: "jeton dans le paramètre access_token seulement", query: "access_token=" + genuine},
		{name: "jeton dans un témoin seulement", cookie: "access_token=" + genuine},
	}
	if len(corpus) < 20 {
		t.Fatalf("%d jetons seulement", len(corpus))
	}

	count := func(table string) int64 {
		var n int64
		e.dbCount(&n, "SELECT COUNT(*) FROM "+table)
		return n
	}
	tables := []string{"activities", "delegations", "dossiers", "sessions", "users", "surveyors"}
	before := map[string]int64{}
	for _, tb := range tables {
		before[tb] = count(tb)
	}

	var authenticated []azOperation
	for _, op := range azContract(t) {
		if op.public {
			continue
		}
		if _, ok := azRules[op.id]; !ok {
			t.Errorf("%s : aucune ligne dans la matrice d'autorisation", op.id)
			continue
		}
		authenticated = append(authenticated, op)
	}
	cases := 0
	for _, op := range authenticated {
		v := azRules[op.id].variants[0]
		t.Run(op.id, func(t *testing.T) {
			ce := e.withT(t)
			for _, fc := range corpus {
				r := w.request(t, op, v, victim)
				r.token = ""
				if r.header == nil {
					r.header = map[string]string{}
				}
				if fc.authorization != "" {
					r.header["Authorization"] = fc.authorization
				}
				if fc.cookie != "" {
					r.header["Cookie"] = fc.cookie
				}
				if fc.query != "" {
					sep := "?"
					if strings.Contains(r.path, "?") {
						sep = "&"
					}
					r.path += sep + fc.query
				}
				got := ce.do(r)
				cases++
				challenge := got.Header.Get("WWW-Authenticate")
				switch {
				case got.Status != http.StatusUnauthorized || code(got) != "unauthenticated":
					t.Errorf("%s × %s : 401 unauthenticated attendu, reçu %d %s", op.id, fc.name, got.Status, azShow(got))
				case !strings.HasPrefix(challenge, `Bearer realm="espace"`):
					t.Errorf("%s × %s : défi WWW-Authenticate %q", op.id, fc.name, challenge)
				case fc.presented && !strings.Contains(challenge, `error="invalid_token"`):
					t.Errorf("%s × %s : le défi ne dit pas invalid_token : %q", op.id, fc.name, challenge)
				}
			}
		})
	}
	for _, tb := range tables {
		if n := count(tb); n != before[tb] {
			t.Errorf("%s : %d lignes avant, %d après les jetons forgés", tb, before[tb], n)
		}
	}
	// The same requests with the genuine token pass authentication: what
	// was refused is the forgery, not the request.
	for _, op := range authenticated {
		r := w.request(t, op, azRules[op.id].variants[0], victim)
		r.token = genuine
		if got := e.do(r); got.Status == http.StatusUnauthorized {
			t.Errorf("%s × jeton authentique : refusé %s", op.id, azShow(got))
		}
	}
	if cases < 20*len(authenticated) {
		t.Errorf("%d cas seulement", cases)
	}
	t.Logf("jetons forgés : %d cas (%d jetons × %d opérations authentifiées)", cases, len(corpus), len(authenticated))
}
