package document

import (
	"strings"
	"testing"

	"weiquan/internal/i18n"
	"weiquan/internal/mediation"
)

// TestRemediesInEveryClosingLetter_R_L7_R_L21: every letter that ends a complaint's handling —
// the 不予受理告知书 (R-L7), the 终止调解告知书, the 调解书 and the 调解记录 (R-L21, Order 121
// Art.25) — names CRPL Art.39 and lists all five of its channels, in Chinese and in English;
// the acceptance notice, which ends nothing, need not.
func TestRemediesInEveryClosingLetter_R_L7_R_L21(t *testing.T) {
	cases := []struct {
		kind   Kind
		closes bool
	}{
		{mediation.RejectionNotice, true},
		{mediation.TerminationNotice, true},
		{mediation.MediationDocument, true},
		{mediation.MediationRecord, true},
		{mediation.AcceptanceNotice, false},
	}
	if len(cases) != len(Kinds) {
		t.Fatalf("%d kinds in the table, %d documents: a new document needs its row", len(cases), len(Kinds))
	}
	article := map[string]string{"zh-CN": "第三十九条", "en": "Article 39"}
	for _, c := range cases {
		for _, lang := range []string{"zh-CN", "en"} {
			page, err := Render(sample(t, c.kind, lang))
			if err != nil {
				t.Fatalf("%s %s: %v", c.kind, lang, err)
			}
			s := text(page)
			if !c.closes {
				continue
			}
			if !strings.Contains(s, article[lang]) {
				t.Errorf("%s %s does not name %s", c.kind, lang, article[lang])
			}
			if n := strings.Count(string(page), `<ol class="remedies">`); n != 1 {
				t.Errorf("%s %s: %d remedies lists, want 1", c.kind, lang, n)
			}
			for i := 1; i <= 5; i++ {
				channel := i18n.T(lang, "doc.remedies."+string(rune('0'+i)))
				if channel == "doc.remedies."+string(rune('0'+i)) || !strings.Contains(s, channel) {
					t.Errorf("%s %s lacks channel %d %q", c.kind, lang, i, channel)
				}
			}
		}
	}
}
