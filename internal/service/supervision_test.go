package service_test

import (
	"errors"
	"fmt"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// TestQuestionnaireLinks_C10: staff design a questionnaire and hand out links (one sent by SMS
// to a complaint's consumer); a link answers once, without sign-in; bad answers are refused
// and write nothing; the results are added up for staff.
func TestQuestionnaireLinks_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-10 09:00"))
		m := c.complaint(t, c.town, nil)
		q := supervise.Questionnaire{Title: "投诉处理满意度回访", Questions: []supervise.Question{
			{Text: "您对处理结果是否满意？", Kind: supervise.Rating, Required: true},
			{Text: "处理是否及时？", Kind: supervise.Choice, Options: []string{"及时", "一般", "不及时"}}}}
		if err := c.svc.SaveQuestionnaire(c.ctx, auth.As(c.op), &q); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("an operator designed a questionnaire")
		}
		if err := c.svc.SaveQuestionnaire(c.ctx, auth.As(c.sup), &q); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.QuestionnaireLinks(c.ctx, auth.As(c.sup), q.ID, 1, []string{"NO-SUCH"}); err == nil {
			t.Fatal("a link for an unknown complaint")
		}
		links, err := c.svc.QuestionnaireLinks(c.ctx, auth.As(c.sup), q.ID, 2, []string{m.Number})
		if err != nil || len(links) != 3 || links[2].SentTo != "sms" {
			t.Fatalf("links %+v %v", links, err)
		}
		anon := auth.Anonymous("")
		if _, _, err := c.svc.SurveyByToken(c.ctx, anon, "0000"); !errors.Is(err, store.ErrNotFound) {
			t.Fatal("a made-up token found a questionnaire")
		}
		got, used, err := c.svc.SurveyByToken(c.ctx, anon, links[0].Token)
		if err != nil || used || got.Title != q.Title {
			t.Fatal(got, used, err)
		}
		if err := c.svc.AnswerSurvey(c.ctx, anon, links[0].Token, []supervise.Answer{{}, {}}); err == nil {
			t.Fatal("the required rating was left out")
		}
		for i, l := range links {
			if err := c.svc.AnswerSurvey(c.ctx, anon, l.Token, []supervise.Answer{{Given: true, Rating: 5 - i}, {Given: true, Option: i}}); err != nil {
				t.Fatal(err)
			}
		}
		err = c.svc.AnswerSurvey(c.ctx, anon, links[0].Token, []supervise.Answer{{Given: true, Rating: 1}, {}})
		refused(t, "a link answered twice", err, true, "token:duplicate")
		_, res, err := c.svc.QuestionnaireResults(c.ctx, auth.As(c.op), q.ID)
		if err != nil || res[0].Answered != 3 || res[0].MeanTenth != 40 || fmt.Sprint(res[1].Counts) != "[1 1 1]" {
			t.Fatalf("results %+v %v", res, err)
		}
		if _, _, err := c.svc.QuestionnaireResults(c.ctx, anon, q.ID); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("the public read the results")
		}
	})
}

// TestDrawPublishedThenDrawn_C10: a 双随机一公开 draw refuses an empty pool with the rule and
// writes nothing; it publishes its seed and inputs before drawing, leaves out merchants
// inspected recently and inspectors with a declared conflict, draws once, and the published
// draw verifies.
func TestDrawPublishedThenDrawn_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-10 09:00"))
		req := service.DrawRequest{Title: "2026年第二季度双随机抽查", RecentDays: 180, Merchants: 2, InspectorsPer: 2}
		_, err := c.svc.PublishDraw(c.ctx, auth.As(c.sup), req)
		if fe := fieldCodes(err); fmt.Sprint(fe) != "[pool:empty_pool inspectors:required]" {
			t.Fatalf("empty pool: %v", fe)
		}
		if ds, _ := c.svc.Draws(c.ctx, auth.Anonymous("")); len(ds) != 0 {
			t.Fatal("a refused draw was written")
		}
		var ms []merchant.Merchant
		for i, name := range []string{"甲超市", "乙药店", "丙餐馆", "丁健身"} {
			m := merchant.Merchant{Name: name, Type: merchant.Individual, Address: fmt.Sprintf("人民路%d号", i+1)}
			if err := c.svc.SaveMerchant(c.ctx, &m); err != nil {
				t.Fatal(err)
			}
			ms = append(ms, m)
		}
		for _, name := range []string{"执法甲", "执法乙", "执法丙"} {
			if err := c.svc.SaveInspector(c.ctx, auth.As(c.sup), &store.Inspector{Name: name, Unit: "县市场监管局"}); err != nil {
				t.Fatal(err)
			}
		}
		is, _ := c.svc.Inspectors(c.ctx, auth.As(c.sup))
		if err := c.svc.DeclareConflict(c.ctx, auth.As(c.sup), is[0].ID, ms[3].ID, "亲属经营"); err != nil {
			t.Fatal(err)
		}
		v := supervise.Visit{MerchantID: &ms[1].ID, VisitedOn: "2026-05-20", Visitors: "张、李", Topic: "明码标价", Result: supervise.Compliant}
		if err := c.svc.RecordVisit(c.ctx, auth.As(c.op), &v); err != nil || v.MerchantName != "乙药店" {
			t.Fatal(err, v.MerchantName)
		}
		d, err := c.svc.PublishDraw(c.ctx, auth.As(c.sup), req)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != "published" || len(d.Result) != 0 || len(d.Seed) != 64 || d.Commitment != supervise.Commit(d.Inputs) {
			t.Fatalf("published %+v", d)
		}
		if _, err := c.svc.RunDraw(c.ctx, auth.As(c.op), d.ID); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("an operator ran the draw")
		}
		d, err = c.svc.RunDraw(c.ctx, auth.As(c.sup), d.ID)
		if err != nil || len(d.Result) != 2 {
			t.Fatal(d, err)
		}
		for _, p := range d.Result {
			if p.Merchant == ms[1].ID {
				t.Fatal("a merchant visited 21 days ago was drawn")
			}
			for _, i := range p.Inspectors {
				if p.Merchant == ms[3].ID && i == is[0].ID {
					t.Fatal("an inspector drawn for a merchant they declared a conflict with")
				}
			}
		}
		if _, err := c.svc.RunDraw(c.ctx, auth.As(c.sup), d.ID); err == nil {
			t.Fatal("a draw drawn twice")
		}
		pub, _ := c.svc.Draw(c.ctx, auth.Anonymous(""), d.ID)
		if got, err := supervise.Verify(pub.Published); err != nil || fmt.Sprint(got) != fmt.Sprint(d.Result) {
			t.Fatalf("verify %v %v", got, err)
		}
		// The next draw counts the merchants this one picked as inspected today.
		next, err := c.svc.PublishDraw(c.ctx, auth.As(c.sup), service.DrawRequest{Title: "补充抽查", RecentDays: 180, Merchants: 4, InspectorsPer: 1})
		if err != nil {
			t.Fatal(err)
		}
		left := supervise.Eligible(next.Inputs, sh(t, "2026-06-10 09:00"))
		if len(left) != 1 {
			t.Fatalf("pool after one draw and one visit: %+v", left)
		}
	})
}

// TestVisitsAndSampling_C10: a visit with its findings, a sample whose lab result is recorded
// and then published, visible publicly only once published.
func TestVisitsAndSampling_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-10 09:00"))
		v := supervise.Visit{MerchantName: "甲超市", VisitedOn: "2026-06-09", Visitors: "张", Topic: "计量", Result: supervise.Issues}
		if err := c.svc.RecordVisit(c.ctx, auth.As(c.op), &v); err == nil {
			t.Fatal("problems found without findings")
		}
		v.Findings = "电子秤未检定"
		if err := c.svc.RecordVisit(c.ctx, auth.As(c.op), &v); err != nil {
			t.Fatal(err)
		}
		x := supervise.Sample{Product: "纯牛奶", MerchantName: "甲超市", SampledOn: "2026-06-01", Lab: "九江市检验检测中心"}
		if err := c.svc.RecordSample(c.ctx, auth.As(c.op), &x); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SampleResult(c.ctx, auth.As(c.sup), x.ID, "publish", "", "", ""); err == nil {
			t.Fatal("a pending sample published")
		}
		if _, err := c.svc.SampleResult(c.ctx, auth.As(c.sup), x.ID, "fail", "JJ2026-0601", "2026-06-08", "蛋白质含量不达标"); err != nil {
			t.Fatal(err)
		}
		if pub, _ := c.svc.PublishedSamples(c.ctx, auth.Anonymous("")); len(pub) != 0 {
			t.Fatal("an unpublished result is public")
		}
		if _, err := c.svc.SampleResult(c.ctx, auth.As(c.sup), x.ID, "publish", "", "", ""); err != nil {
			t.Fatal(err)
		}
		pub, _ := c.svc.PublishedSamples(c.ctx, auth.Anonymous(""))
		if len(pub) != 1 || pub[0].Result != supervise.Fail || pub[0].Items != "蛋白质含量不达标" {
			t.Fatalf("published %+v", pub)
		}
		if _, err := c.svc.SampleResult(c.ctx, auth.As(c.sup), x.ID, "pass", "JJ2026-0602", "2026-06-09", ""); err == nil {
			t.Fatal("a published result changed")
		}
	})
}
