package api_test

import (
	"context"
	"net/http"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/testdb"
)

// mediationSteps are the steps of POST /api/v1/matters/{number}/mediation/{step}, and one
// that does not exist.
var mediationSteps = []string{"agent", "consent", "consent_code", "consent_confirm", "delegation", "declaration", "session", "minutes",
	"recusal", "recusal_decision", "agreement", "signature", "fulfilment", "accept_offer", "callback", "appraisal", "appraisal_end", "facts", "consent_link", "nonsense"}

// newMediationFuzz is a complaint against the fixture's registered merchant, accepted, both
// parties' consent on record and mediation started, so every step reaches its rules.
func newMediationFuzz(f *testing.F) (*courtFuzz, string) {
	fx := newFixture(f, testdb.SQLite(f))
	ctx := context.Background()
	op, sup := fx.users["op"], fx.users["super"]
	n := fx.accepted(f).Number
	for _, side := range mediation.Sides {
		if _, err := fx.svc.RecordConsent(ctx, auth.As(&op), n, mediation.Consent{Side: side, Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意"}); err != nil {
			f.Fatal(err)
		}
	}
	if _, err := fx.svc.Act(ctx, auth.As(&sup), n, casework.StartMediation, casework.ActionInput{}); err != nil {
		f.Fatal(err)
	}
	return &courtFuzz{fixture: fx, number: n}, n
}

// FuzzMediationStepBody: whatever body comes with whichever mediation step — amounts by kind,
// a signature's PNG in base64, dates, sessions, facts — the answer is the mediation file or
// field errors (422, 409, 403, 404), never a 5xx (issue 9's bad input).
func FuzzMediationStepBody(f *testing.F) {
	f.Add(uint8(10), `{"agreement":{"terms":"退款","mode":"on_site","performed_on_spot":true,"amounts":[{"kind":"refund","amount":36050}],"recovered_amount":36050}}`)
	f.Add(uint8(10), `{"agreement":{"terms":"x","amounts":[{"kind":"refund","amount":9223372036854775807},{"kind":"refund","amount":1}],"recovered_amount":-9223372036854775808}}`)
	f.Add(uint8(11), `{"side":"complainant","signer_name":"张三","method":"drawn","image":"iVBORw0KGgo="}`)
	f.Add(uint8(11), `{"side":"respondent","signer_name":"码头镇好又多超市","method":"scanned","attachment_id":-1,"image":"!!"}`)
	f.Add(uint8(12), `{"fulfilment":{"status":"partly","paid":-5,"at":"0001-01-01T00:00:00Z"}}`)
	f.Add(uint8(6), `{"session":{"at":"2026-12-01T10:00:00+08:00","mode":"video","meeting_link":"javascript:alert(1)","mediators":[0,-1]}}`)
	f.Add(uint8(1), `{"side":"complainant","purpose":"mediation","method":"phone","said":"同意"}`)
	f.Add(uint8(17), `{"facts":{"known_on":"9999-12-31","prepaid":{"paid":-1,"consumed":99999999999}}}`)
	f.Add(uint8(0), `{"name":"李四","id_type":"resident_id","id_number":"1","authority":"special","term_from":"2026-13-40"}`)
	f.Add(uint8(18), `[]`)
	c, n := newMediationFuzz(f)
	f.Fuzz(func(t *testing.T, step uint8, body string) {
		c.post(t, "super", "/api/v1/matters/"+n+"/mediation/"+mediationSteps[int(step)%len(mediationSteps)], body, http.StatusOK)
	})
}

// FuzzMerchantAnswerBody: whatever a merchant's user sends as its answer to a complaint (C12) —
// accept, offer with amounts, dispute with evidence — the answer is recorded once or refused
// with field errors, never a 5xx.
func FuzzMerchantAnswerBody(f *testing.F) {
	f.Add(`{"answer":"offer","terms":"退还货款","amounts":[{"kind":"refund","amount":12000}],"due_date":"2026-12-10"}`)
	f.Add(`{"answer":"accept","text":"同意退货"}`)
	f.Add(`{"answer":"dispute","text":"","evidence":[-1,0,99]}`)
	f.Add(`{"answer":"offer","terms":"\u0000","amounts":[{"kind":"gift","amount":-1}],"due_date":"1999-02-30"}`)
	f.Add(`{"answer":null}`)
	c, n := newMediationFuzz(f)
	f.Fuzz(func(t *testing.T, body string) {
		c.post(t, "shop", "/api/v1/matters/"+n+"/answer", body, http.StatusCreated)
	})
}
