package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
)

func intakeForm(kv ...string) url.Values {
	f := url.Values{"channel": {"hotline_12315"}, "kind": {"complaint"}, "consumer.name": {"张三"}, "consumer.phone": {"13800138000"},
		"facts": {"电饭煲有质量问题，商家拒绝退货"}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

// numberFrom reads the case number out of the redirect to the case number screen.
func numberFrom(t *testing.T, r resp) string {
	t.Helper()
	if r.status != 303 || !strings.HasPrefix(r.location, "/intake/") {
		t.Fatalf("intake: %d %s\n%.500s", r.status, r.location, r.body)
	}
	n, _, _ := strings.Cut(strings.TrimPrefix(r.location, "/intake/"), "?")
	return n
}

func (c *county) matter(t *testing.T, number string) casework.Matter {
	t.Helper()
	m, err := c.st.MatterByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIntakeForm: one submit creates the matter; the case number is shown
// large; the channel is remembered; merchants and areas typed without
// JavaScript are matched by the server.
func TestIntakeForm(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")

	// Typed names, no ids: the server finds the registry merchant and the community.
	n := numberFrom(t, b.post("/intake", intakeForm("channel", "letter", "merchant_name", "瑞昌市好又多超市有限公司", "area", "西湖社区",
		"consumer.address", "西湖社区 3 栋", "request", "退货", "amount_in_dispute", "¥1,299.50", "needs_visit", "1")))
	m := c.matter(t, n)
	if m.MerchantID == nil || *m.MerchantID != c.haoyouduo.ID || m.MerchantAddress != "湓城街道人民路 88 号" {
		t.Errorf("merchant not matched: %v %q", m.MerchantID, m.MerchantAddress)
	}
	if m.AreaID == nil || *m.AreaID != c.xihu.ID || m.AmountInDispute != 129950 || !m.NeedsVisit || m.Channel != casework.Letter {
		t.Errorf("matter: area %v amount %v visit %v channel %s", m.AreaID, m.AmountInDispute, m.NeedsVisit, m.Channel)
	}
	if m.TakenBy == nil || *m.TakenBy != c.operator.ID {
		t.Errorf("R-L3: the operator who took it down is not recorded: %v", m.TakenBy)
	}
	done := b.get("/intake/" + n)
	for _, want := range []string{`class="bignum"`, n, "登记下一件", `accesskey="n"`} {
		if !strings.Contains(done.body, want) {
			t.Errorf("case number screen lacks %q", want)
		}
	}
	// The channel is remembered for the next call.
	if form := b.get("/intake").body; !strings.Contains(form, `value="letter" checked`) {
		t.Error("the last channel is not preselected")
	}

	// The USCC typed into the name box finds the merchant too.
	n = numberFrom(t, b.post("/intake", intakeForm("merchant_name", c.meifa.USCC)))
	if m := c.matter(t, n); m.MerchantID == nil || *m.MerchantID != c.meifa.ID || m.MerchantName != c.meifa.Name {
		t.Errorf("USCC in the name box: %v %q", m.MerchantID, m.MerchantName)
	}

	// A new merchant with its USCC joins the registry; a wrong USCC is an inline error.
	code := uscc("91360481MA39ABCDE")
	n = numberFrom(t, b.post("/intake", intakeForm("merchant_name", "瑞昌市新开张超市", "merchant_address", "人民路 1 号", "merchant_uscc", code)))
	if m := c.matter(t, n); m.MerchantID == nil {
		t.Error("new merchant with a USCC not added to the registry")
	}
	bad := code[:17] + map[bool]string{true: "1", false: "2"}[code[17] != '1']
	r := b.post("/intake", intakeForm("merchant_name", "另一家店", "merchant_uscc", bad, "consumer.phone", ""))
	if r.status != 422 || !strings.Contains(r.body, `id="f-merchant-uscc-err"`) || !strings.Contains(r.body, `id="f-consumer-phone-err"`) ||
		!strings.Contains(r.body, `value="另一家店"`) {
		t.Errorf("bad USCC and missing phone: %d\n%.800s", r.status, r.body)
	}
	_, total, _ := c.st.Merchants(context.Background(), store.MerchantFilter{Q: "另一家店"})
	if total != 0 {
		t.Error("a merchant was created from a form that failed")
	}

	// A place matching nothing is kept as typed; several matches are offered as choices.
	n = numberFrom(t, b.post("/intake", intakeForm("area", "火星村")))
	if m := c.matter(t, n); m.AreaID != nil || m.AreaText != "火星村" {
		t.Errorf("unknown place: %v %q", m.AreaID, m.AreaText)
	}
	r = b.post("/intake", intakeForm("area", "码头"))
	if r.status != 422 || !strings.Contains(r.body, `name="area_id" value="`+itoa(c.matouCun.ID)+`"`) || !strings.Contains(r.body, "瑞昌市 › 码头镇 › 码头村") {
		t.Errorf("ambiguous place: %d\n%.800s", r.status, r.body)
	}
}

// TestIntakeSplit_R_L1: a complaint that also reports a violation becomes two
// linked matters, and the case number screen shows both numbers.
func TestIntakeSplit_R_L1(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")
	n := numberFrom(t, b.post("/intake", intakeForm("also_report", "1", "report_facts", "销售不合格产品", "merchant_id", itoa(c.haoyouduo.ID))))
	m := c.matter(t, n)
	if m.LinkedID == nil {
		t.Fatal("no linked report")
	}
	rep, err := c.st.Matter(context.Background(), *m.LinkedID)
	if err != nil || rep.Kind != casework.Report || rep.Facts != "销售不合格产品" {
		t.Fatalf("linked report: %+v %v", rep, err)
	}
	if done := b.get("/intake/" + n).body; !strings.Contains(done, `id="linked-number"`) || !strings.Contains(done, rep.Number) {
		t.Error("the case number screen does not show the linked number")
	}
}

// TestIntakeRequiredFields_R_L3: what a complaint needs at intake is an inline
// error; what it needs before acceptance is listed on the case number screen.
func TestIntakeRequiredFields_R_L3(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")
	r := b.post("/intake", url.Values{"channel": {"hotline_12315"}, "kind": {"complaint"}, "consumer.address": {"湓城街道"}})
	for _, want := range []string{"消费者姓名为必填项", "消费者电话为必填项", "事实经过为必填项", `value="湓城街道"`, `id="error-summary"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("missing fields page lacks %q", want)
		}
	}
	if r.status != 422 {
		t.Errorf("status %d", r.status)
	}
	r = b.post("/intake", intakeForm("consumer.phone", "138-abc"))
	if !strings.Contains(r.body, "消费者电话格式不正确") {
		t.Error("a malformed phone is not shown inline")
	}
	n := numberFrom(t, b.post("/intake", intakeForm()))
	done := b.get("/intake/" + n).body
	for _, want := range []string{"受理前还需补全", "消费者地址", "经营者名称", "诉求"} {
		if !strings.Contains(done, want) {
			t.Errorf("case number screen lacks %q", want)
		}
	}
}

// TestIntakeInquiryAnsweredAtOnce: an inquiry answered on the phone is registered, answered and closed by one submit.
func TestIntakeInquiryAnsweredAtOnce(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")
	n := numberFrom(t, b.post("/intake", url.Values{"channel": {"hotline_12315"}, "kind": {"inquiry"}, "facts": {"网购商品能否七天无理由退货"},
		"answer": {"除定制等商品外，收货之日起七日内可无理由退货。"}}))
	m := c.matter(t, n)
	if m.State != casework.Closed || m.Outcome != casework.OutcomeAnswered || !strings.Contains(m.Answer, "七日内") {
		t.Fatalf("inquiry: state %s outcome %s answer %q", m.State, m.Outcome, m.Answer)
	}
	tl, _ := c.st.Timeline(context.Background(), m.ID)
	if len(tl) != 3 || tl[1].Action != casework.Answer || tl[2].Action != casework.Close {
		t.Fatalf("timeline %+v", tl)
	}
	// Without an answer it just waits.
	n = numberFrom(t, b.post("/intake", url.Values{"channel": {"visit"}, "kind": {"inquiry"}, "facts": {"咨询"}}))
	if m := c.matter(t, n); m.State != casework.Received {
		t.Fatalf("unanswered inquiry: %s", m.State)
	}
}

// TestIntakeRepeatWarning: the same phone against the same merchant within 30
// days is a warning — on the case number screen and live while typing — never a block.
func TestIntakeRepeatWarning(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")
	first := numberFrom(t, b.post("/intake", intakeForm("merchant_id", itoa(c.haoyouduo.ID))))
	second := numberFrom(t, b.post("/intake", intakeForm("merchant_id", itoa(c.haoyouduo.ID))))
	done := b.get("/intake/" + second).body
	if !strings.Contains(done, `id="repeat-notice"`) || !strings.Contains(done, first) {
		t.Error("the repeat is not shown on the case number screen")
	}
	if done := b.get("/intake/" + first).body; strings.Contains(done, `id="repeat-notice"`) && !strings.Contains(done, second) {
		t.Error("a matter warns about itself")
	}
	// Another merchant, or 31 days later, is no repeat.
	other := numberFrom(t, b.post("/intake", intakeForm("merchant_id", itoa(c.meifa.ID))))
	if strings.Contains(b.get("/intake/"+other).body, `id="repeat-notice"`) {
		t.Error("a matter against another merchant is called a repeat")
	}
	var live []map[string]string
	r := b.get("/suggest/repeat?phone=138-0013-8000&merchant_id=" + itoa(c.haoyouduo.ID))
	if err := json.Unmarshal([]byte(r.body), &live); err != nil || len(live) != 2 {
		t.Fatalf("live repeat: %v %s", err, r.body)
	}
	c.now = c.now.Add(31 * 24 * time.Hour)
	b = c.as(t, "zuoxi")
	late := numberFrom(t, b.post("/intake", intakeForm("merchant_id", itoa(c.haoyouduo.ID))))
	if strings.Contains(b.get("/intake/"+late).body, `id="repeat-notice"`) {
		t.Error("a matter 31 days later is called a repeat")
	}
}

// TestSuggestions: the pickers' JSON endpoints, for staff only.
func TestSuggestions(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "zuoxi")
	var ms []map[string]any
	if err := json.Unmarshal([]byte(b.get("/suggest/merchants?q="+url.QueryEscape("好又多")).body), &ms); err != nil || len(ms) != 1 || ms[0]["name"] != c.haoyouduo.Name {
		t.Errorf("merchants by name: %v %v", ms, err)
	}
	if err := json.Unmarshal([]byte(b.get("/suggest/merchants?q="+c.meifa.USCC[:10]).body), &ms); err != nil || len(ms) != 1 || ms[0]["name"] != c.meifa.Name {
		t.Errorf("merchants by USCC: %v %v", ms, err)
	}
	var as []map[string]any
	if err := json.Unmarshal([]byte(b.get("/suggest/areas?q="+url.QueryEscape("西湖")).body), &as); err != nil || len(as) != 1 || as[0]["label"] != "瑞昌市 › 湓城街道 › 西湖社区" {
		t.Errorf("areas: %v %v", as, err)
	}
	if r := b.get("/suggest/areas?q="); r.body != "[]\n" {
		t.Errorf("empty query: %q", r.body)
	}
	if r := c.as(t, "haoyouduo").get("/suggest/merchants?q=a"); r.status != 403 {
		t.Errorf("merchant user: %d", r.status)
	}
}
