package casework

import (
	"strings"
	"unicode"
)

// normalizePhone drops the spaces and dashes people type inside phone numbers.
func normalizePhone(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r == ' ' || r == '-' || r == '\u3000' {
			continue
		}
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ValidPhone accepts mainland mobile numbers, fixed lines with an area code, and
// short service numbers, optionally with +86 and an extension.
func ValidPhone(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+86"), "0086")
	main, ext, hasExt := strings.Cut(s, "转")
	if !hasExt {
		main, ext, hasExt = strings.Cut(s, "#")
	}
	if hasExt && (ext == "" || len(ext) > 6 || !digits(ext)) {
		return false
	}
	if !digits(main) {
		return false
	}
	switch n := len(main); {
	case n == 11 && main[0] == '1':
		return true
	case n >= 10 && n <= 12 && main[0] == '0':
		return true
	case n >= 5 && n <= 8 && main[0] != '0':
		return true // local number without area code, or a service number such as 12315
	}
	return false
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// LooksLikeIDNumber reports whether s has the shape of a mainland resident
// identity number; other documents (passports, permits) are stored unchecked.
func LooksLikeIDNumber(s string) bool { return len(s) == 18 && digits(s[:17]) }

// ValidIDNumber checks an 18-character resident identity number (GB 11643) by its check character.
func ValidIDNumber(s string) bool {
	if len(s) != 18 || !digits(s[:17]) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	return s[17] == "10X98765432"[sum%11]
}
