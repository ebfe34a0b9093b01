package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// AccessTokenType is the JOSE "typ" header of access tokens (RFC 9068), and
// AccessTokenUse the "typ" claim: both are checked, so that no other kind of
// token can be replayed as an access token.
const (
	AccessTokenType = "at+jwt"
	AccessTokenUse  = "access"
)

// ActingForClaim names the surveyor a session acts for (SPEC §4).
type ActingForClaim struct {
	UserID    string `json:"userId"`
	Matricule string `json:"matricule"`
}

// Claims are the claims of an access token. "acting-for" is always present,
// null when the session acts for nobody.
type Claims struct {
	jwt.RegisteredClaims
	SessionID string          `json:"sid"`
	Use       string          `json:"typ"`
	ActingFor *ActingForClaim `json:"acting-for"`
}

// SigningKey is one HMAC key of access tokens, named by the "kid" header
// of the tokens it signs.
type SigningKey struct {
	ID     string
	Secret []byte
}

// DefaultKeyID names the single key of ESPACE_JWT_SECRET (or the generated
// one): to rotate away from it, configure ESPACE_JWT_KEYS with the new key
// first and this id for the old secret.
const DefaultKeyID = "default"

// TokenIssuer signs and verifies access tokens. Keys rotate: the first key
// signs, every key verifies, so tokens signed by the previous key stay good
// until they expire. A token whose kid is not configured is refused.
type TokenIssuer struct {
	Keys     []SigningKey // the first signs; all verify
	Key      []byte       // a single key (kid DefaultKeyID), used when Keys is empty
	Issuer   string
	Audience string
	TTL      time.Duration
	Now      func() time.Time
}

func (ti *TokenIssuer) keys() []SigningKey {
	if len(ti.Keys) > 0 {
		return ti.Keys
	}
	return []SigningKey{{ID: DefaultKeyID, Secret: ti.Key}}
}

// verifyKey returns the configured secret named kid; nothing else is ever
// used to verify (no key in the token, no key URL, no default).
func (ti *TokenIssuer) verifyKey(kid string) ([]byte, bool) {
	for _, k := range ti.keys() {
		if k.ID == kid && len(k.Secret) > 0 {
			return k.Secret, true
		}
	}
	return nil, false
}

func (ti *TokenIssuer) now() time.Time {
	if ti.Now != nil {
		return ti.Now()
	}
	return time.Now()
}

// Issue signs an access token for the user of session sid.
func (ti *TokenIssuer) Issue(userID, sid uuid.UUID, actingFor *ActingForClaim) (string, error) {
	now := ti.now()
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    ti.Issuer,
			Subject:   userID.String(),
			Audience:  jwt.ClaimStrings{ti.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ti.TTL)),
			ID:        uuid.NewString(),
		},
		SessionID: sid.String(),
		Use:       AccessTokenUse,
		ActingFor: actingFor,
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["typ"] = AccessTokenType
	k := ti.keys()[0]
	tok.Header["kid"] = k.ID
	return tok.SignedString(k.Secret)
}

// ErrInvalidToken hides why a token was refused: the client only needs to
// know that it must authenticate again.
var ErrInvalidToken = errors.New("jeton d'accès invalide")

// Verify checks key id, signature, algorithm, issuer, audience, expiry and
// type. The kid must name a configured key; key URLs are never followed.
func (ti *TokenIssuer) Verify(raw string) (*Claims, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(ti.Issuer),
		jwt.WithAudience(ti.Audience),
		jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(ti.now),
	)
	var claims Claims
	tok, err := parser.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		if typ, _ := t.Header["typ"].(string); typ != AccessTokenType {
			return nil, fmt.Errorf("typ %q", typ)
		}
		kid, _ := t.Header["kid"].(string)
		key, ok := ti.verifyKey(kid)
		if !ok {
			return nil, fmt.Errorf("kid %q inconnu", kid)
		}
		return key, nil
	})
	if err != nil || !tok.Valid {
		return nil, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if claims.Use != AccessTokenUse || claims.SessionID == "" || claims.Subject == "" {
		return nil, ErrInvalidToken
	}
	if _, err := uuid.Parse(claims.Subject); err != nil {
		return nil, ErrInvalidToken
	}
	if _, err := uuid.Parse(claims.SessionID); err != nil {
		return nil, ErrInvalidToken
	}
	return &claims, nil
}

// NewOpaqueToken returns a random URL-safe secret (256 bits) and the hash to
// store: the database never holds a usable refresh or reset token.
func NewOpaqueToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashOpaqueToken(token), nil
}

// HashOpaqueToken is the stored form of an opaque token.
func HashOpaqueToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
