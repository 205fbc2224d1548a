package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
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

	op := c.tab(t, root, 1366, 900, false)
	op.signIn("zuoxi")
	op.open("/matters/"+numbers[11], 200)
	if s := op.text("#matter-collective"); !strings.Contains(s, "已确认") || !strings.Contains(s, "12") {
		t.Fatalf("the member's case page: %q", s)
	}
	op.shot("63-collective-member")
}
