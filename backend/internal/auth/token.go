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

// TokenIssuer signs and verifies access tokens with one HMAC key.
type TokenIssuer struct {
	Key      []byte
	Issuer   string
	Audience string
	TTL      time.Duration
	Now      func() time.Time
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
	return tok.SignedString(ti.Key)
}

// ErrInvalidToken hides why a token was refused: the client only needs to
// know that it must authenticate again.
var ErrInvalidToken = errors.New("jeton d'accès invalide")

// Verify checks signature, algorithm, issuer, audience, expiry and type.
// Key ids and key URLs in the header are ignored: there is one key.
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
		return ti.Key, nil
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
