package merchant

import "strings"

// usccChars is the 31-character alphabet of GB 32100-2015 (no I, O, S, V, Z).
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeUSCC upper-cases and trims a code as typed, so "91330100799655058b " is accepted.
func NormalizeUSCC(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidUSCC reports whether s is an 18-character unified social credit code whose
// check character is right (R-L41).
func ValidUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, s[i])
		if v < 0 {
			return false
		}
		sum += v * usccWeights[i]
	}
	check := (31 - sum%31) % 31
	return s[17] == usccChars[check]
}

// USCCWarnings returns advisory problems that never block (R-L41): the inner
// GB 11714 organisation-code check on positions 9–17.
func USCCWarnings(s string) []string {
	if !ValidUSCC(s) {
		return nil
	}
	var warn []string
	if !validOrgCode(s[8:17]) {
		warn = append(warn, "org_code_check")
	}
	return warn
}

// validOrgCode checks a 9-character GB 11714 organisation code.
func validOrgCode(c string) bool {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		ch := c[i]
		var v int
		switch {
		case ch >= '0' && ch <= '9':
			v = int(ch - '0')
		case ch >= 'A' && ch <= 'Z':
			v = int(ch-'A') + 10
		default:
			return false
		}
		sum += v * weights[i]
	}
	r := 11 - sum%11
	var want byte
	switch r {
	case 10:
		want = 'X'
	case 11:
		want = '0'
	default:
		want = byte('0' + r)
	}
	return c[8] == want
}
