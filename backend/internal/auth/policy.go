package auth

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"espace/backend/internal/apperr"
)

// commonPasswordsText is the blocklist: more than 11,000 of the most common
// passwords of eight characters or more (the source and its licence are in
// the file's header), then Québec and French variants.
//
//go:embed common-passwords.txt
var commonPasswordsText string

var commonPasswords = func() map[string]struct{} {
	set := map[string]struct{}{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(NormalizePassword(line))] = struct{}{}
		}
	}
	return set
}()

// CommonPasswordCount is the size of the blocklist.
func CommonPasswordCount() int { return len(commonPasswords) }

// serviceWords are the context words of this service (ASVS 5 V6.2.11): a
// password that is one of them, give or take digits and symbols, is refused.
var serviceWords = []string{
	"cadastre", "espace", "monespace", "espaceclient", "monespaceclient", "espaceclients",
	"arpenteur", "arpenteure", "arpentage", "geometre", "arpenteurgeometre", "delegation",
	"delegataire", "delegant", "motdepasse", "quebec", "mrnf", "energieressources",
}

// CheckPolicy returns the French reasons why password is refused, if any.
// No composition rules (ASVS 5): length, the blocklist of common passwords
// (also with digits or symbols added at the end), and no password made of
// the user's own words (username, e-mail address or its local part) or of
// the service's (« cadastre », « espace », …) with only digits and symbols
// around them.
func CheckPolicy(pointer, password string, personal ...string) []apperr.FieldError {
	pw := NormalizePassword(password)
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return []apperr.FieldError{apperr.Field(pointer, fmt.Sprintf("Le mot de passe doit compter au moins %d caractères.", MinPasswordLen))}
	case n > MaxPasswordLen:
		return []apperr.FieldError{apperr.Field(pointer, fmt.Sprintf("Le mot de passe doit compter au plus %d caractères.", MaxPasswordLen))}
	}
	lower := strings.ToLower(pw)
	if isCommon(lower) {
		return []apperr.FieldError{apperr.Field(pointer, "Ce mot de passe est trop courant. Choisissez-en un autre, par exemple une courte phrase.")}
	}
	for _, p := range personal {
		if p != "" && strings.EqualFold(strings.TrimSpace(NormalizePassword(p)), lower) {
			return []apperr.FieldError{apperr.Field(pointer, "Le mot de passe ne doit pas reprendre votre nom d'utilisateur ou votre adresse courriel.")}
		}
	}
	if letters := lettersOf(lower); letters != "" {
		for _, p := range personal {
			words := []string{lettersOf(p)}
			if local, _, found := strings.Cut(p, "@"); found {
				words = append(words, lettersOf(local))
			}
			if madeOf(letters, words) {
				return []apperr.FieldError{apperr.Field(pointer, "Le mot de passe ne doit pas reprendre votre nom d'utilisateur ou votre adresse courriel.")}
			}
		}
		if madeOf(letters, serviceWords) {
			return []apperr.FieldError{apperr.Field(pointer, "Le mot de passe ne doit pas reprendre le nom du service (par exemple « cadastre » ou « espace »). Choisissez par exemple une courte phrase.")}
		}
	}
	return nil
}

// isCommon tells whether the lower-cased password is on the blocklist, as
// typed or once the digits and symbols added at its end are taken off
// (« sunshine2024! » is « sunshine »).
func isCommon(lower string) bool {
	if _, ok := commonPasswords[lower]; ok {
		return true
	}
	trimmed := strings.TrimRightFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if trimmed == lower || trimmed == "" {
		return false
	}
	_, ok := commonPasswords[trimmed]
	return ok
}

// lettersOf keeps the letters of s, lower-cased and without accents:
// « Jean.Piette-2024 » gives « jeanpiette ».
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// madeOf tells whether letters is one of words, or one of them repeated.
func madeOf(letters string, words []string) bool {
	for _, w := range words {
		if w == "" || len(letters)%len(w) != 0 {
			continue
		}
		if strings.Repeat(w, len(letters)/len(w)) == letters {
			return true
		}
	}
	return false
}
