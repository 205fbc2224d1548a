// Package mask hides personal data — phone, ID number, address, name — where the
// viewer has no need to see it (R-P5).
package mask

import (
	"strings"
	"unicode"
)

// Phone keeps the first 3 and last 4 digits of a mobile number: 138****5678.
func Phone(s string) string {
	r := []rune(s)
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 4:
		return strings.Repeat("*", len(r))
	case len(r) <= 7:
		return string(r[:1]) + strings.Repeat("*", len(r)-3) + string(r[len(r)-2:])
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// IDNumber keeps the first 4 and last 2 characters.
func IDNumber(s string) string {
	r := []rune(s)
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-6) + string(r[len(r)-2:])
}

// Address keeps the first part of an address — enough to see the township — and hides the rest.
func Address(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	keep := len(r) / 2
	if keep > 6 {
		keep = 6
	}
	return string(r[:keep]) + "****"
}

// Name keeps the surname: 张三 → 张*, 欧阳娜娜 → 欧阳**. Latin names keep the first letter.
func Name(s string) string {
	r := []rune(strings.TrimSpace(s))
	switch {
	case len(r) == 0:
		return ""
	case len(r) == 1:
		return "*"
	case !unicode.Is(unicode.Han, r[0]):
		return string(r[:1]) + "***"
	case len(r) >= 4:
		return string(r[:2]) + strings.Repeat("*", len(r)-2)
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}

// Text hides runs of 7 or more digits (phone and ID numbers people type into
// free text) before the text is shown in public.
func Text(s string) string {
	var b strings.Builder
	run := []rune{}
	flush := func() {
		if len(run) >= 7 {
			b.WriteString(Phone(string(run)))
		} else {
			b.WriteString(string(run))
		}
		run = run[:0]
	}
	for _, c := range s {
		if c >= '0' && c <= '9' || (c == 'X' || c == 'x') && len(run) == 17 {
			run = append(run, c)
			continue
		}
		flush()
		b.WriteRune(c)
	}
	flush()
	return b.String()
}

// Own hides a person's own name, phone, address and ID number wherever they were
// typed into free text, then every long run of digits, for readers who may see
// the text but not the person (merchants, the public).
func Own(s, name, phone, address, idNumber string) string {
	for _, p := range [][2]string{
		{phone, Phone(phone)},
		{address, Address(address)},
		{idNumber, IDNumber(idNumber)},
		{name, Name(name)},
	} {
		if len([]rune(p[0])) >= 2 {
			s = strings.ReplaceAll(s, p[0], p[1])
		}
	}
	return Text(s)
}
