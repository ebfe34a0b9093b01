package auth

import "testing"

// A name is the first name, a space, the last name; a missing part leaves
// no stray space behind.
func TestFullName(t *testing.T) {
	for _, c := range []struct{ first, last, want string }{
		{"Jean", "Tremblay", "Jean Tremblay"},
		{"Jean", "", "Jean"},
		{"", "Tremblay", "Tremblay"},
		{"", "", ""},
		{"Marie-Ève", "Côté", "Marie-Ève Côté"},
	} {
		if got := (Person{FirstName: c.first, LastName: c.last}).FullName(); got != c.want {
			t.Errorf("FullName(%q, %q) = %q, attendu %q", c.first, c.last, got, c.want)
		}
	}
}
