package api_test

import (
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAppraisalAndFactsOverAPI_R_L8_R_L17_R_L47: testing from acceptance stops the mediation
// clock and is one at a time; the facts come back as helpers; bad input is 422 or 409 with its
// field, and merchants take no such step.
func TestAppraisalAndFactsOverAPI_R_L8_R_L17_R_L47(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		num := f.intake(t, "")
		path := "/api/v1/matters/" + num
		test := `{"appraisal":{"agency":"县产品质量检验所","chosen_by":"parties","cost":"300.00","payer":"respondent","cost_agreed":true}}`
		f.run(t, []scenario{
			{name: "testing before acceptance", user: "medA", method: "POST", path: path + "/mediation/appraisal", body: test, status: 409,
				contains: []string{`"field":"state"`}},
			{name: "accept", user: "op", method: "POST", path: path + "/actions/accept", status: 200},
			{name: "costs not agreed", user: "medA", method: "POST", path: path + "/mediation/appraisal",
				body: `{"appraisal":{"agency":"县产品质量检验所","chosen_by":"parties","payer":"respondent"}}`, status: 422,
				contains: []string{`"field":"cost_agreed"`}},
			{name: "an operator may not", user: "op", method: "POST", path: path + "/mediation/appraisal", body: test, status: 403},
			{name: "merchants may not", user: "shop", method: "POST", path: path + "/mediation/appraisal", body: test, status: 403},
			{name: "testing from acceptance (R-L17)", user: "medA", method: "POST", path: path + "/mediation/appraisal", body: test, status: 200,
				contains: []string{`"agency":"县产品质量检验所"`, `"cost":300.00`}},
			{name: "the clock stands still", user: "medA", method: "GET", path: path + "/deadlines", status: 200, contains: []string{`"status":"paused"`}},
			{name: "one at a time", user: "medA", method: "POST", path: path + "/mediation/appraisal", body: test, status: 409,
				contains: []string{`"code":"already"`}},
			{name: "no result", user: "medA", method: "POST", path: path + "/mediation/appraisal_end", body: `{"appraisal_id":1}`, status: 422,
				contains: []string{`"field":"result"`}},
			{name: "facts in the future (R-L8)", user: "op", method: "POST", path: path + "/mediation/facts", body: `{"facts":{"known_on":"2099-01-01"}}`,
				status: 422, contains: []string{`"field":"known_on"`}},
			{name: "facts (R-L8, R-L47)", user: "op", method: "POST", path: path + "/mediation/facts",
				body:   `{"facts":{"known_on":"2020-01-01","prepaid":{"paid_on":"2026-01-01","paid":"1000.00","consumed":"200.00","fault":"consumer"}}}`,
				status: 200, contains: []string{`"suggest":true`, `"code":"R16-4"`, `"balance":800.00`, `"interest_basis":"deposit_1y"`}},
		})
	})
}
