package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// creditOffice puts on record what the staff pages of issue 11 show: three complaints from one
// phone under three names, each buying 200 bottles of milk (flags (a), (b) and (c) of R-L9), which
// detection proposes as one collective case; a merchant listed as unreachable; an honour. It
// returns the pages to look at, signed in as the supervisor.
func creditOffice(t *testing.T, c *county) (pages []string, flagged casework.Matter) {
	t.Helper()
	ctx := context.Background()
	set := service.DefaultCreditSettings()
	set.Collective.MinMatters, set.Collective.MinSimilarity = 3, 0.12
	if _, err := c.svc.SaveCreditSettings(ctx, &c.admin, set); err != nil {
		t.Fatal(err)
	}
	var ms []casework.Matter
	for _, name := range []string{"甲", "乙", "丙"} {
		ms = append(ms, c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &c.xihu.ID,
			Consumer:   casework.Party{Name: "顾客" + name, Phone: "13700000000", Address: "西湖社区1栋"},
			MerchantID: &c.haoyouduo.ID, Facts: "一次购买过期牛奶200瓶，要求十倍赔偿", Request: "十倍赔偿"})[0])
	}
	cases, err := c.svc.CollectiveCases(ctx, auth.As(&c.supervisor), service.CollectiveQuery{})
	if err != nil || len(cases) != 1 {
		t.Fatalf("collective cases %v %v", cases, err)
	}
	l, err := c.svc.OpenListing(ctx, auth.As(&c.supervisor), c.meifa.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []service.ListingStep{{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}},
		{Action: "refer"}, {Action: "list", Reason: credit.AddressUnreachable, Ref: "瑞市监异字〔2026〕3号"}} {
		if l, err = c.svc.StepListing(ctx, auth.As(&c.supervisor), l.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	// An individual business marked, with an objection awaiting acceptance (R-L37).
	small := merchant.Merchant{Name: "李记早点", Type: merchant.Individual, Address: "湓城街道人民路 5 号", AreaID: &c.pencheng.ID}
	if err := c.svc.SaveMerchant(ctx, &small); err != nil {
		t.Fatal(err)
	}
	ls, err := c.svc.OpenListing(ctx, auth.As(&c.supervisor), small.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []service.ListingStep{{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}},
		{Action: "refer"}, {Action: "list", Reason: credit.AddressUnreachable, Ref: "标字2号"}, {Action: "object", Text: "已恢复经营"}} {
		if ls, err = c.svc.StepListing(ctx, auth.As(&c.supervisor), ls.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.svc.GrantHonour(ctx, auth.As(&c.supervisor), credit.Honour{MerchantID: c.haoyouduo.ID, Title: credit.DemoStore, Criteria: "明码标价，先行赔付",
		DocumentRef: "瑞消委〔2026〕1号", From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2026, Month: 12, Day: 31}}); err != nil {
		t.Fatal(err)
	}
	return []string{"/matters/" + ms[2].Number, "/collective", fmt.Sprintf("/collective/%d", cases[0].ID), "/credit/listings",
		fmt.Sprintf("/credit/listings/%d", l.ID), fmt.Sprintf("/credit/listings/%d", ls.ID), "/credit/honours", fmt.Sprintf("/merchants/%d/credit", c.haoyouduo.ID)}, ms[2]
}

// TestClaimantFlagsOnTheCasePage_R_L9: staff see the three patterns on the case page with the
// case numbers behind them and the words that they are advice only; the merchant's view of the
// same complaint shows none of it; every staff page of issue 11 renders.
func TestClaimantFlagsOnTheCasePage_R_L9(t *testing.T) {
	c := fixture(t)
	pages, m := creditOffice(t, c)
	sup := c.as(t, "fuzeren")
	r := sup.get("/matters/" + m.Number)
	if r.status != 200 {
		t.Fatalf("case page %d", r.status)
	}
	i := strings.Index(r.body, `id="claimant-flags"`)
	if i < 0 {
		t.Fatalf("no flags on the case page: %.2000s", r.body)
	}
	box := r.body[i:]
	box = box[:strings.Index(box, "</div>")]
	for _, want := range []string{"仅供参考（R-L9）", "同一电话号码关联 3 名不同投诉人", "同一投诉人对同一被投诉人投诉 3 件", "购买“牛奶”数量 200", "flag-shared_contact", "flag-repeated", "flag-quantity"} {
		if !strings.Contains(box, want) {
			t.Errorf("the flags lack %q: %s", want, box)
		}
	}
	others := 0
	for _, p := range pages {
		if strings.HasPrefix(p, "/matters/") {
			continue
		}
		if res := sup.get(p); res.status != 200 {
			t.Errorf("%s: %d", p, res.status)
		}
	}
	ms, _, _ := c.st.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Limit: 50})
	for _, o := range ms {
		if o.Number != m.Number && strings.Contains(box, o.Number) {
			others++
		}
	}
	if others != 2 {
		t.Errorf("the evidence names %d of the other two complaints: %s", others, box)
	}
	mer := c.as(t, "haoyouduo")
	if r := mer.get("/matters/" + m.Number); r.status == 200 && (strings.Contains(r.body, "claimant-flags") || strings.Contains(r.body, "可疑投诉人")) {
		t.Fatal("the merchant sees the suspicious-claimant flags")
	}
}

// TestAccessibilityCreditPages_WCAG21AA: the staff pages of issue 11 — the case page with its
// flags and collective case, the collective list and proposal, the listings and a procedure,
// the honours, a merchant's credit record — and the credit, mediation and calendar settings
// pass axe-core's WCAG 2.1 AA rules.
func TestAccessibilityCreditPages_WCAG21AA(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	pages, _ := creditOffice(t, c)
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	for _, p := range pages {
		b.open(p, 200)
		b.axe(script, p)
	}
	a := c.tab(t, root, 1366, 900, false)
	a.signIn("admin")
	for _, p := range []string{"/admin/settings/credit", "/admin/settings/mediation", "/admin/calendar"} {
		a.open(p, 200)
		a.axe(script, p)
	}
}

// TestObjectionAcceptedOnTheListingPage_R_L37: the page of an individual business's procedure
// shows an objection's acceptance deadline and lets a supervisor accept it, which shows the
// verification deadline; an operator sees no button and is refused.
func TestObjectionAcceptedOnTheListingPage_R_L37(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	shop := merchant.Merchant{Name: "张记小吃", Type: merchant.Individual, Address: "湓城街道人民路 3 号", AreaID: &c.pencheng.ID}
	if err := c.svc.SaveMerchant(ctx, &shop); err != nil {
		t.Fatal(err)
	}
	l, err := c.svc.OpenListing(ctx, auth.As(&c.supervisor), shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []service.ListingStep{{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}},
		{Action: "refer"}, {Action: "list", Reason: credit.AddressUnreachable, Ref: "标字1号"}, {Action: "object", Text: "已恢复经营"}} {
		if l, err = c.svc.StepListing(ctx, auth.As(&c.supervisor), l.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("/credit/listings/%d", l.ID)
	op := c.as(t, "zuoxi")
	if r := op.get(path); r.status != 200 || !strings.Contains(r.body, "前决定是否受理（5 个工作日）") || strings.Contains(r.body, "accept-objection-0") {
		t.Fatalf("the operator's page: %d", r.status)
	}
	if r := op.post(path+"/accept_objection", url.Values{"objection": {"0"}}); r.status != 403 {
		t.Fatalf("an operator accepted: %d", r.status)
	}
	sup := c.as(t, "fuzeren")
	if r := sup.get(path); !strings.Contains(r.body, `id="accept-objection-0"`) {
		t.Fatal("no button to accept the objection")
	}
	if r := sup.post(path+"/accept_objection", url.Values{"objection": {"0"}}); r.status != 303 {
		t.Fatalf("accept: %d %.500s", r.status, r.body)
	}
	if r := sup.get(path); !strings.Contains(r.body, "前核实完毕（20 个工作日）") || strings.Contains(r.body, "accept-objection-0") {
		t.Fatal("the verification deadline is not shown")
	}
}
