package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"weiquan/internal/api"
	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// fields lists the fields of an error body, in order.
func fields(t *testing.T, body string) []string {
	t.Helper()
	var eb errorBody
	if err := json.Unmarshal([]byte(body), &eb); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	var out []string
	for _, e := range eb.Errors {
		out = append(out, e.Field+":"+e.Code)
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func decodeInto(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
}

// TestSupervisionQuestionnairesOverAPI_C10: a supervisor designs a questionnaire over JSON
// (an operator may not; a bad design names its fields, in Chinese or English); staff read
// it back with its results; links are handed out once each, and none once it is closed.
func TestSupervisionQuestionnairesOverAPI_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		const good = `{"title":"调解满意度","intro":"请评价","questions":[{"text":"总体满意吗","kind":"rating","required":true},` +
			`{"text":"从何得知","kind":"choice","options":["电话","网站"," "]},{"text":"建议","kind":"text"}]}`
		o.send(c, auth.Operator, "POST", "/api/v1/supervision/questionnaires", good, 403)
		o.send(c, auth.Merchant, "GET", "/api/v1/supervision", "", 403)
		bad := `{"title":" ","questions":[{"text":"x","kind":"choice","options":["只有一个"]},{"text":"y","kind":"stars"}]}`
		zh := o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires", bad, 422)
		if got := strings.Join(fields(t, zh), " "); got != "title:required questions.0:too_short questions.1:one_of" {
			t.Fatalf("a bad design: %s", zh)
		}
		var eb errorBody
		decodeInto(t, zh, &eb)
		if !hasHan(eb.Errors[0].Message) {
			t.Errorf("the default message is not Chinese: %q", eb.Errors[0].Message)
		}
		decodeInto(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires?lang=en", bad, 422), &eb)
		if m := eb.Errors[0].Message; m == "" || hasHan(m) {
			t.Errorf("the English message: %q", m)
		}
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires", `{"title":"x","questions":[],"colour":"red"}`, 400)
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires", `{"title":1}`, 422)

		var q supervise.Questionnaire
		decodeInto(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires", good, 201), &q)
		if q.ID == 0 || !q.Open || len(q.Questions) != 3 || len(q.Questions[1].Options) != 2 {
			t.Fatalf("created %+v", q)
		}
		path := fmt.Sprintf("/api/v1/supervision/questionnaires/%d", q.ID)
		var res api.QuestionnaireResults
		decodeInto(t, o.send(c, auth.Mediator, "GET", path, "", 200), &res)
		if res.Questionnaire.Title != "调解满意度" || len(res.Results) != 3 || res.Results[0].Counts[4] != 0 {
			t.Fatalf("read back %+v", res)
		}
		o.send(c, auth.Mediator, "GET", "/api/v1/supervision/questionnaires/999999", "", 404)

		o.send(c, auth.Operator, "POST", path+"/links", `{"count":2}`, 403)
		if got := fields(t, o.send(c, auth.Supervisor, "POST", path+"/links", `{}`, 422)); strings.Join(got, " ") != "count:required" {
			t.Fatalf("no links asked: %v", got)
		}
		if got := fields(t, o.send(c, auth.Supervisor, "POST", path+"/links", `{"numbers":["TS-2026-999999"]}`, 422)); strings.Join(got, " ") != "numbers:not_found" {
			t.Fatalf("an unknown complaint: %v", got)
		}
		var links api.LinksView
		decodeInto(t, o.send(c, auth.Supervisor, "POST", path+"/links", `{"count":2}`, 201), &links)
		if len(links.Items) != 2 || links.Items[0].Token == links.Items[1].Token || !strings.HasPrefix(links.Items[0].Path, "/portal/survey/") {
			t.Fatalf("links %+v", links)
		}
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires/999999/links", `{"count":1}`, 404)

		// An answer through a link shows in the results.
		ans := []supervise.Answer{{Given: true, Rating: 5}, {Given: true, Option: 1}, {}}
		must(t, o.svc.AnswerSurvey(context.Background(), auth.Principal{}, links.Items[0].Token, ans))
		decodeInto(t, o.send(c, auth.Admin, "GET", path, "", 200), &res)
		if res.Questionnaire.Links != 2 || res.Questionnaire.Answered != 1 || res.Results[0].Counts[4] != 1 || res.Results[0].MeanTenth != 50 || res.Results[1].Counts[1] != 1 {
			t.Fatalf("results after one answer %+v", res)
		}

		o.send(c, auth.Operator, "POST", path+"/open", `{"open":false}`, 403)
		if b := o.send(c, auth.Supervisor, "POST", path+"/open", `{}`, 422); strings.Join(fields(t, b), " ") != "open:required" || !strings.Contains(b, "接受作答") {
			t.Fatalf("open left out: %s", b)
		}
		decodeInto(t, o.send(c, auth.Supervisor, "POST", path+"/open", `{"open":false}`, 200), &res)
		if res.Questionnaire.Open {
			t.Fatalf("still open: %+v", res.Questionnaire)
		}
		if got := fields(t, o.send(c, auth.Supervisor, "POST", path+"/links", `{"count":1}`, 409)); strings.Join(got, " ") != "questionnaire:conflict" {
			t.Fatalf("links to a closed questionnaire: %v", got)
		}
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/questionnaires/999999/open", `{"open":true}`, 404)

		var desk api.SupervisionView
		decodeInto(t, o.send(c, auth.Mediator, "GET", "/api/v1/supervision", "", 200), &desk)
		if len(desk.Questionnaires) != 1 || desk.Questionnaires[0].ID != q.ID || desk.Questionnaires[0].Open {
			t.Fatalf("the desk %+v", desk.Questionnaires)
		}
	})
}

// TestSupervisionVisitsAndSamplesOverAPI_C10: the desk (an operator) records visits and
// samples, a mediator may not; the heads record the lab's result and publish it, once; the
// desk's read shows what was written.
func TestSupervisionVisitsAndSamplesOverAPI_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		shop := merchant.Merchant{Name: "明码超市", Type: merchant.Individual, Address: "人民路1号"}
		must(t, o.svc.SaveMerchant(context.Background(), &shop))

		visit := fmt.Sprintf(`{"merchant_id":%d,"visited_on":"2026-05-05","visitors":"张三、李四","topic":"明码标价","result":"issues","findings":"未标价"}`, shop.ID)
		o.send(c, auth.Mediator, "POST", "/api/v1/supervision/visits", visit, 403)
		got := fields(t, o.send(c, auth.Operator, "POST", "/api/v1/supervision/visits",
			`{"merchant_name":"某店","visited_on":"2026-05-07","visitors":"张三","topic":"价格","result":"issues"}`, 422))
		if strings.Join(got, " ") != "visited_on:future findings:required" {
			t.Fatalf("a visit tomorrow without findings: %v", got)
		}
		if got := fields(t, o.send(c, auth.Operator, "POST", "/api/v1/supervision/visits", `{"merchant_id":999999,"visited_on":"2026-05-05","visitors":"张三","topic":"价格","result":"compliant"}`, 422)); got[0] != "merchant_id:not_found" {
			t.Fatalf("an unknown merchant: %v", got)
		}
		var v supervise.Visit
		decodeInto(t, o.send(c, auth.Operator, "POST", "/api/v1/supervision/visits", visit, 201), &v)
		if v.ID == 0 || v.MerchantName != "明码超市" || v.Result != supervise.Issues {
			t.Fatalf("visit %+v", v)
		}

		sample := `{"product":"纯牛奶","brand":"某牌","batch":"20260501","merchant_name":"明码超市","sampled_on":"2026-05-04","lab":"县质检所"}`
		o.send(c, auth.Mediator, "POST", "/api/v1/supervision/samples", sample, 403)
		if got := fields(t, o.send(c, auth.Operator, "POST", "/api/v1/supervision/samples", `{"product":"","sampled_on":"5月4日","lab":"x"}`, 422)); strings.Join(got, " ") != "product:required merchant_name:required sampled_on:format" {
			t.Fatalf("a bad sample: %v", got)
		}
		var x supervise.Sample
		decodeInto(t, o.send(c, auth.Operator, "POST", "/api/v1/supervision/samples", sample, 201), &x)
		if x.ID == 0 || x.Result != supervise.Pending {
			t.Fatalf("sample %+v", x)
		}
		base := fmt.Sprintf("/api/v1/supervision/samples/%d", x.ID)
		o.send(c, auth.Supervisor, "POST", base+"/publish", "", 422) // no result yet
		result := `{"result":"fail","report_no":"JC-2026-01","result_on":"2026-05-06","items":"蛋白质"}`
		o.send(c, auth.Operator, "POST", base+"/result", result, 403)
		if got := fields(t, o.send(c, auth.Supervisor, "POST", base+"/result", `{"result":"publish","report_no":"JC-1","result_on":"2026-05-03"}`, 422)); strings.Join(got, " ") != "result:one_of result_on:before_sampling" {
			t.Fatalf("publish through the result door: %v", got)
		}
		if got := fields(t, o.send(c, auth.Supervisor, "POST", base+"/result", `{"result":"fail","report_no":"JC-1","result_on":"2026-05-06"}`, 422)); strings.Join(got, " ") != "items:required" {
			t.Fatalf("a failure without its items: %v", got)
		}
		decodeInto(t, o.send(c, auth.Supervisor, "POST", base+"/result", result, 200), &x)
		if x.Result != supervise.Fail || x.ReportNo != "JC-2026-01" || x.PublishedAt != nil {
			t.Fatalf("result %+v", x)
		}
		o.send(c, auth.Operator, "POST", base+"/publish", "", 403)
		decodeInto(t, o.send(c, auth.Admin, "POST", base+"/publish", "", 200), &x)
		if x.PublishedAt == nil {
			t.Fatalf("not published: %+v", x)
		}
		o.send(c, auth.Admin, "POST", base+"/publish", "", 409)
		o.send(c, auth.Supervisor, "POST", base+"/result", result, 409)
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/samples/999999/result", result, 404)

		var desk api.SupervisionView
		decodeInto(t, o.send(c, auth.Operator, "GET", "/api/v1/supervision", "", 200), &desk)
		if len(desk.Visits) != 1 || desk.Visits[0].Findings != "未标价" || len(desk.Samples) != 1 || desk.Samples[0].Result != supervise.Fail || desk.Samples[0].PublishedAt == nil {
			t.Fatalf("the desk: visits %+v samples %+v", desk.Visits, desk.Samples)
		}
	})
}

// TestSupervisionDrawsOverAPI_C10: the heads add inspectors and their conflicts, publish a
// 双随机一公开 draw with its commitment and run it once; an operator may do none of it; the
// draw never sends an inspector to a merchant they declared a conflict with.
func TestSupervisionDrawsOverAPI_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		shop := merchant.Merchant{Name: "第二超市", Type: merchant.Individual, Address: "人民路2号"}
		must(t, o.svc.SaveMerchant(context.Background(), &shop))

		o.send(c, auth.Operator, "POST", "/api/v1/supervision/inspectors", `{"name":"王五"}`, 403)
		if got := fields(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/inspectors", `{"name":"  "}`, 422)); strings.Join(got, " ") != "name:required" {
			t.Fatalf("an inspector without a name: %v", got)
		}
		var a, b service.Inspector
		decodeInto(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/inspectors", `{"name":"王五","unit":"县市场监管局"}`, 201), &a)
		decodeInto(t, o.send(c, auth.Admin, "POST", "/api/v1/supervision/inspectors", `{"name":"赵六"}`, 201), &b)
		if a.ID == 0 || !a.Active || b.ID == a.ID {
			t.Fatalf("inspectors %+v %+v", a, b)
		}
		conflict := fmt.Sprintf(`{"merchant_id":%d,"reason":"亲属经营"}`, shop.ID)
		o.send(c, auth.Operator, "POST", fmt.Sprintf("/api/v1/supervision/inspectors/%d/conflicts", a.ID), conflict, 403)
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/inspectors/999999/conflicts", conflict, 404)
		if got := fields(t, o.send(c, auth.Supervisor, "POST", fmt.Sprintf("/api/v1/supervision/inspectors/%d/conflicts", a.ID), `{"merchant_id":999999}`, 422)); strings.Join(got, " ") != "merchant_id:not_found" {
			t.Fatalf("a conflict with no merchant: %v", got)
		}
		decodeInto(t, o.send(c, auth.Supervisor, "POST", fmt.Sprintf("/api/v1/supervision/inspectors/%d/conflicts", a.ID), conflict, 201), &a)
		if len(a.Conflicts) != 1 || a.Conflicts[0] != shop.ID {
			t.Fatalf("conflicts %+v", a)
		}

		req := `{"title":"2026年5月双随机抽查","recent_days":30,"merchants":2,"inspectors_per":1}`
		o.send(c, auth.Operator, "POST", "/api/v1/supervision/draws", req, 403)
		if got := fields(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/draws", `{"title":"","recent_days":30,"merchants":0,"inspectors_per":1}`, 422)); strings.Join(got, " ") != "title:required merchants:one_of" {
			t.Fatalf("a bad draw: %v", got)
		}
		var d service.Draw
		decodeInto(t, o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/draws", req, 201), &d)
		if d.ID == 0 || d.Status != "published" || len(d.Commitment) != 64 || len(d.Pool) != 2 || len(d.Inputs.Inspectors) != 2 || len(d.Result) != 0 {
			t.Fatalf("published %+v", d)
		}
		run := fmt.Sprintf("/api/v1/supervision/draws/%d/run", d.ID)
		o.send(c, auth.Operator, "POST", run, "", 403)
		var drawn service.Draw
		decodeInto(t, o.send(c, auth.Supervisor, "POST", run, "", 200), &drawn)
		if drawn.Status != "drawn" || drawn.DrawnAt == nil || len(drawn.Result) != 2 || drawn.Commitment != d.Commitment {
			t.Fatalf("drawn %+v", drawn)
		}
		for _, p := range drawn.Result {
			if p.Merchant == shop.ID && p.Inspectors[0] == a.ID {
				t.Fatalf("an inspector sent where they declared a conflict: %+v", drawn.Result)
			}
		}
		if got := fields(t, o.send(c, auth.Supervisor, "POST", run, "", 409)); strings.Join(got, " ") != "status:conflict" {
			t.Fatalf("a second run: %v", got)
		}
		o.send(c, auth.Supervisor, "POST", "/api/v1/supervision/draws/999999/run", "", 404)

		var desk api.SupervisionView
		decodeInto(t, o.send(c, auth.Mediator, "GET", "/api/v1/supervision", "", 200), &desk)
		if len(desk.Inspectors) != 2 || len(desk.Draws) != 1 || desk.Draws[0].Status != "drawn" || len(desk.Draws[0].Result) != 2 {
			t.Fatalf("the desk: inspectors %+v draws %+v", desk.Inspectors, desk.Draws)
		}
	})
}
