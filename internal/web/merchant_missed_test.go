package web_test

import (
	"context"
	"strings"
	"testing"

	"weiquan/internal/casework"
)

// TestMissedAnswerOnTheMerchantPage_C12: the merchant's record on its credit page counts the
// complaints whose answer deadline passed unanswered (issue 9 item 8); a merchant with an
// accepted complaint it has not answered reads 0% answered online and no hours (the page
// answered 500 for it: the rate is 0, the mean hours absent).
func TestMissedAnswerOnTheMerchantPage_C12(t *testing.T) {
	c := fixture(t)
	ms := c.intake(t, c.operator, complaintIn(c)) // against 好又多, a merchant of the registry
	c.act(t, c.operator, ms[0].Number, casework.Accept, casework.ActionInput{})
	sup := c.as(t, "fuzeren")
	page := "/merchants/" + itoa(c.haoyouduo.ID) + "/credit"
	if r := sup.get(page); r.status != 200 || between(r.body, `id="record-missed-answers">`, "<") != "0" {
		t.Fatalf("missed answers before the deadline: %d %.3000s", r.status, r.body)
	}
	if _, err := c.svc.Scan(context.Background(), c.now.AddDate(0, 0, 30)); err != nil {
		t.Fatal(err)
	}
	body := sup.get(page).body
	if got := between(body, `id="record-missed-answers">`, "<"); got != "1" || !strings.Contains(body, "逾期未答复的投诉") {
		t.Fatalf("missed answers after the deadline: %q", got)
	}
	if a, h := between(body, `id="record-answered">`, "<"), between(body, `id="record-answer-hours">`, "<"); a != "0 · 0.0%" || h != "—" {
		t.Errorf("answered online %q, hours %q", a, h)
	}
}
