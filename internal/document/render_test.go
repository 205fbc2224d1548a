package document

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
)

var tags = regexp.MustCompile(`<[^>]+>`)

// text is the page's visible text, roughly: tags dropped, entities of quotes undone.
func text(page []byte) string {
	s := tags.ReplaceAllString(string(page), "")
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(s)
}

// TestRenderEveryDocument: each document renders in Chinese and English with the elements its
// rule requires (R-L7, R-L19, R-L20, R-L21).
func TestRenderEveryDocument(t *testing.T) {
	common := func(lang string) []string {
		return []string{"20260506-000031", "王小明", "瑞昌市悦动健身服务有限公司", "瑞昌市市场监督管理局"}
	}
	need := map[Kind]map[string][]string{
		mediation.AcceptanceNotice: {
			"zh-CN": {"投诉受理通知书", "第四十六条", "第十五条", "2026年5月7日", "六十日", "2026年7月6日", "七个工作日"},
			"en":    {"Notice of Acceptance", "Article 46", "Article 15", "7 May 2026", "60 days", "6 July 2026", "seven working days"},
		},
		mediation.RejectionNotice: { // R-L7: the reason and the CRPL Art.39 channels
			"zh-CN": {"不予受理告知书", "第十六条第（四）项", "超过三年", "第三十九条", "与经营者协商和解", "提请仲裁机构仲裁", "向人民法院提起诉讼", "2026年5月8日"},
			"en":    {"Notice of Non-acceptance", "Article 16(4)", "three years", "Article 39", "negotiation", "arbitration", "lawsuit", "8 May 2026"},
		},
		mediation.TerminationNotice: { // R-L19, R-L21: to both parties, the reason, the remedies
			"zh-CN": {"终止调解告知书", "投诉人王小明、被投诉人瑞昌市悦动健身服务有限公司", "第二十三条第（三）项", "无法达成调解协议", "2026年5月12日", "第三十九条", "受本机关委托"},
			"en":    {"Notice of Termination", "Article 23(3)", "no agreement is possible", "12 May 2026", "Article 39", "in our name"},
		},
		mediation.MediationDocument: { // R-L20: parties, facts, terms, amounts in figures and capitals, signatures, seal, three originals
			"zh-CN": {"调解书", "360481199003154512", "91360481MA35XXXX0K", "赵大力", "争议事实", "退还投诉人预付卡剩余金额", "2,360.50", "500.00",
				"2,860.50", "人民币贰仟捌佰陆拾元伍角整", "2026年5月22日前", "一式三份", "投诉人（签名或盖章）", "被投诉人（签名或盖章）",
				"签字页扫描件附后", "（印章）", "张调解、李明华", "第三十九条", "湓城街道消费维权服务站"},
			"en": {"Mediation Document", "Refund", "Compensation", "2,860.50", "人民币贰仟捌佰陆拾元伍角整", "22 May 2026", "three originals",
				"Complainant (signature or seal)", "(seal)", "张调解, 李明华", "Chinese text prevails"},
		},
		mediation.MediationRecord: {
			"zh-CN": {"调解记录", "2026年5月12日 10:30", "现场", "当场履行完毕", "第二十四条", "不制作调解书", "人民币贰仟捌佰陆拾元伍角整", "核对无误"},
			"en":    {"Mediation Record", "on site", "performed on the spot", "Article 24", "no mediation document", "人民币贰仟捌佰陆拾元伍角整"},
		},
	}
	for _, k := range Kinds {
		for _, lang := range []string{"zh-CN", "en"} {
			page, err := Render(sample(t, k, lang))
			if err != nil {
				t.Fatalf("%s %s: %v", k, lang, err)
			}
			s := text(page)
			for _, w := range append(common(lang), need[k][lang]...) {
				if !strings.Contains(s, w) {
					t.Errorf("%s %s lacks %q", k, lang, w)
				}
			}
			if strings.Contains(string(page), "<script") || strings.Contains(string(page), "http://") {
				t.Errorf("%s %s: script or outside resource", k, lang)
			}
			d := sample(t, k, lang)
			ours := s // what people typed stays as typed
			for _, typed := range append(append(paras(d.Facts), paras(d.Terms)...), paras(d.Request)...) {
				ours = strings.ReplaceAll(ours, typed, "")
			}
			for _, mark := range []string{"，", "：", "；"} {
				if i := strings.Index(ours, mark); lang == "en" && i >= 0 {
					t.Errorf("%s en has a Chinese %s: %s", k, mark, ours[max(i-40, 0):i+10])
				}
			}
		}
	}
}

// TestRenderRefusesIncomplete: a document missing an element its rule requires is not rendered.
func TestRenderRefusesIncomplete(t *testing.T) {
	cases := []struct {
		name   string
		kind   Kind
		change func(*Data)
		want   []string
	}{
		{"rejection without reason (R-L7)", mediation.RejectionNotice, func(d *Data) { d.Reason.Code = "" }, []string{"reason_code:required"}},
		{"rejection with a termination code", mediation.RejectionNotice, func(d *Data) { d.Reason.Code = "T3" }, []string{"reason_code:required"}},
		{"termination without reason (R-L19)", mediation.TerminationNotice, func(d *Data) { d.Reason.Code = "R16-1" }, []string{"reason_code:required"}},
		{"调解书 whose amounts do not add up (R-S6)", mediation.MediationDocument, func(d *Data) { d.Recovered++ }, []string{"recovered_amount:sum_mismatch"}},
		{"调解书 without time of performance (R-L20)", mediation.MediationDocument, func(d *Data) { d.DueDate = nil }, []string{"due_date:required"}},
		{"调解书 without terms or mediators", mediation.MediationDocument, func(d *Data) { d.Terms, d.Mediators = " ", nil },
			[]string{"terms:required", "mediators:required"}},
		{"no parties", mediation.AcceptanceNotice, func(d *Data) { d.Complainant.Name, d.Respondent.Name = "", "" },
			[]string{"complainant:required", "respondent:required"}},
		{"a correction that does not say what it replaces", mediation.AcceptanceNotice, func(d *Data) { d.Version = Version{Number: 2} },
			[]string{"version:required"}},
		{"unknown language", mediation.AcceptanceNotice, func(d *Data) { d.Lang = "fr" }, []string{"lang:one_of"}},
	}
	for _, c := range cases {
		d := sample(t, c.kind, "zh-CN")
		c.change(&d)
		_, err := Render(d)
		errs, _ := invalid.As(err)
		var got []string
		for _, f := range errs {
			got = append(got, f.Field+":"+f.Code)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRenderEscapes: what people typed never becomes markup, and a correction names its predecessor.
func TestRenderEscapes(t *testing.T) {
	d := sample(t, mediation.MediationDocument, "zh-CN")
	d.Facts = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	d.Version = Version{Number: 2, Supersedes: "ab12cd34", Reason: "被投诉人名称笔误"}
	page, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script>alert") || strings.Contains(string(page), "<img src=x") {
		t.Error("user text became markup")
	}
	if s := text(page); !strings.Contains(s, "第2版") || !strings.Contains(s, "ab12cd34") || !strings.Contains(s, "笔误") {
		t.Error("correction not shown")
	}
	if n := strings.Count(string(page), `src="data:image/png;base64,`); n != 1 {
		t.Errorf("%d inline signatures, want 1 (the other is scanned)", n)
	}
}

// TestFigures: figures carry thousands separators.
func TestFigures(t *testing.T) {
	for in, want := range map[int64]string{0: "0.00", 5: "0.05", 100000: "1,000.00", 236050: "2,360.50", 100000010010: "1,000,000,100.10", -123456: "-1,234.56"} {
		if got := Figures(fenOf(in)); got != want {
			t.Errorf("Figures(%d) = %s, want %s", in, got, want)
		}
	}
}

func fenOf(v int64) money.Fen { return money.Fen(v) }
