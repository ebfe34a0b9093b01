package httpapi_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"espace/backend/internal/auth"
)

func (e *env) me(token string) resp {
	return e.do(req{method: "GET", path: "/api/v1/me", token: token})
}

func assert401(t *testing.T, r resp) {
	t.Helper()
	if r.Status != 401 {
		t.Fatalf("401 attendu, reçu %d : %s", r.Status, r.Body)
	}
	if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer ") {
		t.Fatalf("WWW-Authenticate absent")
	}
	if r.JSON(t)["code"] != "unauthenticated" {
		t.Fatalf("code : %s", r.Body)
	}
}

func TestMeShowsTheUser(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("moi")
	tk := e.login(u)
	m := e.expect(e.me(tk.Access), 200).JSON(t)
	if m["username"] != u.Username || m["firstName"] != "Édith" || m["surveyor"] != nil || m["actingFor"] != nil || m["mustSelectDelegant"] != false {
		t.Fatalf("%v", m)
	}
	// The token carries sub, sid and a null acting-for claim.
	claims := decodeClaims(t, tk.Access)
	for _, k := range []string{"iss", "aud", "sub", "sid", "typ", "iat", "exp", "jti"} {
		if _, ok := claims[k]; !ok {
			t.Errorf("revendication %s absente", k)
		}
	}
	if v, ok := claims["acting-for"]; !ok || v != nil {
		t.Errorf("acting-for doit être présent et nul : %v", claims)
	}
	if claims["sub"] != u.ID {
		t.Errorf("sub = %v", claims["sub"])
	}
	exp, iat := claims["exp"].(float64), claims["iat"].(float64)
	if exp-iat > 600 {
		t.Errorf("durée de vie %v s > 10 min", exp-iat)
	}
}

func decodeClaims(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := jsonUnmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMissingTokenIs401WithChallenge(t *testing.T) {
	e := newEnv(t)
	r := e.me("")
	assert401(t, r)
	if strings.Contains(r.Header.Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("pas d'erreur invalid_token sans jeton")
	}
	assert401(t, e.do(req{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic YTpi"}}))
}

// An access token is refused in every case of the issue's list.
func TestAccessTokenRefusals(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("jeton")
	issuer := e.acc.Tokens

	t.Run("after logout", func(t *testing.T) {
		tk := e.login(u)
		e.expect(e.me(tk.Access), 200)
		e.expect(e.do(req{method: "POST", path: "/api/v1/auth/logout", token: tk.Access}), 204)
		assert401(t, e.me(tk.Access))
		// The refresh token of the ended session is dead too.
		assert401(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": tk.Refresh}}))
	})

	t.Run("after a password change, in other sessions", func(t *testing.T) {
		other := e.login(u)
		current := e.login(u)
		e.expect(e.do(req{method: "PUT", path: "/api/v1/me/password", token: current.Access,
			body: map[string]any{"currentPassword": u.Password, "newPassword": "une toute nouvelle phrase"}}), 204)
		assert401(t, e.me(other.Access))
		assert401(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": other.Refresh}}))
		e.expect(e.me(current.Access), 200)
		u.Password = "une toute nouvelle phrase"
	})

	t.Run("expired", func(t *testing.T) {
		tk := e.login(u)
		sid := decodeClaims(t, tk.Access)["sid"].(string)
		old := *issuer
		old.Now = func() time.Time { return time.Now().Add(-11 * time.Minute) }
		expired, err := old.Issue(uuid.MustParse(u.ID), uuid.MustParse(sid), nil)
		if err != nil {
			t.Fatal(err)
		}
		assert401(t, e.me(expired))
	})

	t.Run("signed with another key", func(t *testing.T) {
		tk := e.login(u)
		sid := decodeClaims(t, tk.Access)["sid"].(string)
		forged := *issuer
		forged.Key = []byte("une autre clé, inconnue du serveur, assez longue")
		tok, _ := forged.Issue(uuid.MustParse(u.ID), uuid.MustParse(sid), nil)
		assert401(t, e.me(tok))
	})

	t.Run("alg none", func(t *testing.T) {
		tk := e.login(u)
		claims := decodeClaims(t, tk.Access)
		tok := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims(claims))
		tok.Header["typ"] = auth.AccessTokenType
		s, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
		if err != nil {
			t.Fatal(err)
		}
		assert401(t, e.me(s))
	})

	t.Run("another HMAC algorithm with the right key", func(t *testing.T) {
		tk := e.login(u)
		tok := jwt.NewWithClaims(jwt.SigningMethodHS512, jwt.MapClaims(decodeClaims(t, tk.Access)))
		tok.Header["typ"] = auth.AccessTokenType
		s, _ := tok.SignedString(testKey)
		assert401(t, e.me(s))
	})

	t.Run("wrong typ header", func(t *testing.T) {
		tk := e.login(u)
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims(decodeClaims(t, tk.Access)))
		s, _ := tok.SignedString(testKey) // typ "JWT"
		assert401(t, e.me(s))
	})

	t.Run("refresh token presented instead", func(t *testing.T) {
		tk := e.login(u)
		assert401(t, e.me(tk.Refresh))
	})

	t.Run("session of someone else", func(t *testing.T) {
		v := e.signUp("autre")
		tk := e.login(v)
		sid := decodeClaims(t, tk.Access)["sid"].(string)
		tok, _ := issuer.Issue(uuid.MustParse(u.ID), uuid.MustParse(sid), nil)
		assert401(t, e.me(tok))
	})

	t.Run("garbage", func(t *testing.T) {
		assert401(t, e.me("pas.un.jeton"))
	})
}

func TestRefreshRotatesAndReuseEndsTheSession(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("rotation")
	first := e.login(u)
	m := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": first.Refresh}}), 200).JSON(t)
	second := tokens{Access: m["accessToken"].(string), Refresh: m["refreshToken"].(string)}
	if second.Refresh == first.Refresh {
		t.Fatal("le jeton de renouvellement n'a pas changé")
	}
	e.expect(e.me(second.Access), 200)
	// Replaying the rotated token: refused, and the whole session ends.
	assert401(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": first.Refresh}}))
	assert401(t, e.me(second.Access))
	assert401(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]any{"refreshToken": second.Refresh}}))
}

func TestBrowserGetsRefreshTokenInHttpOnlyCookie(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("temoin")
	r := e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": u.Username, "password": u.Password},
		header: map[string]string{"X-Refresh-Token-Transport": "cookie"}}), 200)
	if _, ok := r.JSON(t)["refreshToken"]; ok {
		t.Fatal("le jeton de renouvellement ne doit pas être lisible par la page")
	}
	cookies := (&http.Response{Header: r.Header}).Cookies()
	if len(cookies) != 1 {
		t.Fatalf("témoins : %v", r.Header.Values("Set-Cookie"))
	}
	c := cookies[0]
	if c.Name != "__Secure-espace_refresh" || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" {
		t.Fatalf("témoin : %+v", c)
	}
	// The cookie is honoured for a page of the service only (SPEC §17):
	// another site's page, or a request that says nothing of its origin, gets a 403.
	for _, h := range []map[string]string{
		{"Origin": "https://attaquant.example"},
		{"Origin": "https://attaquant.example", "Sec-Fetch-Site": "cross-site"},
		{"Origin": "null"},
		{"Sec-Fetch-Site": "same-site"},
		{},
	} {
		h["X-Refresh-Token-Transport"], h["Cookie"] = "cookie", "__Secure-espace_refresh="+c.Value
		r := e.do(req{method: "POST", path: "/api/v1/auth/refresh", header: h})
		if r.Status != 403 || r.JSON(t)["code"] != "cross_origin_refresh" {
			t.Fatalf("%v : %d %s", h, r.Status, r.Body)
		}
		// Other clients are told the call to make instead.
		wantRemedy(t, r, "cross_origin_refresh", "POST /api/v1/auth/refresh")
	}
	// The refused attempts did not spend the token.
	r = e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", header: map[string]string{
		"X-Refresh-Token-Transport": "cookie", "Cookie": "__Secure-espace_refresh=" + c.Value, "Origin": e.srv.URL}}), 200)
	c = (&http.Response{Header: r.Header}).Cookies()[0]
	r = e.expect(e.do(req{method: "POST", path: "/api/v1/auth/refresh", header: map[string]string{
		"X-Refresh-Token-Transport": "cookie", "Cookie": "__Secure-espace_refresh=" + c.Value, "Sec-Fetch-Site": "same-origin"}}), 200)
	access := r.JSON(t)["accessToken"].(string)
	e.expect(e.me(access), 200)
	// Logout clears the cookie.
	r = e.expect(e.do(req{method: "POST", path: "/api/v1/auth/logout", token: access}), 204)
	if !strings.Contains(r.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("le témoin n'est pas effacé : %q", r.Header.Get("Set-Cookie"))
	}
}

func TestLoginIsCaseInsensitiveAndVague(t *testing.T) {
	e := newEnv(t)
	u := e.signUp("Casse")
	e.expect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": strings.ToUpper(u.Username), "password": u.Password}}), 200)
	wrong := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": u.Username, "password": "mauvais mot de passe"}})
	unknown := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"username": "inconnu" + u.Username, "password": "mauvais mot de passe"}})
	assert401(t, wrong)
	assert401(t, unknown)
	if wrong.JSON(t)["title"] != unknown.JSON(t)["title"] {
		t.Fatal("la réponse révèle si le compte existe")
	}
}
