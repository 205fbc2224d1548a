package web_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// TestJourneyCollectivePrepaid: twelve prepaid-card complaints against one gym arrive over
// the hotline; intake proposes one collective case with its evidence and tells the
// supervisor, who finds it, is refused a rejection without a reason, and confirms it; every
// member's case page then shows the confirmed case.
func TestJourneyCollectivePrepaid(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Now = time.Now
	gym := merchant.Merchant{Name: "瑞昌市力美健身俱乐部", Type: merchant.Individual, Address: "湓城街道滨江路 18 号", AreaID: &c.pencheng.ID}
	if err := c.svc.SaveMerchant(t.Context(), &gym); err != nil {
		t.Fatal(err)
	}
	facts := []string{
		"在力美健身办理年卡预付3680元，健身房突然停业关门，剩余费用无法退还。",
		"私教课预付了6000元，健身房停业关门，老板电话打不通，要求退还预付卡余额。",
		"力美健身突然关门停业，预付的两年卡无法退费。",
		"办理的年卡预付卡共2400元，健身房停业关门，要求退还剩余费用。",
		"健身房突然停业，预付卡余额无法退还。",
		"力美健身停业关门跑路，预付年卡3000元退不回来。",
		"健身房关门停业，预付卡还有大半年没用，要求退还余额。",
		"在力美健身预付游泳和健身卡2800元，健身房停业，要求退费。",
		"健身房突然关门，预付的私教课费用无法退还。",
		"力美健身停业，年卡预付款退不了，要求退还剩余预付费用。",
		"健身房停业关门，会员预付卡余额1900元无法退还。",
		"预付的健身年卡还剩8个月，健身房突然停业关门，要求退款。",
	}
	var numbers []string
	for i, f := range facts {
		ms := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
			Consumer:   casework.Party{Name: fmt.Sprintf("会员%d", i+1), Phone: fmt.Sprintf("139%08d", 10000+i), Address: "湓城街道西湖社区"},
			MerchantID: &gym.ID, AreaID: &c.xihu.ID, Facts: f, Request: "退还预付卡余额", AmountInDispute: money.Fen(2000_00 + i*100_00)})
		numbers = append(numbers, ms[0].Number)
	}

	sup := c.tab(t, root, 1366, 900, false)
	sup.signIn("fuzeren")
	sup.open("/alerts", 200)
	if a := sup.text("main"); !strings.Contains(a, "建议合并为群体投诉") {
		t.Fatalf("the supervisor was not told of the proposal: %.400q", a)
	}
	sup.open("/collective?status=proposed", 200)
	if n := sup.eval(`String(document.querySelectorAll("#collective-list tbody tr").length)`); n != "1" {
		t.Fatalf("one proposal expected, the list has %s rows", n)
	}
	sup.shot("60-collective-list")
	sup.submit("#collective-list .collective-link", 200)
	if n := sup.text("#collective-count"); n != "12" {
		t.Fatalf("the proposal holds %s complaints, want 12", n)
	}
	if terms := sup.text("#collective-terms"); !strings.Contains(terms, "预付") && !strings.Contains(terms, "停业") {
		t.Fatalf("shared terms %q", terms)
	}
	sup.shot("61-collective-proposal")
	sup.submit("#reject", 422)
	if msg := sup.text("#error-summary"); msg == "" {
		t.Fatal("a rejection without a reason gave no error")
	}
	sup.typeIn("#f-title", "力美健身预付卡群体投诉")
	sup.submit("#confirm", 200)
	if st := sup.text("#collective-status"); !strings.Contains(st, "已确认") {
		t.Fatalf("status after confirming: %q", st)
	}
	sup.shot("62-collective-confirmed")

	// Two representatives with their written elections; then no third is offered (R-L5).
	for i := 0; i < 2; i++ {
		form := "form[action$='/members']:has(input[name=action][value=elect])"
		sup.typeIn(form+" input[name=ref]", fmt.Sprintf("推选书第%d号", i+1))
		sup.submit(form+" button", 200)
	}
	if n := sup.eval(`String(document.querySelectorAll("form[action$='/members'] input[name=action][value=elect]").length)`); n != "0" {
		t.Fatalf("a third representative is still offered: %s forms", n)
	}
	// Every member consents; until the last one does, representatives may not act.
	cs, err := c.svc.CollectiveCases(t.Context(), auth.As(&c.supervisor), service.CollectiveQuery{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("cases %v %v", cs, err)
	}
	full, _ := c.svc.CollectiveCase(t.Context(), auth.As(&c.supervisor), cs[0].ID)
	for _, m := range full.Members[:11] {
		if _, err := c.svc.JointStep(t.Context(), auth.As(&c.operator), full.ID, "consent", m.MatterID, "同意书"); err != nil {
			t.Fatal(err)
		}
	}
	sup.open(fmt.Sprintf("/collective/%d", full.ID), 200)
	if s := sup.text("#joint-state"); !strings.Contains(s, "11/12") || !strings.Contains(s, "R-L5") {
		t.Fatalf("before the last consent: %q", s)
	}
	form := "form[action$='/members']:has(input[name=action][value=consent])"
	sup.typeIn(form+" input[name=ref]", "同意书第12号")
	sup.submit(form+" button", 200)
	if s := sup.text("#joint-state"); !strings.Contains(s, "12/12") || !strings.Contains(s, "签署协议") {
		t.Fatalf("after every consent: %q", s)
	}
	sup.shot("62b-collective-joint")

	// Each member's complaint is accepted and taken into mediation with both parties' consent
	// (R-L14); then one agreement, signed by a representative, gives every member a refund.
	for _, n := range numbers {
		c.act(t, c.operator, n, casework.Accept, casework.ActionInput{})
		c.act(t, c.supervisor, n, casework.StartMediation, casework.ActionInput{})
	}
	sup.open(fmt.Sprintf("/collective/%d", full.ID), 200)
	var want money.Fen
	for i, m := range full.Members {
		amt := money.Fen(1800_00 + i*123_45 + 1) // odd fen, so the sum is checked to the fen
		want += amt
		sup.typeIn(fmt.Sprintf("#f-share-%d", m.MatterID), amt.String())
	}
	sup.submit("#joint-agree", 422) // no terms: refused, nothing written
	if n := sup.text("#tally-agreed"); n != "0" {
		t.Fatalf("a refused agreement agreed %s members", n)
	}
	for _, m := range full.Members { // the page came back with the shares typed: they stay
		if v := sup.value(fmt.Sprintf("#f-share-%d", m.MatterID)); v == "" {
			t.Fatalf("the refused form lost the share of %s", m.Number)
		}
	}
	sup.typeIn("#f-terms", "经营者于当场分别退还12名会员预付卡余额，各会员放弃其他请求。")
	sup.eval(`document.querySelector("#f-on-spot").checked = true; ""`)
	sup.submit("#joint-agree", 200)
	if got := sup.text("#tally-members") + "/" + sup.text("#tally-consumers") + "/" + sup.text("#tally-agreed"); got != "12/12/12" {
		t.Fatalf("members/consumers/agreed %s, want 12/12/12", got)
	}
	if got := sup.text("#tally-recovered"); !strings.Contains(strings.ReplaceAll(got, ",", ""), want.String()) {
		t.Fatalf("recovered %q, want %s", got, want)
	}
	sup.shot("62c-collective-agreement")
	if os.Getenv("WEIQUAN_AXE") != "" { // the case page with its joint forms and report passes WCAG 2.1 AA
		sup.axe(axeScript(t), "collective case after the joint agreement")
	}
	// The office's report counts the same money: each member's complaint carries its agreement.
	sup.open(fmt.Sprintf("/reports?period=year&year=%d", time.Now().In(calendar.Shanghai).Year()), 200)
	if got := strings.ReplaceAll(sup.text("main"), ",", ""); !strings.Contains(got, want.String()) {
		t.Fatalf("the report lacks the recovered sum %s", want)
	}
	msgs, _, _ := c.st.OutboxMessages(t.Context(), store.MessageFilter{Limit: 500})
	told := map[string]bool{}
	for _, m := range msgs {
		if m.Kind == string(casework.JointAgreement) {
			told[m.Recipient] = true
		}
	}
	if len(told) != 12 || !told["13900010011"] {
		t.Fatalf("every member told at their own phone: %v", told)
	}

	op := c.tab(t, root, 1366, 900, false)
	op.signIn("zuoxi")
	op.open("/matters/"+numbers[11], 200)
	if s := op.text("#matter-collective"); !strings.Contains(s, "已确认") || !strings.Contains(s, "12") {
		t.Fatalf("the member's case page: %q", s)
	}
	op.shot("63-collective-member")
}
