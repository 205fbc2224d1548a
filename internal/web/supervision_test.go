package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestSupervisionDesk_C10: the supervisor designs a questionnaire and hands out links, which
// show once; a draw with an empty pool is refused with the rule and nothing written; with
// merchants and inspectors the draw is published, then drawn; the operator records a visit
// and a sample, which the supervisor gives its result and publishes; the operator may not
// draw nor publish.
func TestSupervisionDesk_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		for _, sc := range []scenario{
			{name: "desk", user: "zuoxi", path: "/supervision", status: 200, contains: []string{"社会监督", `id="visit-form"`}, lacks: []string{`id="draw-form"`}},
			{name: "a questionnaire without questions", user: "fuzeren", method: "POST", path: "/supervision/questionnaires",
				form: url.Values{"title": {"回访"}}, status: 422, contains: []string{"error-summary"}},
			{name: "a questionnaire", user: "fuzeren", method: "POST", path: "/supervision/questionnaires",
				form: url.Values{"title": {"投诉处理满意度回访"}, "q0_text": {"您对处理结果是否满意？"}, "q0_kind": {"rating"}, "q0_required": {"1"},
					"q1_text": {"处理是否及时？"}, "q1_kind": {"choice"}, "q1_options": {"及时/一般/不及时"}}, status: 303, location: "/supervision"},
			{name: "a visit", user: "zuoxi", method: "POST", path: "/supervision/visits", form: url.Values{"visit_merchant_id": {fmt.Sprint(c.meifa.ID)},
				"visited_on": {"2026-06-10"}, "visitors": {"王、李"}, "topic": {"明码标价"}, "visit_result": {"issues"}, "findings": {"价目表未公示"}}, status: 303},
			{name: "an older visit", user: "zuoxi", method: "POST", path: "/supervision/visits", form: url.Values{"visit_merchant_id": {fmt.Sprint(c.haoyouduo.ID)},
				"visited_on": {"2026-05-01"}, "visitors": {"王"}, "topic": {"预付卡"}, "visit_result": {"compliant"}}, status: 303},
			{name: "a draw from an empty pool (C10)", user: "fuzeren", method: "POST", path: "/supervision/draws",
				form: url.Values{"draw_title": {"第二季度抽查"}, "merchants": {"2"}, "inspectors_per": {"1"}, "recent_days": {"180"}}, status: 422, contains: []string{"没有可抽取的经营者"}},
			{name: "the operator may not draw", user: "zuoxi", method: "POST", path: "/supervision/draws", form: url.Values{}, status: 403},
			{name: "an inspector", user: "fuzeren", method: "POST", path: "/supervision/inspectors", form: url.Values{"inspector_name": {"执法甲"}, "unit": {"瑞昌市市场监管局"}}, status: 303},
			{name: "a second inspector", user: "fuzeren", method: "POST", path: "/supervision/inspectors", form: url.Values{"inspector_name": {"执法乙"}}, status: 303},
			{name: "a sample", user: "zuoxi", method: "POST", path: "/supervision/samples", form: url.Values{"product": {"纯牛奶"}, "sample_merchant_id": {fmt.Sprint(c.haoyouduo.ID)},
				"sampled_on": {"2026-06-01"}, "lab": {"九江市检验检测中心"}}, status: 303},
		} {
			sc.run(t, c)
		}
		if ds, _ := c.svc.Draws(context.Background(), auth.Anonymous("")); len(ds) != 0 {
			t.Fatal("the refused draw was written")
		}
		qs, _ := c.svc.Questionnaires(context.Background(), auth.As(&c.supervisor))
		if len(qs) != 1 || len(qs[0].Questions) != 2 || len(qs[0].Questions[1].Options) != 3 {
			t.Fatalf("questionnaires %+v", qs)
		}
		sup := c.as(t, "fuzeren")
		r := sup.post(fmt.Sprintf("/supervision/questionnaires/%d/links", qs[0].ID), url.Values{"count": {"2"}})
		links := regexp.MustCompile(`/portal/survey/[0-9a-f]{32}`).FindAllString(r.body, -1)
		if r.status != 200 || len(links) != 2 {
			t.Fatalf("links %d %v", r.status, links)
		}
		if again := sup.get(fmt.Sprintf("/supervision/questionnaires/%d", qs[0].ID)); strings.Contains(again.body, links[0]) {
			t.Fatal("a link showed a second time")
		}
		if r := sup.post(fmt.Sprintf("/supervision/questionnaires/%d/open", qs[0].ID), url.Values{"open": {"0"}}); r.status != 303 {
			t.Fatalf("close %d", r.status)
		}
		if q, _, _ := c.svc.SurveyByToken(context.Background(), auth.Anonymous(""), strings.TrimPrefix(links[1], "/portal/survey/")); q.Open {
			t.Fatal("the questionnaire is still open")
		}
		r = sup.post("/supervision/draws", url.Values{"draw_title": {"第二季度抽查"}, "merchants": {"1"}, "inspectors_per": {"1"}, "recent_days": {"30"}})
		if r.status != 303 {
			t.Fatalf("publish: %d %.400s", r.status, r.body)
		}
		ds, _ := c.svc.Draws(context.Background(), auth.Anonymous(""))
		if len(ds) != 1 || ds[0].Status != "published" {
			t.Fatalf("draws %+v", ds)
		}
		if r := sup.post(fmt.Sprintf("/supervision/draws/%d/run", ds[0].ID), nil); r.status != 303 {
			t.Fatalf("run %d", r.status)
		}
		d, _ := c.svc.Draw(context.Background(), auth.Anonymous(""), ds[0].ID)
		if len(d.Result) != 1 || d.Result[0].Merchant != c.haoyouduo.ID {
			t.Fatalf("drawn %+v (the merchant visited this week may not be drawn, the one visited 46 days ago may)", d.Result)
		}
		samples, _ := c.svc.Samples(context.Background(), auth.As(&c.supervisor))
		path := fmt.Sprintf("/supervision/samples/%d/", samples[0].ID)
		if r := c.as(t, "zuoxi").post(path+"publish", nil); r.status != 403 {
			t.Fatalf("the operator published: %d", r.status)
		}
		if r := sup.post(path+"result", url.Values{"lab_result": {"fail"}, "report_no": {"JJ-2026-061"}, "result_on": {"2026-06-12"}}); r.status != 422 {
			t.Fatalf("a failure without its items: %d", r.status)
		}
		if r := sup.post(path+"result", url.Values{"lab_result": {"fail"}, "report_no": {"JJ-2026-061"}, "result_on": {"2026-06-12"}, "items": {"蛋白质"}}); r.status != 303 {
			t.Fatalf("result %d", r.status)
		}
		if r := sup.post(path+"publish", nil); r.status != 303 {
			t.Fatalf("publish %d", r.status)
		}
		page := sup.get("/supervision")
		for _, want := range []string{"投诉处理满意度回访", "第二季度抽查", "价目表未公示", "纯牛奶", "已公布", "执法甲"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the desk lacks %q", want)
			}
		}
	})
}
