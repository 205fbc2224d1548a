package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
)

// TestSupervisionDeskInTheBrowser_C10: the supervisor publishes a draw and draws it from the
// desk, sees a questionnaire's results, and records a lab result; the desk and the results
// pass axe-core's WCAG 2.1 AA rules on a desktop, and the desk reads on a phone.
func TestSupervisionDeskInTheBrowser_C10(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	c.svc.Now = time.Now
	ctx := context.Background()
	sup := auth.As(&c.supervisor)
	q := supervise.Questionnaire{Title: "投诉处理满意度回访", Questions: []supervise.Question{
		{Text: "您对处理结果是否满意？", Kind: supervise.Rating, Required: true},
		{Text: "处理是否及时？", Kind: supervise.Choice, Options: []string{"及时", "一般", "不及时"}},
		{Text: "意见建议", Kind: supervise.Text}}}
	if err := c.svc.SaveQuestionnaire(ctx, sup, &q); err != nil {
		t.Fatal(err)
	}
	links, _ := c.svc.QuestionnaireLinks(ctx, sup, q.ID, 3, nil)
	for i, l := range links {
		if err := c.svc.AnswerSurvey(ctx, auth.Anonymous(""), l.Token, []supervise.Answer{{Given: true, Rating: 5 - i}, {Given: true, Option: i}, {Given: i == 0, Text: "很好"}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"周建平", "刘芳"} {
		if err := c.svc.SaveInspector(ctx, sup, &store.Inspector{Name: n, Unit: "瑞昌市市场监督管理局"}); err != nil {
			t.Fatal(err)
		}
	}
	sm := supervise.Sample{Product: "纯牛奶", MerchantID: &c.haoyouduo.ID, SampledOn: time.Now().AddDate(0, 0, -3).Format("2006-01-02"), Lab: "九江市检验检测认证中心"}
	if err := c.svc.RecordSample(ctx, auth.As(&c.operator), &sm); err != nil {
		t.Fatal(err)
	}

	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open("/supervision", 200)
	b.axe(script, "/supervision")
	b.typeIn("#f-draw-title", "第二季度双随机抽查")
	b.typeIn("#f-merchants", "2")
	b.typeIn("#f-inspectors-per", "1")
	b.typeIn("#f-recent-days", "180")
	b.submit("#draw-publish", 200)
	if s := b.text("#draw-list"); !strings.Contains(s, "已公布种子") {
		t.Fatalf("published draw: %q", s)
	}
	b.submit("#draw-list button[type=submit]", 200)
	if s := b.text("#draw-list"); !strings.Contains(s, "抽中 2 家") {
		t.Fatalf("drawn: %q", s)
	}
	b.typeIn(fmt.Sprintf("#rn-%d", sm.ID), "JJ2026-061")
	b.eval(fmt.Sprintf(`document.querySelector("#ro-%d").value = %q; ""`, sm.ID, time.Now().Format("2006-01-02")))
	b.submit(fmt.Sprintf("form[action$='/samples/%d/result'] button", sm.ID), 200)
	b.submit(fmt.Sprintf("#publish-%d", sm.ID), 200)
	if s := b.text("#sample-list"); !strings.Contains(s, "已公布") {
		t.Fatalf("published sample: %q", s)
	}
	b.shot("64-supervision-desk")
	b.open(fmt.Sprintf("/supervision/questionnaires/%d", q.ID), 200)
	b.axe(script, "questionnaire results")
	if s := b.text("#rating-0"); !strings.Contains(s, "4.0") || !strings.Contains(s, "66.7%") {
		t.Fatalf("results: %q", s)
	}
	b.shot("65-questionnaire-results")
	ph := c.tab(t, root, 390, 844, true)
	ph.signIn("zuoxi")
	ph.open("/supervision", 200)
	ph.axe(script, "phone /supervision")
}
