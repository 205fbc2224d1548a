package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/service"
)

// TestCourtPeriodForms_R_L33: on the court page the centre extends a delegated period only
// with every party's consent (one party ticked: 422 naming the rule, nothing written) and
// records an appraisal whose days are not counted: the period stands still while it runs.
func TestCourtPeriodForms_R_L33(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	_, judge := c.courtSide(t)
	m, _, err := c.svc.DelegateFromCourt(ctx, auth.As(&judge), service.CourtDelegationInput{Stage: court.PreFiling, CourtRef: "(2026)赣0481诉前调9号",
		Dispute: casework.IntakeInput{AreaID: &c.pencheng.ID, Consumer: casework.Party{Name: "王小明", Phone: "13800138000", Address: "湓城街道西湖路1号"},
			MerchantID: &c.haoyouduo.ID, Facts: "预付卡余额拒不退还", Request: "退还余额"}})
	if err != nil {
		t.Fatal(err)
	}
	med := c.as(t, c.mediatorPC.Username)
	page := "/matters/" + m.Number + "/court"
	if r := med.post(page+"/decision", url.Values{"decision": {"accept"}}); r.status != 303 {
		t.Fatalf("accept: %d", r.status)
	}
	r := med.get(page)
	if r.status != 200 || !strings.Contains(r.body, `id="extension-form"`) || !strings.Contains(r.body, `id="appraisal-start"`) {
		t.Fatalf("court page lacks the period forms: %d", r.status)
	}
	before, _ := c.svc.CourtDelegation(ctx, auth.As(&c.mediatorPC), m.Number)
	r = med.post(page+"/extension", url.Values{"days": {"10"}, "consents": {"王小明"}, "reason": {"双方申请"}})
	if r.status != 422 || !strings.Contains(r.body, "R-L33") {
		t.Fatalf("extension with one consent: %d", r.status)
	}
	if d, _ := c.svc.CourtDelegation(ctx, auth.As(&c.mediatorPC), m.Number); len(d.Extensions) != 0 {
		t.Fatal("an extension was written without every party's consent")
	}
	if r = med.post(page+"/extension", url.Values{"days": {"10"}, "consents": {"王小明", c.haoyouduo.Name}, "reason": {"双方申请"}}); r.status != 303 {
		t.Fatalf("extension: %d %s", r.status, r.body)
	}
	d, _ := c.svc.CourtDelegation(ctx, auth.As(&c.mediatorPC), m.Number)
	if len(d.Extensions) != 1 || d.Status.Days != before.Status.Days+10 {
		t.Fatalf("period %d days after the extension, was %d", d.Status.Days, before.Status.Days)
	}
	if r = med.post(page+"/appraisal", url.Values{"on": {dateOf(c.now).String()}, "what": {"商品质量鉴定"}}); r.status != 303 {
		t.Fatalf("appraisal: %d", r.status)
	}
	r = med.get(page)
	if d, _ = c.svc.CourtDelegation(ctx, auth.As(&c.mediatorPC), m.Number); !d.Status.Paused || !strings.Contains(r.body, `id="appraisal-end"`) {
		t.Fatalf("the period does not stand still during the appraisal: %+v", d.Status)
	}
	if r = med.post(page+"/appraisal", url.Values{"on": {dateOf(c.now).AddDays(1).String()}, "end": {"1"}}); r.status != 422 {
		t.Fatalf("an appraisal ending tomorrow: %d", r.status)
	}
	if r = med.post(page+"/appraisal", url.Values{"on": {dateOf(c.now).String()}, "end": {"1"}}); r.status != 303 {
		t.Fatalf("end of appraisal: %d", r.status)
	}
	if d, _ = c.svc.CourtDelegation(ctx, auth.As(&c.mediatorPC), m.Number); d.Status.Paused || len(d.Appraisals) != 1 {
		t.Fatalf("after the appraisal: %+v", d)
	}
}

// TestRepeatReportForm_R_L24: the page of a repeat report names the first report by the same
// reporter on the same respondent and facts, and "not handled again" closes it linked to it.
func TestRepeatReportForm_R_L24(t *testing.T) {
	c := fixture(t)
	in := casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "钱七", Phone: "13700137000"}, MerchantID: &c.haoyouduo.ID, Facts: "超市销售过期食品（牛奶）。"}
	first := c.intake(t, c.operator, in)[0]
	in.Facts = "超市 销售过期食品 牛奶"
	again := c.intake(t, c.operator, in)[0]
	op := c.as(t, c.operator.Username)
	r := op.get("/matters/" + again.Number + "/court")
	if r.status != 200 || !strings.Contains(r.body, `id="duplicate-of"`) || !strings.Contains(r.body, first.Number) {
		t.Fatalf("repeat not shown: %d", r.status)
	}
	if r = op.get("/matters/" + first.Number + "/court"); !strings.Contains(r.body, `id="duplicate-none"`) {
		t.Fatal("the first report shown as a repeat")
	}
	if r = op.post("/matters/"+again.Number+"/court/duplicate", url.Values{"into": {first.Number}}); r.status != 303 {
		t.Fatalf("not handled again: %d %s", r.status, r.body)
	}
	if m := c.matter(t, again.Number); m.Outcome != casework.OutcomeDuplicate || m.MergedInto == nil || *m.MergedInto != first.ID {
		t.Fatalf("after: %s %v", m.Outcome, m.MergedInto)
	}
}

// TestAuthorityForms_R_L12_R_L13: on the court page the operator tells the complainant the
// office has no authority, naming the competent bureau (none named: 422, nothing sent); the
// station's mediator returns a dispatched matter to the intake unit.
func TestAuthorityForms_R_L12_R_L13(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	m := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "李四", Phone: "13900139000", Address: "湓城街道八一路2号"}, MerchantID: &c.haoyouduo.ID, Facts: "装修质量问题", Request: "返工"})[0]
	op := c.as(t, c.operator.Username)
	page := "/matters/" + m.Number + "/court"
	before, _ := c.st.MatterMessages(ctx, m.ID)
	if r := op.post(page+"/no_authority", url.Values{"competent": {" "}}); r.status != 422 || !strings.Contains(r.body, "R-L12") {
		t.Fatalf("no bureau named: %d", r.status)
	}
	if r := op.post(page+"/no_authority", url.Values{"competent": {"瑞昌市住房和城乡建设局"}}); r.status != 303 {
		t.Fatalf("no-authority notice: %d", r.status)
	}
	if msgs, _ := c.st.MatterMessages(ctx, m.ID); len(msgs) != len(before)+1 || !strings.Contains(msgs[len(msgs)-1].Body, "瑞昌市住房和城乡建设局") {
		t.Fatalf("outbox %+v", msgs)
	}
	c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
	c.act(t, c.operator, m.Number, casework.Dispatch, casework.ActionInput{StationID: &c.stPencheng.ID})
	med := c.as(t, c.mediatorPC.Username)
	if r := med.get(page); !strings.Contains(r.body, `id="return-form"`) {
		t.Fatal("no return form on a dispatched matter")
	}
	if r := med.post(page+"/return", url.Values{"reason": {"装修纠纷不属本站受理范围"}}); r.status != 303 {
		t.Fatalf("return: %d", r.status)
	}
	if got := c.matter(t, m.Number); got.State != casework.Accepted || got.StationID != nil {
		t.Fatalf("returned: %s %v", got.State, got.StationID)
	}
}

// TestCourtKeyFromAdminPage: the admin makes a court system's key on the API keys page, bound
// to the court chosen; the key delegates for that court through the API.
func TestCourtKeyFromAdminPage(t *testing.T) {
	c := fixture(t)
	st, _ := c.courtSide(t)
	admin := c.as(t, c.admin.Username)
	r := admin.post("/admin/apikeys", url.Values{"name": {"法院调解平台"}, "court_station_id": {itoa(st.ID)}})
	if r.status != 201 || !strings.Contains(r.body, `id="new-key"`) {
		t.Fatalf("court key: %d", r.status)
	}
	i := strings.Index(r.body, `id="new-key">`) + len(`id="new-key">`)
	key := r.body[i : i+strings.Index(r.body[i:], "<")]
	p, err := c.svc.CourtCaller(context.Background(), key, "")
	if err != nil || p.Court != st.ID {
		t.Fatalf("the key speaks for %d (%v), want %d", p.Court, err, st.ID)
	}
	if r := admin.post("/admin/apikeys", url.Values{"name": {"x"}, "court_station_id": {"999999"}}); r.status != 422 {
		t.Fatalf("a court that is none: %d", r.status)
	}
}
