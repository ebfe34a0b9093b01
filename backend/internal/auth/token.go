package auth

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"slices"
	"strings"
	"sync"
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

// Leeway is the clock skew tolerated between instances.
const Leeway = 30 * time.Second

// wireClaims is the payload as Issue writes it.
type wireClaims struct {
	Iss       string          `json:"iss"`
	Sub       string          `json:"sub"`
	Aud       []string        `json:"aud"` // Issue writes an array
	Exp       int64           `json:"exp"`
	Nbf       int64           `json:"nbf"`
	Iat       int64           `json:"iat"`
	Sid       string          `json:"sid"`
	Typ       string          `json:"typ"`
	ActingFor *ActingForClaim `json:"acting-for"`
}

// The only header Verify accepts, around the kid: exactly what Issue
// writes. Any other algorithm, type or header field (jku, jwk, x5u, crit,
// ...) is refused before anything else is read.
const (
	headerBefore = `{"alg":"HS256","kid":"`
	headerAfter  = `","typ":"` + AccessTokenType + `"}`
)

// Verify checks key id, signature, algorithm, type, issuer, audience,
// expiry, not-before and issued-at. The header must be exactly the one Issue
// writes, naming a configured key; nothing in a token chooses how it is
// verified. It runs on every request, so it reads the token with a handful
// of allocations (golang-jwt's generic parser needs about sixty).
func (ti *TokenIssuer) Verify(raw string) (*Claims, error) {
	h, rest, ok := strings.Cut(raw, ".")
	if !ok {
		return nil, ErrInvalidToken
	}
	payload, sig, ok := strings.Cut(rest, ".")
	if !ok || strings.Contains(sig, ".") {
		return nil, ErrInvalidToken
	}
	// Header: decoded on the stack, compared byte for byte.
	var hbuf [160]byte
	if base64.RawURLEncoding.DecodedLen(len(h)) > len(hbuf) {
		return nil, ErrInvalidToken
	}
	n, err := base64.RawURLEncoding.Decode(hbuf[:], []byte(h))
	if err != nil {
		return nil, ErrInvalidToken
	}
	hdr := hbuf[:n]
	if !bytes.HasPrefix(hdr, []byte(headerBefore)) || !bytes.HasSuffix(hdr, []byte(headerAfter)) ||
		len(hdr) < len(headerBefore)+len(headerAfter) {
		return nil, ErrInvalidToken
	}
	key, ok := ti.verifyKey(string(hdr[len(headerBefore) : len(hdr)-len(headerAfter)]))
	if !ok {
		return nil, ErrInvalidToken
	}
	// Signature: HMAC-SHA256 of "header.payload", compared in constant time.
	var got [sha256.Size]byte
	if base64.RawURLEncoding.DecodedLen(len(sig)) != len(got) {
		return nil, ErrInvalidToken
	}
	if n, err := base64.RawURLEncoding.Decode(got[:], []byte(sig)); err != nil || n != len(got) {
		return nil, ErrInvalidToken
	}
	mac := macs.get(key)
	defer macs.put(key, mac)
	mac.buf = append(mac.buf[:0], raw[:len(h)+1+len(payload)]...)
	mac.h.Write(mac.buf)
	if !hmac.Equal(mac.h.Sum(mac.sum[:0]), got[:]) {
		return nil, ErrInvalidToken
	}
	// Claims, only once the signature holds; decoded into the same buffer,
	// from which the claims copy what they keep.
	body, err := base64.RawURLEncoding.AppendDecode(mac.buf[:0], []byte(payload))
	mac.buf = body
	if err != nil {
		return nil, ErrInvalidToken
	}
	var c wireClaims
	if err := decodeClaims(body, &c); err != nil {
		return nil, ErrInvalidToken
	}
	now := ti.now()
	leeway := int64(Leeway / time.Second)
	switch {
	case c.Typ != AccessTokenUse, c.Iss != ti.Issuer, !slices.Contains(c.Aud, ti.Audience):
		return nil, ErrInvalidToken
	case c.Exp == 0 || now.Unix() >= c.Exp+leeway: // expiry required
		return nil, ErrInvalidToken
	case c.Nbf != 0 && now.Unix() < c.Nbf-leeway, c.Iat != 0 && now.Unix() < c.Iat-leeway:
		return nil, ErrInvalidToken
	case c.Sid == "" || c.Sub == "":
		return nil, ErrInvalidToken
	}
	if _, err := uuid.Parse(c.Sub); err != nil {
		return nil, ErrInvalidToken
	}
	if _, err := uuid.Parse(c.Sid); err != nil {
		return nil, ErrInvalidToken
	}
	out := &Claims{SessionID: c.Sid, Use: c.Typ, ActingFor: c.ActingFor}
	out.Issuer, out.Subject, out.Audience = c.Iss, c.Sub, c.Aud
	out.ExpiresAt = jwt.NewNumericDate(time.Unix(c.Exp, 0))
	return out, nil
}

// macPools keeps, per secret, HMAC states ready for reuse: hmac.New costs
// more than the MAC of a token.
type macPools struct {
	mu    sync.RWMutex
	pools map[string]*sync.Pool
}

// macState is a pooled HMAC with room for what Verify would otherwise
// allocate on every request: a copy of the signed part (hash.Hash takes
// bytes, the token is a string), the sum, then the decoded payload.
type macState struct {
	h   hash.Hash
	sum [sha256.Size]byte
	buf []byte
}

// maxPooledBuf bounds the buffer a pooled state keeps: an oversized token
// does not stay in memory.
const maxPooledBuf = 4 << 10

var macs = &macPools{pools: map[string]*sync.Pool{}}

func (m *macPools) pool(key []byte) *sync.Pool {
	m.mu.RLock()
	p := m.pools[string(key)]
	m.mu.RUnlock()
	if p != nil {
		return p
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if p = m.pools[string(key)]; p == nil {
		k := bytes.Clone(key)
		p = &sync.Pool{New: func() any { return &macState{h: hmac.New(sha256.New, k)} }}
		m.pools[string(k)] = p
	}
	return p
}

func (m *macPools) get(key []byte) *macState {
	s := m.pool(key).Get().(*macState)
	s.h.Reset()
	return s
}

func (m *macPools) put(key []byte, s *macState) {
	if cap(s.buf) > maxPooledBuf {
		s.buf = nil
	}
	m.pool(key).Put(s)
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
