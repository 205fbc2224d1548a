package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

// TestMediationPanelForms_R_L4_R_L8_R_L14_R_L16_R_L17_R_L46_R_L47 walks the case page's forms
// around mediation: the facts and their helpers (the three-year suggestion, the return window,
// the prepaid card), testing from acceptance with the clock stopped, delegation with both
// consents and never twice, a recusal that suspends the complaint until a head decides, and the
// agent with the power of attorney's elements. Bad input is 422 or 409 with the field's error.
func TestMediationPanelForms_R_L4_R_L8_R_L14_R_L16_R_L17_R_L46_R_L47(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	m := "/matters/" + city.Number
	op, sup, med := c.as(t, "zuoxi"), c.as(t, "fuzeren"), c.as(t, "tiaojie1")
	today := calendar.DateOf(c.svc.Now())
	day := func(n int) string { return today.AddDays(n).String() }
	facts := url.Values{"known_on": {today.AddDays(-4 * 365).String()},
		"purchase.received_on": {day(-3)}, "purchase.distance": {"1"},
		"prepaid.paid_on": {day(-5)}, "prepaid.paid": {"3680"}, "prepaid.consumed": {"680"}, "prepaid.requested_on": {day(-1)},
		"prepaid.fault": {"business"}, "prepaid.closing_or_moving": {"1"}}
	future := url.Values{"known_on": {day(3)}}
	decision := func() string { // the id of the pending recusal, read from the page
		page := sup.get(m).body
		i := strings.Index(page, m+"/recusals/")
		if i < 0 {
			t.Fatalf("no recusal to decide on the page")
		}
		rest := page[i+len(m+"/recusals/"):]
		return rest[:strings.Index(rest, "/")]
	}
	for _, sc := range []struct {
		name   string
		b      *client
		path   func() string
		form   url.Values
		status int
		want   []string
	}{
		{"facts known in the future (R-L8)", op, fixed("/facts"), future, 422, []string{`id="f-known-on-err"`}},
		{"the facts", op, fixed("/facts"), facts, 303, nil},
		{"accept", op, fixed("/actions/accept"), nil, 303, nil},
		{"testing without the costs agreed (R-L17)", med, fixed("/appraisals"), url.Values{"agency": {"县产品质量检验所"}, "chosen_by": {"parties"}, "payer": {"respondent"}}, 422, []string{`id="f-cost-agreed-err"`}},
		{"an operator may not start testing", op, fixed("/appraisals"), url.Values{"agency": {"x"}}, 403, nil},
		{"testing from acceptance (R-L17)", med, fixed("/appraisals"), url.Values{"agency": {"县产品质量检验所"}, "chosen_by": {"parties"}, "payer": {"respondent"}, "cost": {"300"}, "cost_agreed": {"1"}}, 303, nil},
		{"the test's result", med, func() string { return "/appraisals/" + c.runningAppraisal(t, city.Number) + "/end" }, url.Values{"result": {"跑步机电机不合格"}}, 303, nil},
		{"delegation without consents (R-L14)", med, fixed("/delegation"), url.Values{"kind": {"consumer_association"}, "delegate": {"县消费者协会"}}, 422, []string{`id="f-consent-complainant-err"`}},
		{"the consumer consents to delegation", op, fixed("/consents"), url.Values{"purpose": {"delegation"}, "side": {"complainant"}, "method": {"phone"}, "said": {"同意委托消协调解"}}, 303, nil},
		{"the merchant consents to delegation", op, fixed("/consents"), url.Values{"purpose": {"delegation"}, "side": {"respondent"}, "method": {"phone"}, "said": {"同意"}}, 303, nil},
		{"delegation (R-L14)", med, fixed("/delegation"), url.Values{"kind": {"consumer_association"}, "delegate": {"县消费者协会"}}, 303, nil},
		{"no re-delegation (R-L14)", med, fixed("/delegation"), url.Values{"kind": {"mediation_org"}, "delegate": {"某调解中心"}}, 422, nil},
		{"recusal before mediating (R-L16)", med, fixed("/recusals"), url.Values{"side": {"respondent"}, "mediator_id": {itoa(c.mediatorPC.ID)}, "grounds": {"相识"}}, 409, nil},
		{"the agent without a power of attorney (R-L4)", op, fixed("/agent"), url.Values{"agent_name": {"王大明"}, "agent_id_type": {"resident_id"}, "agent_id_number": {"11010519491231002X"}}, 422, []string{`id="f-poa-ref-err"`, `id="f-poa-principal-signed-err"`}},
	} {
		p := m + sc.path()
		r := sc.b.post(p, sc.form)
		if r.status != sc.status {
			t.Fatalf("%s: status %d, want %d\n%.1500s", sc.name, r.status, sc.status, r.body)
		}
		for _, w := range sc.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("%s: page lacks %q", sc.name, w)
			}
		}
	}
	page := op.get(m).body
	seen := map[string]bool{}
	for _, id := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if seen[id[1]] {
			t.Errorf("the case page has id %q twice", id[1])
		}
		seen[id[1]] = true
	}
	for _, want := range []string{`id="limitation"`, "R16-4", `id="returns"`, "CRPL Art.25", "期限内", `id="prepaid-balance"`, "¥3,000.00",
		"可退还本金", "一年期贷款市场报价利率", "应通知所有持卡人", "县产品质量检验所", "跑步机电机不合格", "县消费者协会", "不得再委托"} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %q", want)
		}
	}

	// R-L14 online: a one-time code by SMS through the outbox, read back; a wrong one counts an attempt.
	if r := op.post(m+"/consents/code", url.Values{"side": {"complainant"}, "purpose": {"mediation"}}); r.status != 303 {
		t.Fatalf("send a code: %d %.800s", r.status, r.body)
	}
	msgs, _ := c.st.MatterMessages(context.Background(), city.ID)
	code := ""
	for _, msg := range msgs {
		if msg.Kind == "consent_code" {
			code = strings.TrimPrefix(regexp.MustCompile(`验证码为 \d{6}`).FindString(msg.Body), "验证码为 ")
		}
	}
	f, _ := c.svc.Mediation(context.Background(), auth.As(&c.supervisor), city.Number)
	if code == "" || len(f.Codes) != 1 {
		t.Fatalf("code %q, open codes %+v", code, f.Codes)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	path := m + "/consents/code/" + itoa(f.Codes[0].ID)
	if r := op.post(path, url.Values{"code": {wrong}}); r.status != 422 || !strings.Contains(r.body, `id="f-code-err"`) {
		t.Fatalf("a wrong code: %d", r.status)
	}
	if r := op.post(path, url.Values{"code": {code}}); r.status != 303 {
		t.Fatalf("the right code: %d %.800s", r.status, r.body)
	}
	if f, _ = c.svc.Mediation(context.Background(), auth.As(&c.supervisor), city.Number); len(f.Codes) != 0 || len(f.Consents) != 3 {
		t.Fatalf("after the code: open %+v, consents %+v", f.Codes, f.Consents)
	}
	c.consentBoth(t, city.Number)
	c.act(t, c.mediatorPC, city.Number, casework.StartMediation, casework.ActionInput{})
	if r := med.post(m+"/recusals", url.Values{"side": {"respondent"}, "mediator_id": {itoa(c.mediatorPC.ID)}, "grounds": {"调解员与投诉人相识"}}); r.status != 303 {
		t.Fatalf("recusal: %d %.800s", r.status, r.body)
	}
	if got := c.matter(t, city.Number); got.State != casework.Suspended {
		t.Fatalf("after the recusal: %s, want suspended", got.State)
	}
	id := decision()
	if r := med.post(m+"/recusals/"+id+"/decision", url.Values{"upheld": {"0"}, "decision": {"不成立"}}); r.status != 403 {
		t.Fatalf("a mediator decides: %d", r.status)
	}
	if r := sup.post(m+"/recusals/"+id+"/decision", url.Values{"upheld": {"0"}, "decision": {"申请理由不成立"}}); r.status != 303 {
		t.Fatalf("decision: %d %.800s", r.status, r.body)
	}
	if got := c.matter(t, city.Number); got.State != casework.Mediating {
		t.Fatalf("after the decision: %s, want mediating", got.State)
	}
	if page := med.get(m).body; !strings.Contains(between(page, `id="cost-fail-form"`, "</form>"), `name="reason_code" value="T4"`) {
		t.Error("no T4 termination offered beside testing while mediating (R-L17)")
	}
	if page := sup.get(m).body; !strings.Contains(page, "申请理由不成立") {
		t.Error("the decision is not on the page")
	}

	// The agent with a power of attorney whose scan is on file (R-L4).
	if r := upload(t, op, m+"/attachments", "授权委托书.png", pngBytes); r.status != 303 {
		t.Fatalf("upload: %d", r.status)
	}
	atts, _ := c.st.Attachments(context.Background(), city.ID)
	agent := url.Values{"agent_name": {"王大明"}, "agent_id_type": {"resident_id"}, "agent_id_number": {"11010519491231002X"},
		"poa_ref": {"委托书第17号"}, "poa_attachment_id": {itoa(atts[len(atts)-1].ID)}, "poa_scope": {"代为参加调解、签收文书"},
		"poa_authority": {"special"}, "poa_term_from": {day(-1)}, "poa_principal_signed": {"1"}, "poa_original_received": {"1"}, "agent_relation": {"兄弟"}}
	if r := op.post(m+"/agent", agent); r.status != 303 {
		t.Fatalf("agent: %d %.800s", r.status, r.body)
	}
	if got := between(sup.get(m).body, `id="agent"`, "</p>"); !strings.Contains(got, "王大明") || !strings.Contains(got, "委托书第17号") || !strings.Contains(got, "特别授权") {
		t.Errorf("the agent on the page: %q", got)
	}
}

func fixed(s string) func() string { return func() string { return s } }

// runningAppraisal is the id of the test under way on a matter.
func (c *county) runningAppraisal(t *testing.T, number string) string {
	t.Helper()
	f, err := c.svc.Mediation(context.Background(), auth.As(&c.supervisor), number)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range f.Appraisals {
		if a.EndedAt == nil {
			return itoa(a.ID)
		}
	}
	t.Fatal("no test under way")
	return ""
}

// TestMediationSettingsForm: the admin sets the issuing body and the mediation settings on one
// form, so documents stop showing the placeholder name; a bad field writes nothing.
func TestMediationSettingsForm(t *testing.T) {
	c := fixture(t)
	admin := c.as(t, "admin")
	if r := admin.get("/admin/settings/mediation"); r.status != 200 || !strings.Contains(r.body, `id="placeholder"`) {
		t.Fatalf("the form with the placeholder warning: %d", r.status)
	}
	good := url.Values{"name": {"瑞昌市市场监督管理局"}, "unit": {"瑞昌市消费者权益保护委员会"}, "seal_text": {"瑞昌市市场监督管理局"},
		"address": {"瑞昌市湓城街道人民路1号"}, "phone": {"0792-4221234"},
		"session_notice_lead_days": {"2"}, "callback_every": {"1"}, "consent_code_minutes": {"30"}, "fulfilment_remind_days": {"1"}}
	bad := url.Values{}
	for k, v := range good {
		bad[k] = v
	}
	bad.Set("seal_text", " ")
	bad.Set("session_notice_lead_days", "0")
	r := admin.post("/admin/settings/mediation", bad)
	if r.status != 422 || !strings.Contains(r.body, `id="f-seal-text-err"`) || !strings.Contains(r.body, `id="f-session-notice-lead-days-err"`) {
		t.Fatalf("bad settings: %d %.600s", r.status, r.body)
	}
	if set, _ := c.svc.Settings(context.Background(), auth.As(&c.supervisor)); set.Office.Name == "瑞昌市市场监督管理局" || set.Mediation.NoticeLeadDays == 0 {
		t.Fatalf("a refused form wrote: %+v", set)
	}
	if r := c.as(t, "fuzeren").post("/admin/settings/mediation", good); r.status != 403 {
		t.Errorf("a supervisor saves: %d", r.status)
	}
	if r := admin.post("/admin/settings/mediation", good); r.status != 303 {
		t.Fatalf("save: %d %.600s", r.status, r.body)
	}
	set, _ := c.svc.Settings(context.Background(), auth.As(&c.supervisor))
	if set.Office.Name != "瑞昌市市场监督管理局" || set.Office.Unit != "瑞昌市消费者权益保护委员会" || set.Mediation.NoticeLeadDays != 2 {
		t.Fatalf("saved: %+v", set)
	}
	if r := admin.get("/admin/settings/mediation?saved=1"); strings.Contains(r.body, `id="placeholder"`) || !strings.Contains(r.body, `id="saved"`) {
		t.Error("after saving: the placeholder warning stays or no confirmation")
	}
}
