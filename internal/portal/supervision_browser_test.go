package portal_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// TestSurveyOnAPhone_C10: a consumer opens the questionnaire's link on a phone with no
// sign-in, sends it without the required rating and is told which, answers, and is thanked;
// the link then says it was answered. The published draw and the sampling results read on the
// phone too. Every page passes axe-core's WCAG 2.1 AA rules.
func TestSurveyOnAPhone_C10(t *testing.T) {
	root := startBrowser(t)
	axe := axeScript(t)
	x := newSite(t, testdb.SQLite(t))
	x.svc.Now = time.Now
	ctx := context.Background()
	head := auth.User{Username: "head", DisplayName: "主管", Role: auth.Supervisor, Lang: "zh-CN", Active: true}
	if err := x.svc.CreateUser(ctx, &head, "correct-horse-9"); err != nil {
		t.Fatal(err)
	}
	q := supervise.Questionnaire{Title: "投诉处理满意度回访", Intro: "本问卷匿名，约需一分钟。", Questions: []supervise.Question{
		{Text: "您对处理结果是否满意？", Kind: supervise.Rating, Required: true},
		{Text: "处理是否及时？", Kind: supervise.Choice, Options: []string{"及时", "一般", "不及时"}},
		{Text: "您的意见和建议", Kind: supervise.Text}}}
	if err := x.svc.SaveQuestionnaire(ctx, auth.As(&head), &q); err != nil {
		t.Fatal(err)
	}
	links, err := x.svc.QuestionnaireLinks(ctx, auth.As(&head), q.ID, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := phone(t, root, x.srv.URL, axe)
	b.open(links[0].Path, 200)
	b.check("survey")
	b.submit("#survey-submit", 422)
	if e := b.text("#f-q0"); !strings.Contains(e, "满意") {
		t.Fatalf("the missing rating is not named: %q", e)
	}
	b.check("survey with its error")
	b.do(chromedp.Click(chromedp.CSS(`#f-q0 input[value="4"]`)), chromedp.Click(chromedp.CSS(`#f-q1 input[value="0"]`)))
	b.typeIn("#t-q2", "调解员很耐心")
	b.submit("#survey-submit", 200)
	if s := b.text("#survey-done"); !strings.Contains(s, "感谢") {
		t.Fatalf("no thanks: %q", s)
	}
	b.shot("70-survey-done")
	b.open(links[0].Path, 200)
	if s := b.text("#survey-used"); !strings.Contains(s, "一次") {
		t.Fatalf("the used link: %q", s)
	}
	_, res, _ := x.svc.QuestionnaireResults(ctx, auth.As(&head), q.ID)
	if res[0].Counts[3] != 1 || res[1].Counts[0] != 1 || res[2].Texts[0] != "调解员很耐心" {
		t.Fatalf("results %+v", res)
	}

	for i := 0; i < 4; i++ {
		m := merchant.Merchant{Name: fmt.Sprintf("湓城商户%d", i+1), Type: merchant.Individual, Address: "码头街"}
		if err := x.svc.SaveMerchant(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"周建平", "刘芳", "黄志强"} {
		if err := x.svc.SaveInspector(ctx, auth.As(&head), &store.Inspector{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := x.svc.PublishDraw(ctx, auth.As(&head), service.DrawRequest{Title: "第二季度抽查", RecentDays: 180, Merchants: 2, InspectorsPer: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.svc.RunDraw(ctx, auth.As(&head), d.ID); err != nil {
		t.Fatal(err)
	}
	sm := supervise.Sample{Product: "电动自行车头盔", MerchantName: "湓城商户1", SampledOn: time.Now().AddDate(0, 0, -10).Format("2006-01-02"), Lab: "江西省产品质量监督检测院"}
	if err := x.svc.RecordSample(ctx, auth.As(&head), &sm); err != nil {
		t.Fatal(err)
	}
	if _, err := x.svc.SampleResult(ctx, auth.As(&head), sm.ID, "fail", "JX-1", time.Now().Format("2006-01-02"), "吸收碰撞能量不合格"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.svc.SampleResult(ctx, auth.As(&head), sm.ID, "publish", "", "", ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ path, sel, want string }{
		{"/portal/draws", "#draw-list", "第二季度抽查"},
		{fmt.Sprintf("/portal/draws/%d", d.ID), "#draw-seed", d.Seed},
		{"/portal/sampling", "#sampling-list", "吸收碰撞能量不合格"},
	} {
		b.open(p.path, 200)
		b.check(p.path)
		if s := b.text(p.sel); !strings.Contains(s, p.want) {
			t.Fatalf("%s: %q lacks %q", p.path, s, p.want)
		}
	}
	b.shot("71-sampling")
}
