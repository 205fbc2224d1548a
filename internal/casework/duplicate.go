package casework

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// FactFingerprint is what R-L24 compares of two reports' facts: the text folded to half width
// and lower case with everything but letters and digits dropped, hashed — so spacing,
// punctuation and full-width digits do not make a repeat look new. Empty facts have none.
func FactFingerprint(facts string) string {
	var b strings.Builder
	for _, r := range width.Fold.String(facts) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Repeats reports whether report later repeats report earlier (R-L24, Order 121 Art.35): the
// same reporter (the same phone, or the same ID number), the same respondent (the same merchant
// on the registry, or the same name as written when either has none) and the same fact
// fingerprint, earlier received first. An anonymous reporter is no one's repeat, nor is a
// report already merged into another.
func Repeats(later, earlier Matter) bool {
	if later.Kind != Report || earlier.Kind != Report || later.ID == earlier.ID || earlier.MergedInto != nil {
		return false
	}
	if later.ReceivedAt.Before(earlier.ReceivedAt) || later.ReceivedAt.Equal(earlier.ReceivedAt) && later.ID < earlier.ID {
		return false
	}
	same := func(a, b string) bool {
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		return a != "" && a == b
	}
	if !same(later.Consumer.Phone, earlier.Consumer.Phone) && !same(later.Consumer.IDNumber, earlier.Consumer.IDNumber) {
		return false
	}
	switch {
	case later.MerchantID != nil && earlier.MerchantID != nil:
		if *later.MerchantID != *earlier.MerchantID {
			return false
		}
	case FactFingerprint(later.MerchantName) == "" || FactFingerprint(later.MerchantName) != FactFingerprint(earlier.MerchantName):
		return false
	}
	fp := FactFingerprint(later.Facts)
	return fp != "" && fp == FactFingerprint(earlier.Facts)
}
