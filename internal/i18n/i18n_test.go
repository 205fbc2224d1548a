package i18n

import (
	"slices"
	"strings"
	"testing"
)

// TestCataloguesMatch_R_P6: every key exists in both languages, with the same placeholders.
func TestCataloguesMatch_R_P6(t *testing.T) {
	zh, en := Keys("zh-CN"), Keys("en")
	if !slices.Equal(zh, en) {
		for _, k := range zh {
			if !Has("en", k) {
				t.Errorf("en lacks %q", k)
			}
		}
		for _, k := range en {
			if !Has("zh-CN", k) {
				t.Errorf("zh-CN lacks %q", k)
			}
		}
	}
	for _, k := range zh {
		a, b := placeholders(T("zh-CN", k)), placeholders(T("en", k))
		if !slices.Equal(a, b) {
			t.Errorf("%s: placeholders differ: zh %v, en %v", k, a, b)
		}
		if strings.TrimSpace(T("en", k)) == "" || strings.TrimSpace(T("zh-CN", k)) == "" {
			t.Errorf("%s: empty text", k)
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			break
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
	slices.Sort(out)
	return out
}

func TestAcceptLanguage(t *testing.T) {
	cases := map[string]string{
		"":                         "zh-CN",
		"en":                       "en",
		"en-US,en;q=0.9":           "en",
		"zh-CN,zh;q=0.9,en;q=0.8":  "zh-CN",
		"fr-FR, en;q=0.5":          "en",
		"de":                       "zh-CN",
		"zh-TW;q=0.2, en-GB;q=0.7": "en",
		"en;q=0, zh;q=0.1":         "zh-CN",
		// Through golang.org/x/text/language: q-values, variants, wildcards, garbage.
		"en-GB":                             "en",
		"en-AU,en;q=0.9":                    "en",
		"zh-TW":                             "zh-CN", // Traditional readers get Simplified, the only Chinese shipped
		"zh-Hant":                           "zh-CN",
		"zh-HK,en;q=0.9":                    "zh-CN",
		"zh-Hant-TW;q=0.9, en;q=0.95":       "en",
		"zh-Hans-CN":                        "zh-CN",
		"zh-SG":                             "zh-CN",
		"en;q=0.8, zh;q=0.9":                "zh-CN",
		"zh;q=0.5, en;q=0.8":                "en",
		"zh;q=0, en;q=0.1":                  "en",
		"en;q=0":                            "zh-CN",
		"*":                                 "zh-CN",
		"*;q=0.5, en;q=0.4":                 "zh-CN",
		"ja, en;q=0.1":                      "en",
		"ja":                                "zh-CN",
		"garbage!!":                         "zh-CN",
		"en-US;q=abc":                       "zh-CN",
		"en-US, en;q=0.9, xx_invalid, de":   "en", // a bad part is skipped, not the whole header
		"@@@, en;q=0.3":                     "en",
		";;;,,,":                            "zh-CN",
		"EN-us":                             "en",
		" en ; q=0.7 ":                      "en",
		strings.Repeat("x-", 100000) + "en": "zh-CN",
	}
	for h, want := range cases {
		if got := FromAcceptLanguage(h); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", h, got, want)
		}
	}
	if got := T("en", "err.required", "field", "Phone"); got != "Phone is required" {
		t.Errorf("T = %q", got)
	}
	if got := T("zh-CN", "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}

func FuzzAcceptLanguage(f *testing.F) {
	f.Add("en-US,en;q=0.9,zh;q=0.8")
	f.Fuzz(func(t *testing.T, h string) {
		if l := FromAcceptLanguage(h); l != "zh-CN" && l != "en" {
			t.Fatalf("%q -> %q", h, l)
		}
	})
}

func FuzzFromAcceptLanguage(f *testing.F) {
	for _, s := range []string{"en-US,en;q=0.9", "zh-TW", "*;q=0", "x;q=1e9", "en;q=-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got := FromAcceptLanguage(h); !slices.Contains(Languages, got) {
			t.Fatalf("FromAcceptLanguage(%q) = %q", h, got)
		}
	})
}
