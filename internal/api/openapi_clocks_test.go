package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestOpenAPIClocksResponses sends real requests to every route of the clocks work — deadlines,
// the board, KPIs, alerts, the calendar, settings and the new actions — and checks each answer,
// errors included, against the OpenAPI document: status documented, body as its schema says.
func TestOpenAPIClocksResponses(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		send := func(role auth.Role, method, path, body string, status int) string {
			t.Helper()
			return o.send(c, role, method, path, body, status)
		}
		relogin := func() { // sessions last 12 hours of the office's clock
			for role := range o.tokens {
				var resp struct{ Token string }
				o.call("", "POST", "/api/v1/session", `{"username":"`+string(role)+`1","password":"clocks-test-pass"}`, 201, &resp)
				o.tokens[role] = resp.Token
			}
		}
		intake := func(body string) string {
			t.Helper()
			var r struct{ Matters []struct{ Number string } }
			must(t, json.Unmarshal([]byte(send(auth.Operator, "POST", "/api/v1/matters", body, 201)), &r))
			return r.Matters[0].Number
		}
		party := `"area_id":` + itoa(o.village.ID) + `,"consumer":{"name":"张三","phone":"13800138000","address":"红星村1号"},
			"merchant_name":"某超市","merchant_address":"人民路2号","facts":"买到过期牛奶"`
		cp := intake(`{"kind":"complaint","channel":"transfer_12345","needs_visit":true,"request":"退货",` + party + `}`)
		r1 := intake(`{"kind":"report","channel":"hotline_12315",` + party + `}`)
		o.clock.set(at(t, "2026-05-06 11:00"))
		r2 := intake(`{"kind":"report","channel":"web",` + party + `}`)
		act := func(role auth.Role, number, action, body string, status int) {
			t.Helper()
			send(role, "POST", "/api/v1/matters/"+number+"/actions/"+action, body, status)
		}

		send(auth.Mediator, "GET", "/api/v1/matters/"+cp+"/deadlines?lang=en", "", 200)
		send(auth.Merchant, "GET", "/api/v1/matters/"+cp+"/deadlines", "", 404)
		send("", "GET", "/api/v1/matters/"+cp+"/deadlines", "", 401)
		send(auth.Supervisor, "GET", "/api/v1/clocks?kind=on_site&limit=5&area="+itoa(o.county.ID), "", 200)
		send(auth.Supervisor, "GET", "/api/v1/clocks?kind=nope&limit=0&station=x", "", 422)
		send(auth.Merchant, "GET", "/api/v1/clocks", "", 403)

		// The on-site promise is missed: a reminder, a breach and an escalation (R-S1, R-S3).
		o.clock.set(at(t, "2026-05-06 10:26"))
		_, err := o.svc.Scan(context.Background(), o.clock.now())
		must(t, err)
		o.clock.set(at(t, "2026-05-06 11:31"))
		_, err = o.svc.Scan(context.Background(), o.clock.now())
		must(t, err)
		send(auth.Supervisor, "GET", "/api/v1/clocks", "", 200)
		send(auth.Supervisor, "GET", "/api/v1/alerts?lang=en", "", 200)
		send(auth.Supervisor, "GET", "/api/v1/alerts?unread=1&kind=breach&page=1&per_page=10", "", 200)
		send(auth.Supervisor, "GET", "/api/v1/alerts?per_page=201", "", 422)
		send(auth.Merchant, "GET", "/api/v1/alerts", "", 403)
		send(auth.Supervisor, "POST", "/api/v1/alerts/1/read", "", 200)
		send(auth.Supervisor, "POST", "/api/v1/alerts/x/read", "", 404)
		send(auth.Merchant, "POST", "/api/v1/alerts/1/read", "", 403)
		send(auth.Admin, "POST", "/api/v1/alerts/1/delivered", "", 200)
		send(auth.Operator, "POST", "/api/v1/alerts/1/delivered", "", 403)
		send(auth.Admin, "POST", "/api/v1/alerts/999/delivered", "", 404)

		// The new actions, each with what it needs.
		act(auth.Operator, cp, "accept", "", 200)
		for _, side := range []string{"complainant", "respondent"} {
			send(auth.Operator, "POST", "/api/v1/matters/"+cp+"/mediation/consent", `{"side":"`+side+`","purpose":"mediation","method":"phone","said":"同意调解"}`, 200)
		}
		act(auth.Mediator, cp, "start_mediation", "", 200)
		act(auth.Mediator, cp, "pause", `{"reason_code":"appraisal"}`, 422)
		act(auth.Mediator, cp, "pause", `{"reason_code":"testing","note":"送检"}`, 200)
		act(auth.Mediator, cp, "pause", `{"reason_code":"testing"}`, 409)
		o.clock.set(at(t, "2026-05-08 09:00"))
		relogin()
		act(auth.Mediator, cp, "resume", `{}`, 422)
		act(auth.Mediator, cp, "resume", `{"note":"检测结果已出"}`, 200)
		act(auth.Mediator, cp, "record_clue", `{"note":"疑似销售过期食品"}`, 200)
		act(auth.Supervisor, cp, "extend_verification", `{"note":"科长批准延长"}`, 200)
		act(auth.Supervisor, cp, "extend_verification", `{"note":"再延"}`, 422)
		act(auth.Mediator, cp, "conclude_clue", `{"reason_code":"case_filed"}`, 403)
		act(auth.Supervisor, cp, "conclude_clue", `{"reason_code":"case_filed"}`, 200)
		act(auth.Operator, cp, "reply_12345", `{"note":"已答复12345"}`, 200)
		act(auth.Operator, r1, "reply_12345", `{"note":"x"}`, 422)
		act(auth.Mediator, cp, "escalate", `{"reason_code":"mediation_failed","note":"镇级调解不成"}`, 200)
		act(auth.Mediator, cp, "escalate", `{"note":"再升"}`, 422)
		act(auth.Mediator, cp, "terminate", `{"reason_code":"T3"}`, 200)
		act(auth.Mediator, cp, "notify_parties", "", 200)
		act(auth.Operator, cp, "attach", `{"note":"没有文件"}`, 422)
		act(auth.Supervisor, r1, "dispute_jurisdiction", `{"note":"邻县市场监管局认为应由其处理"}`, 200)
		act(auth.Supervisor, r1, "settle_jurisdiction", `{"reason_code":"ours"}`, 200)
		act(auth.Operator, r2, "merge", `{"into":"`+cp+`"}`, 422)
		act(auth.Operator, r2, "merge", `{"into":"`+r1+`","new_facts":true}`, 200)

		// The calendar: read it, load a corrected year that moves running deadlines (R-L43).
		send(auth.Merchant, "GET", "/api/v1/calendar", "", 200)
		send(auth.Merchant, "GET", "/api/v1/calendar/2026", "", 200)
		csv := send(auth.Operator, "GET", "/api/v1/calendar/2026?format=csv", "", 200)
		send(auth.Operator, "GET", "/api/v1/calendar/2031", "", 404)
		send(auth.Admin, "PUT", "/api/v1/calendar/2026", csv+"2026-05-20,holiday,测试假日,test\n", 200)
		send(auth.Admin, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n2026-10-01,holiday,国庆节,x\n", 422)
		send(auth.Admin, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n", 422)
		send(auth.Admin, "PUT", "/api/v1/calendar/1800", "date,kind,name,source\n", 404)
		send(auth.Admin, "PUT", "/api/v1/calendar/2027", strings.Repeat("x", 1<<20+1), 413)
		send(auth.Operator, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n2027-01-01,holiday,元旦,x\n", 403)
		for _, n := range []string{cp, r1, r2} {
			send(auth.Supervisor, "GET", "/api/v1/matters/"+n, "", 200)
			send(auth.Operator, "GET", "/api/v1/matters/"+n+"/deadlines", "", 200)
		}
		send(auth.Supervisor, "GET", "/api/v1/matters?sort=due&open=1", "", 200)

		// Settings and KPIs.
		send(auth.Mediator, "GET", "/api/v1/settings", "", 200)
		send(auth.Merchant, "GET", "/api/v1/settings", "", 403)
		send(auth.Admin, "PUT", "/api/v1/settings/clocks", `{"reply_12345_workdays":3,"escalate_on":["on_site","on_site"]}`, 200)
		send(auth.Admin, "PUT", "/api/v1/settings/tiers", `{"township_amount":"1,000.00","major_subcategories":["汽车"]}`, 200)
		send(auth.Admin, "PUT", "/api/v1/settings/tiers", `{"major_level":"city","county_consumers":-1}`, 422)
		send(auth.Admin, "PUT", "/api/v1/settings/clocks", `{"reply_12345_days":3}`, 400)
		send(auth.Admin, "PUT", "/api/v1/settings/other", `{}`, 404)
		send(auth.Supervisor, "PUT", "/api/v1/settings/clocks", `{}`, 403)
		send(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31&area="+itoa(o.county.ID), "", 200)
		send(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-05-31&to=2026-05-01", "", 422)
		send(auth.Merchant, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31", "", 403)
	})
}
