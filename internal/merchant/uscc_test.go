package merchant

import "testing"

// TestValidUSCC_R_L41 proves the check-character rule with the examples of R-L41.
func TestValidUSCC_R_L41(t *testing.T) {
	cases := []struct {
		code string
		ok   bool
	}{
		{"914403001922038216", true},
		{"91330100799655058B", true},
		{"91350100M000100Y43", true},
		{"9144030071526726XG", true},
		{"91330203674737244W", true},
		{"91350100M000100Y4Z", false},
		{"91110108717809965C", false},
		{"91330100799655058", false},   // 17 characters
		{"91330100799655058BX", false}, // 19 characters
		{"9133010079965505IB", false},  // I is not in the alphabet
		{"91330100799655058b", false},  // lower case is normalised by the caller, not here
		{"", false},
	}
	for _, c := range cases {
		if got := ValidUSCC(c.code); got != c.ok {
			t.Errorf("ValidUSCC(%q) = %v, want %v", c.code, got, c.ok)
		}
	}
	if !ValidUSCC(NormalizeUSCC(" 91330100799655058b ")) {
		t.Error("normalised lower-case code rejected")
	}
}

func TestUSCCWarnings_R_L41(t *testing.T) {
	if w := USCCWarnings("914403001922038216"); len(w) != 0 {
		t.Errorf("valid inner code warned: %v", w)
	}
	// Build a code that passes the outer check but fails the GB 11714 inner check.
	base := "91440300192203820"
	for _, c := range usccChars {
		code := base + string(c)
		if ValidUSCC(code) {
			if w := USCCWarnings(code); len(w) != 1 {
				t.Errorf("USCCWarnings(%q) = %v, want org_code_check", code, w)
			}
			return
		}
	}
	t.Fatal("no valid outer check character found")
}

func FuzzValidUSCC(f *testing.F) {
	f.Add("914403001922038216")
	f.Add("91350100M000100Y4Z")
	f.Fuzz(func(t *testing.T, s string) {
		if ValidUSCC(s) {
			if len(s) != 18 {
				t.Fatalf("accepted %q of length %d", s, len(s))
			}
			// Changing the check character must break it.
			alt := s[:17] + "0"
			if s[17] == '0' {
				alt = s[:17] + "1"
			}
			if ValidUSCC(alt) {
				t.Fatalf("both %q and %q valid", s, alt)
			}
		}
		_ = USCCWarnings(s)
	})
}
