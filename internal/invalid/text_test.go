package invalid

import (
	"net/url"
	"testing"
	"unicode/utf8"
)

func TestTextCode(t *testing.T) {
	cases := []struct {
		s         string
		multiline bool
		want      string
	}{
		{"张三", false, ""},
		{"", false, ""},
		{"a\x00b", false, ControlChar},
		{"a\x00b", true, ControlChar}, // NUL is never text, not even in free text
		{"a\tb", false, ControlChar},
		{"a\tb", true, ""},
		{"第一行\n第二行", false, ControlChar},
		{"第一行\r\n第二行", true, ""},
		{"\x1b[31m", true, ControlChar}, // escape
		{"\x7f", true, ControlChar},     // DEL
		{"\u0085", true, ControlChar},   // C1 next line
		{"\u009f", false, ControlChar},
		{"\xff", false, Encoding},
		{"ok\xe4\xb8", true, Encoding},    // a cut-off character
		{"\xed\xa0\x80", false, Encoding}, // a surrogate half
		{"\ufffd", false, ""},             // the replacement character itself is text
		{"\u00a0 non-breaking", false, ""},
		{"\u200b zero width", false, ""},
	}
	for _, c := range cases {
		if got := TextCode(c.s, c.multiline); got != c.want {
			t.Errorf("TextCode(%q, %v) = %q, want %q", c.s, c.multiline, got, c.want)
		}
	}
}

func TestIsFreeText(t *testing.T) {
	for field, want := range map[string]bool{
		"facts": true, "request": true, "report_facts": true, "answer": true, "note": true, "description": true,
		"changes.facts": true, "attribute[facts]": true, "attribute[request][]": true, "major_subcategories": true,
		"consumer.name": false, "consumer.address": false, "username": false, "q": false, "next": false,
		"attribute[phone]": false, "merchant_name": false, "password": false,
	} {
		if got := IsFreeText(field); got != want {
			t.Errorf("IsFreeText(%q) = %v, want %v", field, got, want)
		}
	}
}

func TestValues(t *testing.T) {
	var errs Errors
	errs.Values("form", url.Values{
		"username": {"ad\x00min"}, "facts": {"行一\n行二"}, "note": {"\x00"}, "bad\x01key": {"x"},
		"consumer.name": {"\xfe"}, "q": {"ok"},
	})
	want := map[string]string{"username": ControlChar, "note": ControlChar, "form": ControlChar, "consumer.name": Encoding}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %v", errs, want)
	}
	for _, f := range errs {
		if want[f.Field] != f.Code {
			t.Errorf("%s: %s, want %q", f.Field, f.Code, want[f.Field])
		}
	}
}

func FuzzTextCode(f *testing.F) {
	for _, s := range []string{"", "张三", "a\x00", "\t\n", "\xff", "\u0085", "\ufffd"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		code := TextCode(s, multiline)
		if code == "" {
			if !utf8.ValidString(s) {
				t.Fatalf("%q accepted but not UTF-8", s)
			}
			for _, r := range s {
				if r < 0x20 && !(multiline && (r == '\t' || r == '\n' || r == '\r')) || r >= 0x7f && r <= 0x9f {
					t.Fatalf("%q accepted with control character %U", s, r)
				}
			}
		} else if code == Encoding && utf8.ValidString(s) {
			t.Fatalf("%q: encoding error on valid UTF-8", s)
		}
	})
}
