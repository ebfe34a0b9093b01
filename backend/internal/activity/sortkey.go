package activity

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// SortKey folds a name or a label for sorting in French order on any
// database: lower case, accents removed, spaces collapsed, so that « Édith »
// sorts with « Edith » and before « Zoé ». Keys are compared byte-wise
// (COLLATE "C" on PostgreSQL, BINARY on SQLite), which both engines agree on
// whatever the database's locale.
func SortKey(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	return strings.Join(strings.Fields(strings.ToLower(folded)), " ")
}
