package casework

import "strings"

// NormalizePhone drops the spaces and dashes people type inside phone numbers.
func NormalizePhone(s string) string { return normalizePhone(s) }

// SamePhone reports whether two phone numbers as typed are the same line: spaces, dashes,
// full-width digits and a +86 or 0086 prefix make no difference.
func SamePhone(a, b string) bool {
	trim := func(s string) string {
		s = normalizePhone(s)
		return strings.TrimPrefix(strings.TrimPrefix(s, "+86"), "0086")
	}
	x, y := trim(a), trim(b)
	return x != "" && x == y
}
