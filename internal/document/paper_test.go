package document

import (
	"strings"
	"testing"
	"time"
)

// TestRenderEveryPaper: the papers of the court and the departments (issue 10) render in both
// languages with their title, the issuing office, the addressee and what the service filled in,
// escaped; a joint meeting's minutes are headed with the meeting's number, not a case number;
// an unknown kind or language, or no office, is refused.
func TestRenderEveryPaper(t *testing.T) {
	office := Office{Name: "瑞昌市市场监督管理局", SealText: "瑞昌市市场监督管理局"}
	for _, kind := range PaperKinds {
		for _, lang := range []string{"zh-CN", "en"} {
			number := "20260616-000001"
			if kind == "meeting_minutes" {
				number = "JM-1"
			}
			p := Paper{Kind: kind, Lang: lang, Office: office, CaseNumber: number, To: "瑞昌市人民法院",
				Sections: []Section{{Heading: "当事人", Rows: [][2]string{{"投诉人", "王小明"}}, Paras: []string{"<script>alert(1)</script>"}}},
				IssuedAt: time.Date(2026, 6, 18, 2, 0, 0, 0, time.UTC)}
			page, err := RenderPaper(p)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, lang, err)
			}
			s := text(page)
			for _, want := range []string{"瑞昌市市场监督管理局", number, "瑞昌市人民法院", "王小明"} {
				if !strings.Contains(s, want) {
					t.Errorf("%s %s lacks %q", kind, lang, want)
				}
			}
			if strings.Contains(string(page), "<script>alert") {
				t.Errorf("%s %s: typed text became markup", kind, lang)
			}
			label := map[string]string{"zh-CN": "投诉编号", "en": "Case No."}[lang]
			if kind == "meeting_minutes" {
				if strings.Contains(s, label) || !strings.Contains(s, map[string]string{"zh-CN": "会议编号", "en": "Meeting No."}[lang]) {
					t.Errorf("the minutes %s are headed with a case number", lang)
				}
			} else if !strings.Contains(s, label) {
				t.Errorf("%s %s: no case number label", kind, lang)
			}
		}
	}
	for _, bad := range []Paper{{Kind: "letter", Lang: "zh-CN", Office: office}, {Kind: "court_result", Lang: "fr", Office: office}, {Kind: "court_result", Lang: "zh-CN"}} {
		if _, err := RenderPaper(bad); err == nil {
			t.Errorf("%+v rendered", bad)
		}
	}
}
