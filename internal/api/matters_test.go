package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestIntakeErrors_R_P3: bad input gets 400/422 with {field, code, message} in the
// request's language and changes nothing.
func TestIntakeErrors_R_P3(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		en := map[string]string{"Accept-Language": "en"}
		f.run(t, []scenario{
			{name: "missing phone zh", user: "op", method: "POST", path: "/api/v1/matters",
				body:   `{"kind":"complaint","channel":"visit","consumer":{"name":"李四"},"facts":"x"}`,
				status: 422, contains: []string{`"field":"consumer.phone"`, `"code":"required"`, "消费者电话为必填项"}},
			{name: "missing phone en", user: "op", method: "POST", path: "/api/v1/matters", header: en,
				body:   `{"kind":"complaint","channel":"visit","consumer":{"name":"李四"},"facts":"x"}`,
				status: 422, contains: []string{"Consumer phone is required"}},
			{name: "bad channel", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"fax","facts":"x"}`, status: 422, contains: []string{`"field":"channel"`, `"code":"one_of"`}},
			{name: "bad amount", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":"x","amount_in_dispute":"12.345"}`, status: 422},
			{name: "wrong type", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":123}`, status: 422, contains: []string{`"field":"facts"`}},
			{name: "unknown field", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":"x","colour":"red"}`, status: 400, contains: []string{`"field":"colour"`, `"code":"unknown_field"`}},
			{name: "not json", user: "op", method: "POST", path: "/api/v1/matters", body: `{"kind":`, status: 400, contains: []string{`"code":"json"`}},
			{name: "two values", user: "op", method: "POST", path: "/api/v1/matters", body: `{} {}`, status: 400},
			{name: "too large", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":"` + strings.Repeat("长", 400_000) + `"}`, status: 413, contains: []string{`"code":"too_large"`}},
			{name: "unknown merchant", user: "op", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":"x","merchant_id":999}`, status: 422, contains: []string{`"field":"merchant_id"`, `"code":"not_found"`}},
			{name: "merchant may not take intake", user: "shop", method: "POST", path: "/api/v1/matters",
				body: `{"kind":"inquiry","channel":"web","facts":"x"}`, status: 403},
		})
		// Nothing was written by any of those.
		status, body := f.do(t, "admin", "GET", "/api/v1/matters", "", nil)
		if status != 200 || !strings.Contains(body, `"total":0`) {
			t.Fatalf("after refused intakes: %d %s", status, body)
		}
	})
}

// TestComplaintJourneyOverAPI walks a complaint from intake to closing over HTTP, with
// the state machine's refusals, scope (R-P4) and masking (R-P5) on the way.
func TestComplaintJourneyOverAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		num := f.intake(t, "")
		path := "/api/v1/matters/" + num
		st := itoa(f.stationA.ID)
		medA := itoa(f.users["medA"].ID)
		f.run(t, []scenario{
			{name: "operator sees the phone on the case", user: "op", method: "GET", path: path, status: 200,
				contains: []string{`"phone":"13800138000"`, `"state":"received"`, `"needs_platform_registration":true`, `"action":"intake"`, "+08:00"}},
			{name: "lists mask the phone", user: "op", method: "GET", path: "/api/v1/matters", status: 200,
				contains: []string{"138****8000"}, absent: []string{"13800138000"}},
			{name: "merchant sees its complaint masked", user: "shop", method: "GET", path: path, status: 200,
				contains: []string{`"name":"张*"`, "138****8000"}, absent: []string{"13800138000", "张三", `"actor":"op"`}},
			{name: "the other township cannot see it", user: "medB", method: "GET", path: path, status: 404},
			{name: "liaison sees nothing", user: "liaison", method: "GET", path: path, status: 404},
			{name: "unknown number", user: "op", method: "GET", path: "/api/v1/matters/20261130-999999", status: 404},
			{name: "agree before mediation is refused with the allowed actions", user: "medA", method: "POST", path: path + "/actions/agree",
				body: `{"recovered_amount":10}`, status: 409, contains: []string{`"allowed_actions":[`, `"code":"transition"`, "不能执行"}},
			{name: "an operator may not reject", user: "op", method: "POST", path: path + "/actions/reject", body: `{"reason_code":"R16-1"}`, status: 403},
			{name: "unknown action", user: "op", method: "POST", path: path + "/actions/fly", status: 422, contains: []string{"accept, reject"}, absent: []string{"{values}"}},
			{name: "accept answers with the whole case", user: "op", method: "POST", path: path + "/actions/accept", status: 200,
				contains: []string{`"state":"accepted"`, `"timeline":[`, `"action":"accept"`}},
			{name: "dispatch to a missing station", user: "op", method: "POST", path: path + "/actions/dispatch", body: `{"station_id":999}`, status: 422,
				contains: []string{`"field":"station_id"`}},
			{name: "dispatch", user: "op", method: "POST", path: path + "/actions/dispatch", body: `{"station_id":` + st + `,"assignee_id":` + medA + `}`, status: 200,
				contains: []string{`"state":"dispatched"`}},
			{name: "station queue", user: "medA", method: "GET", path: "/api/v1/matters?station=" + st + "&open=1&sort=due", status: 200, contains: []string{num}},
			{name: "check in", user: "medA", method: "POST", path: path + "/actions/check_in", body: `{"lat":29.67,"lng":115.66}`, status: 200,
				contains: []string{`"state":"on_site"`, `"arrived_lat":29.67`}},
			{name: "mediation needs both consents (R-L14)", user: "medA", method: "POST", path: path + "/actions/start_mediation", status: 422,
				contains: []string{`"field":"consent_complainant"`, `"code":"no_consent"`}},
			{name: "the consumer consents by phone", user: "medA", method: "POST", path: path + "/mediation/consent",
				body: `{"side":"complainant","purpose":"mediation","method":"phone","said":"同意调解"}`, status: 200, contains: []string{`"consent_missing":["respondent"]`}},
			{name: "the merchant consents by phone", user: "op", method: "POST", path: path + "/mediation/consent",
				body: `{"side":"respondent","purpose":"mediation","method":"phone","said":"同意"}`, status: 200, contains: []string{`"consent_missing":[]`}},
			{name: "a consent twice is a clash", user: "op", method: "POST", path: path + "/mediation/consent",
				body: `{"side":"respondent","purpose":"mediation","method":"phone","said":"同意"}`, status: 409, contains: []string{`"code":"already"`}},
			{name: "merchants take no mediation step", user: "shop", method: "POST", path: path + "/mediation/consent",
				body: `{"side":"respondent","purpose":"mediation","method":"phone","said":"同意"}`, status: 403},
			{name: "mediate", user: "medA", method: "POST", path: path + "/actions/start_mediation", status: 200},
			{name: "agreement needs an amount", user: "medA", method: "POST", path: path + "/actions/agree", body: `{}`, status: 422,
				contains: []string{`"field":"recovered_amount"`}},
			{name: "agreement", user: "medA", method: "POST", path: path + "/actions/agree", body: `{"recovered_amount":"360.50","note":"商家退一赔三"}`, status: 200,
				contains: []string{`"recovered_amount":360.50`, `"outcome":"agreement"`}},
			{name: "closing needs its 调解记录 (R-L20)", user: "super", method: "POST", path: path + "/actions/close", status: 409,
				contains: []string{`"field":"document_mediation_record"`}},
			{name: "a termination notice does not fit an agreement", user: "medA", method: "POST", path: path + "/documents",
				body: `{"kind":"termination_notice"}`, status: 409, contains: []string{`"code":"wrong_state"`}},
			{name: "the 调解记录 is issued", user: "medA", method: "POST", path: path + "/documents",
				body: `{"kind":"mediation_record"}`, status: 201, contains: []string{`"html_sha256":"`, `"version":1`}},
			{name: "close", user: "super", method: "POST", path: path + "/actions/close", status: 200, contains: []string{`"state":"closed"`, `"closed_at"`}},
			{name: "closed matters take notes", user: "super", method: "POST", path: path + "/actions/note", body: `{"note":"回访满意"}`, status: 200},
		})
		// The merchant learns what happened, not who in the office did it nor the notes.
		f.run(t, []scenario{{name: "merchant timeline", user: "shop", method: "GET", path: path + "/timeline", status: 200,
			contains: []string{`"action":"agree"`}, absent: []string{"商家退一赔三", `"actor":"medA"`, `"actor":"super"`}}})
		status, body := f.do(t, "super", "GET", path+"/timeline", "", nil)
		if status != 200 {
			t.Fatal(status, body)
		}
		var tl struct {
			Events []struct {
				Action, From, To, Actor string
			}
		}
		_ = json.Unmarshal([]byte(body), &tl)
		var actions []string
		for _, e := range tl.Events {
			actions = append(actions, e.Action)
		}
		want := "intake accept dispatch check_in consent consent start_mediation agree document close note"
		if strings.Join(actions, " ") != want {
			t.Fatalf("timeline %v, want %s", actions, want)
		}
	})
}

// TestComplaintAndReportSplit_R_L1 over the API; the merchant never sees the report (R-L25).
func TestComplaintAndReportSplit_R_L1(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		body := `{"kind":"complaint","also_report":true,"channel":"visit","consumer":{"name":"王五","phone":"13900001111"},
			"merchant_id":` + itoa(f.merchant.ID) + `,"area_id":` + itoa(f.townA.ID) + `,"facts":"电饭煲漏电","report_facts":"销售无3C认证电器"}`
		status, resp := f.do(t, "op", "POST", "/api/v1/matters", body, nil)
		if status != 201 {
			t.Fatal(status, resp)
		}
		var out struct {
			Matters []struct {
				Number, Kind string
				LinkedNumber string `json:"linked_number"`
			}
		}
		_ = json.Unmarshal([]byte(resp), &out)
		if len(out.Matters) != 2 || out.Matters[0].Kind != "complaint" || out.Matters[1].Kind != "report" ||
			out.Matters[0].LinkedNumber != out.Matters[1].Number || out.Matters[1].LinkedNumber != out.Matters[0].Number {
			t.Fatalf("split: %s", resp)
		}
		f.run(t, []scenario{
			{name: "merchant sees the complaint", user: "shop", method: "GET", path: "/api/v1/matters/" + out.Matters[0].Number, status: 200},
			{name: "merchant never sees the report", user: "shop", method: "GET", path: "/api/v1/matters/" + out.Matters[1].Number, status: 404},
			{name: "merchant's list has no report", user: "shop", method: "GET", path: "/api/v1/matters", status: 200,
				contains: []string{`"total":1`}, absent: []string{"销售无3C认证电器", "王五"}},
			{name: "linked number on the case page", user: "op", method: "GET", path: "/api/v1/matters/" + out.Matters[1].Number, status: 200,
				contains: []string{`"linked_number":"` + out.Matters[0].Number + `"`}},
			{name: "filter by kind", user: "op", method: "GET", path: "/api/v1/matters?kind=report", status: 200, contains: []string{`"total":1`}},
			{name: "filter by area", user: "op", method: "GET", path: "/api/v1/matters?area=" + itoa(f.townB.ID), status: 200, contains: []string{`"total":0`}},
			{name: "bad filter", user: "op", method: "GET", path: "/api/v1/matters?state=flying", status: 422},
			{name: "bad page", user: "op", method: "GET", path: "/api/v1/matters?page=0", status: 422},
		})
	})
}
