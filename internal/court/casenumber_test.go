package court

import (
	"testing"
	"unicode/utf8"
)

// TestParseCaseNumber: court case numbers (案号) as courts write them, and as people type them.
func TestParseCaseNumber(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" = refused
	}{
		{"（2026）赣0429民初100号", "（2026）赣0429民初100号"},
		{"(2026)赣0481诉前调88号", "（2026）赣0481诉前调88号"},     // half-width brackets, normalised
		{" (2026) 赣0429 民特 12 号 ", "（2026）赣0429民特12号"}, // spaces
		{"（2026）赣04民终第7号", "（2026）赣04民终7号"},            // 第 before the serial
		{"（2025）赣执恢3号", "（2025）赣执恢3号"},                 // a high court: the province only
		{"（2026）最高法民申1号", "（2026）最高法民申1号"},             // the Supreme Court
		{"〔2026〕赣0429民初1号", "（2026）赣0429民初1号"},         // hexagonal brackets
		{"2026赣0429民初100号", ""},                        // no brackets
		{"（2026）赣0429民初号", ""},                         // no serial
		{"（2026）赣0429民初0号", ""},                        // serial 0
		{"（26）赣0429民初1号", ""},                          // two-digit year
		{"（1900）赣0429民初1号", ""},                        // before the courts of today
		{"（2026）0429民初1号", ""},                         // no province
		{"（2026）赣04291民初1号", ""},                       // five digits
		{"（2026）赣0429民初1", ""},                         // no 号
		{"20261130-000001", ""},                        // our own case number
		{"", ""},
	} {
		got, err := ParseCaseNumber("case_number", c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("%q: accepted as %s", c.in, got)
		case c.want != "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.want != "" && got.String() != c.want:
			t.Errorf("%q: %s, want %s", c.in, got, c.want)
		}
	}
}

// FuzzParseCaseNumber: whatever a court's system or a person sends as a case number, the
// parser refuses it or returns one that prints and parses back to itself.
func FuzzParseCaseNumber(f *testing.F) {
	for _, s := range []string{"（2026）赣0429民初100号", "(2026)赣0481诉前调88号", "（2026）最高法民申1号", "第", "（）号", "\x00", "（9999）赣0429民初9999999号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCaseNumber("case_number", s)
		if err != nil {
			return
		}
		out := c.String()
		if !utf8.ValidString(out) {
			t.Fatalf("%q -> invalid UTF-8 %q", s, out)
		}
		back, err := ParseCaseNumber("case_number", out)
		if err != nil || back != c {
			t.Fatalf("%q -> %s does not parse back: %v %+v", s, out, err, back)
		}
	})
}
