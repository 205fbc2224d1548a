// Package collective finds and holds matters that are one dispute brought by many
// consumers against one merchant — a gym that closed on its prepaid members, a
// training school that vanished — and the joint complaints they become (R-L5, SPEC C8).
// It is pure: the rules take matters, settings and a time and return decisions.
package collective

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Profile is a text reduced to the set of its character bigrams: it works on Chinese
// without a dictionary, as Chinese words are mostly one to three characters long.
type Profile struct {
	grams []uint64 // sorted, no repeats
	runes []rune
}

// fold keeps the characters that carry meaning: Han characters, letters and digits,
// full-width forms folded to half-width and letters lowered; punctuation and space go.
func fold(s string) []rune {
	out := make([]rune, 0, len(s)/3+1)
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		switch {
		case unicode.Is(unicode.Han, r):
		case unicode.IsLetter(r), unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

func pair(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }

// NewProfile reduces a text to its bigrams; a text of one character is its own gram.
func NewProfile(s string) Profile {
	rs := fold(s)
	p := Profile{runes: rs}
	if len(rs) == 1 {
		p.grams = []uint64{pair(rs[0], 0)}
		return p
	}
	if len(rs) < 2 {
		return p
	}
	g := make([]uint64, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		g = append(g, pair(rs[i], rs[i+1]))
	}
	slices.Sort(g)
	p.grams = slices.Compact(g)
	return p
}

// Empty reports whether the text had nothing to compare.
func (p Profile) Empty() bool { return len(p.grams) == 0 }

// Similarity is the Dice coefficient of two texts' bigram sets: 0 when they share
// nothing (or either is empty), 1 when their bigrams are the same.
func Similarity(a, b Profile) float64 {
	if a.Empty() || b.Empty() {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a.grams) && j < len(b.grams) {
		switch {
		case a.grams[i] == b.grams[j]:
			n++
			i++
			j++
		case a.grams[i] < b.grams[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(n) / float64(len(a.grams)+len(b.grams))
}

// SharedTerms lists the character runs of three or more that at least half of the
// texts contain, the longest and commonest first, at most max: what the matters say
// in common ("预付卡", "退费", "关门"), shown to the supervisor as evidence.
func SharedTerms(ps []Profile, max int) []string {
	if len(ps) < 2 {
		return nil
	}
	count := map[string]int{}
	for _, p := range ps {
		seen := map[string]bool{}
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(p.runes); i++ {
				t := string(p.runes[i : i+n])
				if !seen[t] && !strings.ContainsAny(t, "0123456789") { // amounts and dates are not what they share
					seen[t] = true
					count[t]++
				}
			}
		}
	}
	need := (len(ps) + 1) / 2
	var terms []string
	for t, c := range count {
		if c >= need {
			terms = append(terms, t)
		}
	}
	sort.Slice(terms, func(i, j int) bool {
		ci, cj := count[terms[i]], count[terms[j]]
		if ci != cj {
			return ci > cj
		}
		li, lj := len([]rune(terms[i])), len([]rune(terms[j]))
		if li != lj {
			return li > lj
		}
		return terms[i] < terms[j]
	})
	var out []string
	for _, t := range terms {
		if len(out) == max {
			break
		}
		dup := false
		for _, o := range out {
			if strings.Contains(o, t) || strings.Contains(t, o) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}
