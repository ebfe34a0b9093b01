package auth

import (
	"bytes"
	"encoding/json"
)

// decodeClaims reads the payload of a token whose signature holds. It runs on
// every request, and encoding/json's reflection costs more than the rest of
// Verify together, so the payload as Issue writes it (one object of the
// known members, each once, strings without escapes, integers) is read
// directly. Anything else goes to encoding/json, which then decides: the
// direct reader only ever accepts what encoding/json would read to the same
// claims (FuzzReadClaims).
func decodeClaims(body []byte, c *wireClaims) error {
	if readClaims(body, c) {
		return nil
	}
	// A variable of its own, so that c stays on the caller's stack when
	// the direct reader suffices.
	var std wireClaims
	err := json.Unmarshal(body, &std)
	*c = std
	return err
}

// The members of the payload, one bit each, to refuse a member given twice
// (encoding/json would keep the last one, or merge two objects).
const (
	seenIss = 1 << iota
	seenSub
	seenAud
	seenExp
	seenNbf
	seenIat
	seenJti
	seenSid
	seenTyp
	seenActingFor
)

// readClaims reads body into c when it has the plain shape described at
// decodeClaims, and reports whether it did; c may be partly written when it
// did not.
func readClaims(body []byte, c *wireClaims) bool {
	r := claimReader{b: body}
	if !r.next('{') {
		return false
	}
	var seen uint
	for !r.next('}') {
		if seen != 0 && !r.next(',') {
			return false
		}
		key, ok := r.bytes()
		if !ok || !r.next(':') {
			return false
		}
		var bit uint
		switch string(key) {
		case "iss":
			bit = seenIss
			c.Iss, ok = r.str()
		case "sub":
			bit = seenSub
			c.Sub, ok = r.str()
		case "aud":
			bit = seenAud
			c.Aud, ok = r.strs()
		case "exp":
			bit = seenExp
			c.Exp, ok = r.int()
		case "nbf":
			bit = seenNbf
			c.Nbf, ok = r.int()
		case "iat":
			bit = seenIat
			c.Iat, ok = r.int()
		case "jti": // written by Issue, not needed to verify
			bit = seenJti
			_, ok = r.bytes()
		case "sid":
			bit = seenSid
			c.Sid, ok = r.str()
		case "typ":
			bit = seenTyp
			c.Typ, ok = r.str()
		case "acting-for":
			bit = seenActingFor
			c.ActingFor, ok = r.actingFor()
		default:
			return false
		}
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
	}
	// Nothing after the object, not even white space: Issue writes none.
	return seen != 0 && r.i == len(r.b)
}

// claimReader reads the plain JSON of readClaims, byte by byte.
type claimReader struct {
	b []byte
	i int
}

// next consumes the byte want if it comes next.
func (r *claimReader) next(want byte) bool {
	if r.i < len(r.b) && r.b[r.i] == want {
		r.i++
		return true
	}
	return false
}

// bytes reads a string of printable ASCII without escapes, whose bytes
// encoding/json takes as they are, and returns them without copying.
func (r *claimReader) bytes() ([]byte, bool) {
	if !r.next('"') {
		return nil, false
	}
	// An escaped quote ends the search early, but leaves a backslash
	// before it, which is refused.
	end := bytes.IndexByte(r.b[r.i:], '"')
	if end < 0 {
		return nil, false
	}
	s := r.b[r.i : r.i+end]
	for _, c := range s {
		if c < 0x20 || c > 0x7e || c == '\\' {
			return nil, false
		}
	}
	r.i += end + 1
	return s, true
}

// str reads such a string as a Go string.
func (r *claimReader) str() (string, bool) {
	b, ok := r.bytes()
	return string(b), ok
}

// strs reads an array of such strings; [] is an empty slice, not nil, as
// encoding/json gives.
func (r *claimReader) strs() ([]string, bool) {
	if !r.next('[') {
		return nil, false
	}
	out := []string{}
	for !r.next(']') {
		if len(out) > 0 && !r.next(',') {
			return nil, false
		}
		s, ok := r.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// int reads a non-negative integer of at most 18 digits, so it cannot
// overflow; no sign, fraction, exponent or leading zero.
func (r *claimReader) int() (int64, bool) {
	start := r.i
	var n int64
	for r.i < len(r.b) && r.i-start < 18 && '0' <= r.b[r.i] && r.b[r.i] <= '9' {
		n = n*10 + int64(r.b[r.i]-'0')
		r.i++
	}
	switch {
	case r.i == start, r.b[start] == '0' && r.i-start > 1:
		return 0, false
	case r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9': // a 19th digit
		return 0, false
	}
	return n, true
}

// actingFor reads null or an object of userId and matricule, each at most
// once.
func (r *claimReader) actingFor() (*ActingForClaim, bool) {
	if r.i+4 <= len(r.b) && string(r.b[r.i:r.i+4]) == "null" {
		r.i += 4
		return nil, true
	}
	if !r.next('{') {
		return nil, false
	}
	a := &ActingForClaim{}
	var seenUser, seenMatricule, members bool
	for !r.next('}') {
		if members && !r.next(',') {
			return nil, false
		}
		key, ok := r.bytes()
		if !ok || !r.next(':') {
			return nil, false
		}
		switch {
		case string(key) == "userId" && !seenUser:
			seenUser = true
			a.UserID, ok = r.str()
		case string(key) == "matricule" && !seenMatricule:
			seenMatricule = true
			a.Matricule, ok = r.str()
		default:
			return nil, false
		}
		if !ok {
			return nil, false
		}
		members = true
	}
	return a, true
}
