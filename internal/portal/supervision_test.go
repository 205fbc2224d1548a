package portal_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// TestSupervisionPages_C10: a consumer answers a questionnaire through its link with no
// sign-in — a bad answer comes back with its error, the link then answers once and a second
// time is refused; the published draw shows its seed and result and its file verifies; a
// published sampling result is public, a pending one is not.
func TestSupervisionPages_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		ctx := context.Background()
		head := auth.User{Username: "head", DisplayName: "主管", Role: auth.Supervisor, Lang: "zh-CN", Active: true}
		if err := x.svc.CreateUser(ctx, &head, "correct-horse-9"); err != nil {
			t.Fatal(err)
		}
		q := supervise.Questionnaire{Title: "投诉处理满意度回访", Questions: []supervise.Question{
			{Text: "您对处理结果是否满意？", Kind: supervise.Rating, Required: true},
			{Text: "意见建议", Kind: supervise.Text}}}
		if err := x.svc.SaveQuestionnaire(ctx, auth.As(&head), &q); err != nil {
			t.Fatal(err)
		}
		links, err := x.svc.QuestionnaireLinks(ctx, auth.As(&head), q.ID, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := newClient()
		if a := x.get(t, c, links[0].Path); a.status != 200 || !strings.Contains(a.body, "您对处理结果是否满意") {
			t.Fatalf("survey page %d", a.status)
		}
		if a := x.post(t, c, links[0].Path, url.Values{"q1": {"很好"}}); a.status != 422 || !strings.Contains(a.body, "很好") {
			t.Fatalf("without the required rating: %d", a.status)
		}
		if a := x.post(t, c, links[0].Path, url.Values{"q0": {"5"}, "q1": {"处理及时"}}); a.status != 200 || !strings.Contains(a.body, "survey-done") {
			t.Fatalf("answer: %d", a.status)
		}
		if a := x.post(t, c, links[0].Path, url.Values{"q0": {"1"}}); a.status != 409 || !strings.Contains(a.body, "survey-used") {
			t.Fatalf("a second answer: %d", a.status)
		}
		if a := x.get(t, c, "/portal/survey/0123456789abcdef"); a.status != 404 {
			t.Fatalf("a made-up link: %d", a.status)
		}
		more, _ := x.svc.QuestionnaireLinks(ctx, auth.As(&head), q.ID, 1, nil)
		if err := x.svc.CloseQuestionnaire(ctx, auth.As(&head), q.ID, false); err != nil {
			t.Fatal(err)
		}
		if a := x.post(t, c, more[0].Path, url.Values{"q0": {"5"}}); a.status != 409 || !strings.Contains(a.body, "问卷已结束") {
			t.Fatalf("an answer to a closed questionnaire: %d", a.status)
		}
		_, res, _ := x.svc.QuestionnaireResults(ctx, auth.As(&head), q.ID)
		if res[0].Answered != 1 || res[0].Counts[4] != 1 || len(res[1].Texts) != 1 {
			t.Fatalf("results %+v", res)
		}

		for i := 0; i < 3; i++ {
			m := merchant.Merchant{Name: fmt.Sprintf("商户%d", i+1), Type: merchant.Individual, Address: "码头街"}
			if err := x.svc.SaveMerchant(ctx, &m); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range []string{"执法甲", "执法乙"} {
			if err := x.svc.SaveInspector(ctx, auth.As(&head), &store.Inspector{Name: n}); err != nil {
				t.Fatal(err)
			}
		}
		d, err := x.svc.PublishDraw(ctx, auth.As(&head), service.DrawRequest{Title: "抽查", RecentDays: 90, Merchants: 2, InspectorsPer: 1})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/portal/draws/%d", d.ID)
		if a := x.get(t, c, path); a.status != 200 || !strings.Contains(a.body, d.Seed) || strings.Contains(a.body, "draw-result") {
			t.Fatalf("the published draw before drawing: %d", a.status)
		}
		if d, err = x.svc.RunDraw(ctx, auth.As(&head), d.ID); err != nil {
			t.Fatal(err)
		}
		if a := x.get(t, c, path); !strings.Contains(a.body, "draw-result") || !strings.Contains(a.body, "执法") {
			t.Fatal("the drawn list is not shown")
		}
		a := x.get(t, c, path+"/draw.json")
		var pub supervise.Published
		if err := json.Unmarshal([]byte(a.body), &pub); err != nil {
			t.Fatal(err)
		}
		if got, err := supervise.Verify(pub); err != nil || fmt.Sprint(got) != fmt.Sprint(d.Result) {
			t.Fatalf("the published file does not verify: %v", err)
		}
		if a := x.get(t, c, "/portal/draws"); !strings.Contains(a.body, path) {
			t.Fatal("the draw is not listed")
		}

		sm := supervise.Sample{Product: "纯牛奶", MerchantName: "商户1", SampledOn: "2026-05-01", Lab: "九江市检验检测中心"}
		if err := x.svc.RecordSample(ctx, auth.As(&head), &sm); err != nil {
			t.Fatal(err)
		}
		if a := x.get(t, c, "/portal/sampling"); strings.Contains(a.body, "纯牛奶") {
			t.Fatal("a pending sample is public")
		}
		if _, err := x.svc.SampleResult(ctx, auth.As(&head), sm.ID, "pass", "JJ-1", "2026-05-05", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.SampleResult(ctx, auth.As(&head), sm.ID, "publish", "", "", ""); err != nil {
			t.Fatal(err)
		}
		if a := x.get(t, c, "/portal/sampling"); !strings.Contains(a.body, "纯牛奶") || !strings.Contains(a.body, "合格") {
			t.Fatal("the published result is not shown")
		}
	})
}
