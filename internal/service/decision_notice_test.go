package service_test

import (
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/notify"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// newMessages are the matter's messages after the first n.
func newMessages(t *testing.T, c *county, m casework.Matter, n int) []notify.Message {
	t.Helper()
	msgs, err := c.st.MatterMessages(c.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return msgs[n:]
}

func messageCount(t *testing.T, c *county, m casework.Matter) int {
	t.Helper()
	msgs, err := c.st.MatterMessages(c.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(msgs)
}

// TestDecisionNoticesReachEveryComplainant_R_L7: the notice of acceptance and the notice of
// non-acceptance go through the outbox to every complainant who gave a phone — whatever the
// channel the complaint came by — and, for one who filed on the portal, to their e-mail too and
// in their language. The rejection notice carries the reason in the law's words and the CRPL
// Art.39 channels (R-L7); neither notice carries a name of staff or the office's note, and none is
// sent twice. (A complaint cannot be taken without a phone, R-L3.)
func TestDecisionNoticesReachEveryComplainant_R_L7(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		const secret = "内部：投诉人情绪激动，科长交代慢慢办"
		staffNames := []string{c.op.DisplayName, c.sup.DisplayName, c.op.Username, c.sup.Username}
		clean := func(t *testing.T, msg notify.Message) {
			t.Helper()
			for _, w := range append(staffNames, secret, "情绪激动") {
				if strings.Contains(msg.Body, w) || strings.Contains(msg.Subject, w) {
					t.Fatalf("the notice carries %q: %q", w, msg.Body)
				}
			}
		}

		// Every staff channel: one SMS in Chinese to the phone, the acceptance notice with the number.
		for i, ch := range []casework.Channel{casework.Hotline12315, casework.Letter, casework.Visit, casework.Transfer12345, casework.Web} {
			phone := "1380013800" + itoa(int64(i))
			m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.Channel, in.Consumer.Phone = ch, phone })
			n := messageCount(t, c, m)
			c.act(t, c.op, m, casework.Accept, casework.ActionInput{Note: secret})
			got := newMessages(t, c, m, n)
			if len(got) != 1 || got[0].Kind != notify.KindAcceptNotice || got[0].Channel != notify.SMS || got[0].Recipient != phone ||
				got[0].Lang != "zh-CN" || !strings.Contains(got[0].Body, m.Number) || !strings.Contains(got[0].Body, "已受理") {
				t.Fatalf("%s: acceptance notice %+v", ch, got)
			}
			clean(t, got[0])
		}

		// A rejection, by letter: the reason in the law's words and the five Art.39 channels (R-L7).
		m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.Channel, in.Consumer.Phone = casework.Letter, "13700137000" })
		n := messageCount(t, c, m)
		c.act(t, c.sup, m, casework.Reject, casework.ActionInput{ReasonCode: "R16-5", Note: secret})
		got := newMessages(t, c, m, n)
		if len(got) != 1 || got[0].Kind != notify.KindRejectNotice || got[0].Recipient != "13700137000" {
			t.Fatalf("rejection notice %+v", got)
		}
		reason, _ := casework.FindReason(casework.RejectReasons(m.RuleSet), "R16-5")
		for _, w := range []string{m.Number, "不予受理", reason.ZH, "第三十九条"} {
			if !strings.Contains(got[0].Body, w) {
				t.Fatalf("rejection notice lacks %q: %q", w, got[0].Body)
			}
		}
		for i := 1; i <= 5; i++ {
			if w := i18n.T("zh-CN", "doc.remedies."+itoa(int64(i))); !strings.Contains(got[0].Body, strings.TrimRight(w, "；。")) {
				t.Fatalf("rejection notice lacks remedy %d %q: %q", i, w, got[0].Body)
			}
		}
		clean(t, got[0])

		// A portal filer in English with an e-mail address: the notice in English, by SMS and e-mail,
		// once each — no progress message besides it.
		in := portalComplaint(c)
		in.Lang = "en"
		r, err := c.svc.SubmitOnPortal(c.ctx, auth.Anonymous("203.0.113.7"), in)
		if err != nil {
			t.Fatal(err)
		}
		pm, err := s.MatterByNumber(c.ctx, r.Numbers[0])
		if err != nil {
			t.Fatal(err)
		}
		n = messageCount(t, c, pm)
		c.act(t, c.sup, pm, casework.Reject, casework.ActionInput{ReasonCode: "R16-3", Note: secret})
		got = newMessages(t, c, pm, n)
		if len(got) != 2 || got[0].Channel != notify.SMS || got[0].Recipient != "13900139000" || got[1].Channel != notify.Email ||
			got[1].Recipient != "li@example.cn" {
			t.Fatalf("portal filer's rejection notice %+v", got)
		}
		reason, _ = casework.FindReason(casework.RejectReasons(pm.RuleSet), "R16-3")
		for _, msg := range got {
			if msg.Kind != notify.KindRejectNotice || msg.Lang != "en" || !strings.Contains(msg.Body, reason.EN) ||
				!strings.Contains(msg.Body, "Art. 39") || !strings.Contains(msg.Body, "people's court") || !strings.Contains(msg.Subject, pm.Number) {
				t.Fatalf("English rejection notice %+v", msg)
			}
			clean(t, msg)
		}

		// A report is never accepted or rejected: verifying and filing it sends no decision notice.
		rep, err := c.svc.Intake(c.ctx, auth.As(c.op), casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.village.ID,
			Consumer: casework.Party{Name: "王五", Phone: "13600136000"}, MerchantName: "某某超市", MerchantAddress: "人民路2号",
			Facts: "超市销售过期食品", Request: "依法查处"})
		if err != nil {
			t.Fatal(err)
		}
		n = messageCount(t, c, rep[0])
		c.act(t, c.op, rep[0], casework.Verify, casework.ActionInput{})
		c.act(t, c.sup, rep[0], casework.File, casework.ActionInput{})
		if got := newMessages(t, c, rep[0], n); len(got) != 0 {
			t.Fatalf("a report's filing sent %+v", got)
		}
	})
}

// TestReporterWithEmailOnlyGetsNoAuthorityNotice_R_L12: a report filed on the portal with an
// e-mail address and no phone still reaches its filer when the office has no authority: the
// notice naming the competent bureau goes to the e-mail address too.
func TestReporterWithEmailOnlyGetsNoAuthorityNotice_R_L12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		r, err := c.svc.SubmitOnPortal(c.ctx, auth.Anonymous("203.0.113.7"), service.PortalSubmission{Kind: casework.Report, Email: "tip@example.cn",
			MerchantName: "某某网吧", MerchantAddress: "人民路9号", AreaID: &c.village.ID, Facts: "网吧接纳未成年人", ReportFacts: "每晚可见", Lang: "zh-CN"})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.MatterByNumber(c.ctx, r.Numbers[0])
		if err != nil {
			t.Fatal(err)
		}
		n := messageCount(t, c, m)
		if _, err := c.svc.TellNoAuthority(c.ctx, auth.As(c.op), m.Number, "湖口县文化广电新闻出版旅游局"); err != nil {
			t.Fatal(err)
		}
		got := newMessages(t, c, m, n)
		var mailed bool
		for _, msg := range got {
			if msg.Channel == notify.Email && msg.Recipient == "tip@example.cn" && strings.Contains(msg.Body, "湖口县文化广电新闻出版旅游局") &&
				strings.Contains(msg.Subject, m.Number) {
				mailed = true
			}
		}
		if !mailed {
			t.Fatalf("no e-mailed no-authority notice: %+v", got)
		}
	})
}

// TestRejectNoticeTemplateKeepsReasonAndRemedies_R_L7: an admin may reword the rejection notice
// but not drop its reason or the Art.39 channels.
func TestRejectNoticeTemplateKeepsReasonAndRemedies_R_L7(t *testing.T) {
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{"{{.Number}} 不予受理。理由：{{.Reason}}。途径：{{.Remedies}}", true},
		{"{{.Number}} 不予受理。途径：{{.Remedies}}", false}, // no reason
		{"{{.Number}} 不予受理。理由：{{.Reason}}", false},   // no Art.39 channels
	} {
		tp := notify.Template{Kind: notify.KindRejectNotice, Lang: "zh-CN", Subject: "x", Body: tc.body}
		if err := tp.Validate(); (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.body, err)
		}
	}
	for _, d := range notify.Defaults {
		if err := d.Validate(); err != nil {
			t.Errorf("built-in %s %s: %v", d.Kind, d.Lang, err)
		}
	}
}
