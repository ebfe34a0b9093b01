// Package auth holds passwords (argon2id, policy), access tokens (JWT) and
// the per-request Session (actor, principal, session id).
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2Params are the cost parameters of new hashes. Existing hashes carry
// their own parameters, so raising these never locks anyone out.
type Argon2Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// OWASPParams is the OWASP password storage recommendation for argon2id.
var OWASPParams = Argon2Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

// Hasher hashes and verifies passwords.
type Hasher struct{ Params Argon2Params }

// MinPasswordLen and MaxPasswordLen follow OWASP ASVS 5 (at least 8, at
// least 64 accepted; we accept 128). Lengths count characters, not bytes.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// NormalizePassword applies Unicode NFKC so that the same password typed on
// two keyboards (composed or decomposed accents) is the same secret.
func NormalizePassword(pw string) string { return norm.NFKC.String(pw) }

// hashSlots bounds the argon2id computations running at once in the
// process: each takes Params.MemoryKiB (19 MiB) for its duration, so a flood
// of logins would otherwise take as much memory as it has requests in
// flight. One per CPU keeps the CPUs busy; more would only share them and
// multiply the memory. Further callers wait their turn.
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// idKey is argon2.IDKey inside a slot.
func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey(password, salt, time, memory, threads, keyLen)
}

// Hash returns an encoded argon2id hash of the normalised password.
func (h Hasher) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	p := h.Params
	key := idKey([]byte(NormalizePassword(password)), salt, p.Time, p.MemoryKiB, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// Verify tells whether password matches the encoded hash, in constant time.
func (h Hasher) Verify(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := idKey([]byte(NormalizePassword(password)), salt, t, m, p, uint32(len(want))) //nolint:gosec // a decoded Argon2 key: tens of bytes, far below 2³²
	return subtle.ConstantTimeCompare(got, want) == 1
}

// DummyVerify spends the same time as a real verification, so that a login
// for an unknown username cannot be told apart by its duration.
// The dummy hash is made once per set of parameters, by the first caller,
// whatever the number of concurrent logins.
func (h Hasher) DummyVerify(password string) {
	h.Verify(dummyHashFor(h), password)
}

// dummyHashes maps Argon2Params to a func() string made by sync.OnceValue.
var dummyHashes sync.Map

func dummyHashFor(h Hasher) string {
	f, ok := dummyHashes.Load(h.Params)
	if !ok {
		f, _ = dummyHashes.LoadOrStore(h.Params, sync.OnceValue(func() string {
			hash, err := h.Hash("mot de passe fictif pour égaliser le temps")
			if err != nil {
				panic(fmt.Sprintf("argon2id : pas d'aléa pour le sel : %v", err))
			}
			return hash
		}))
	}
	return f.(func() string)()
}
