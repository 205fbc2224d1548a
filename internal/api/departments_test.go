package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestDepartmentsThroughTheAPI_C7_R_L12_R_L13_R_L44: a referral from a bureau becomes a matter;
// the no-authority notice must name the competent bureau (R-L12); only the intake unit takes a
// matter back (R-L13); the reporter's notice is for a real-name reporter's report (R-L44); the
// fraud referral to the police (R-L10) — each refusal a 4xx naming the rule.
func TestDepartmentsThroughTheAPI_C7_R_L12_R_L13_R_L44(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		in := `{"referral":{"department":"other_bureau","department_name":"瑞昌市文化广电新闻出版旅游局","request":"游客投诉旅行社强制购物，转请处理"},
			"matter":{"kind":"complaint","consumer":{"name":"陶文斌","phone":"13767920908","address":"码头镇滨江路12号"},"merchant_name":"某旅行社","merchant_address":"人民路66号","area_id":` + itoa(f.townA.ID) + `,"facts":"强制购物","request":"退款"}}`
		status, body := f.do(t, "super", "POST", "/api/v1/referrals", in, nil)
		var made struct{ Number string }
		if err := json.Unmarshal([]byte(body), &made); status != http.StatusCreated || err != nil || made.Number == "" {
			t.Fatalf("incoming referral: %d %s", status, body)
		}
		n := made.Number
		f.run(t, []scenario{
			{name: "a liaison does not register referrals", user: "liaison", method: "POST", path: "/api/v1/referrals", body: in, status: 403},
			{name: "R-L12 the competent bureau must be named", user: "op", method: "POST", path: "/api/v1/matters/" + n + "/no_authority", body: `{"competent":" "}`, status: 422,
				contains: []string{"court_competent_name"}},
			{name: "R-L12 no-authority notice", user: "op", method: "POST", path: "/api/v1/matters/" + n + "/no_authority", body: `{"competent":"瑞昌市文化广电新闻出版旅游局"}`, status: 204},
			{name: "R-L13 nothing to return before dispatch", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/return", body: `{"reason":"不属本站"}`, status: 409},
			{name: "R-L13 never onward", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/return", body: `{"reason":"不属本站","to_station_id":` + itoa(f.stationB.ID) + `}`, status: 422,
				contains: []string{"court_not_intake_unit"}},
			{name: "R-L44 only a report's real-name reporter", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/reporter_notice", status: 422, contains: []string{"court_not_real_name"}},
			{name: "R-L10 not accepted yet", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/referrals/police",
				body: `{"department_name":"瑞昌市公安局","grounds":["forge"],"facts":"伪造"}`, status: 409, contains: []string{"wrong_state"}},
			{name: "enforcement without a valid ruling", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/court/enforcement", status: 409},
			{name: "a judge at a session of no delegation", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/court/judge", body: `{"session_id":1,"judge":"周法官"}`, status: 409},
		})
		f.run(t, []scenario{
			{name: "R-L10 accepted: referred to the police", user: "op", method: "POST", path: "/api/v1/matters/" + n + "/actions/accept", body: `{}`, status: 200},
			{name: "R-L10 the referral, the mark", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/referrals/police",
				body: `{"department_name":"瑞昌市公安局湓城派出所","grounds":["forge","extortion"],"facts":"伪造票据并索要钱款"}`, status: 201, contains: []string{`"status":"referred_to_police"`}},
			{name: "R-L10 twice", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/referrals/police",
				body: `{"department_name":"瑞昌市公安局湓城派出所","grounds":["forge"],"facts":"再次"}`, status: 409, contains: []string{"already"}},
		})
	})
}
