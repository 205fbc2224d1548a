package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/mediation"
	"weiquan/internal/testdb"
)

// courtFuzz is the fixture the court's fuzzers share: a court with its system's key, a
// complaint, and a referral of it to a bureau awaiting the answer.
type courtFuzz struct {
	*fixture
	number   string
	referral int64
}

func newCourtFuzz(f *testing.F) *courtFuzz {
	fx := newFixture(f, testdb.SQLite(f))
	ctx := context.Background()
	st := dispatch.Station{AreaID: fx.city.ID, Name: "瑞昌市人民法院", HostType: dispatch.HostCentre, Active: true}
	if err := fx.svc.SaveStation(ctx, &st); err != nil {
		f.Fatal(err)
	}
	admin := fx.users["admin"]
	key, _, err := fx.svc.CreateCourtAPIKey(ctx, auth.As(&admin), "法院系统", st.ID)
	if err != nil {
		f.Fatal(err)
	}
	fx.tokens["court"] = key
	c := &courtFuzz{fixture: fx}
	op := fx.users["op"]
	ms, err := fx.svc.Intake(ctx, auth.As(&op), fuzzComplaint(fx))
	if err != nil {
		f.Fatal(err)
	}
	c.number = ms[0].Number
	sup := fx.users["super"]
	r, err := fx.svc.Refer(ctx, auth.As(&sup), c.number, mediation.Referral{Department: mediation.OtherBureau, DepartmentName: "瑞昌市卫生健康委员会", Request: "请核查"})
	if err != nil {
		f.Fatal(err)
	}
	c.referral = r.ID
	return c
}

// post sends body as user and fails on a 5xx or an error without the errors body.
func (c *courtFuzz) post(t *testing.T, user, path, body string, ok int) {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.tokens[user])
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	c.srv.Config.Handler.ServeHTTP(rec, req)
	if rec.Code >= 500 {
		t.Fatalf("%s %q -> %d %s", path, body, rec.Code, rec.Body)
	}
	if rec.Code != ok && !strings.Contains(rec.Body.String(), `"errors"`) {
		t.Fatalf("%s %q -> %d without errors body", path, body, rec.Code)
	}
}

// FuzzCourtDelegationBody: whatever a court's system sends to delegate a dispute, the answer
// is a delegation or field errors, never a 5xx.
func FuzzCourtDelegationBody(f *testing.F) {
	f.Add(`{"dispute":{"consumer":{"name":"王小明","phone":"13800138000"},"merchant_name":"某店","merchant_address":"某路1号","facts":"x","request":"y"},"stage":"pre_filing","court_ref":"(2026)赣0481诉前调7号"}`)
	f.Add(`{"dispute":null,"stage":"post_filing_summary","delegated_on":"2099-01-01","court_ref":"（）号"}`)
	f.Add(`{"stage":"pre_filing","court_station_id":-1,"judge_name":"\u0000"}`)
	f.Add(`[1,2]`)
	c := newCourtFuzz(f)
	f.Fuzz(func(t *testing.T, body string) {
		c.post(t, "court", "/api/v1/court/delegations", body, http.StatusCreated)
	})
}

// FuzzReferralAnswerBody: whatever comes back as a department's answer to a referral, the
// answer is recorded once or refused with field errors (not asked, twice, bad text), never a 5xx.
func FuzzReferralAnswerBody(f *testing.F) {
	f.Add(`{"department_name":"瑞昌市卫生健康委员会","text":"已核查"}`)
	f.Add(`{"department_name":"瑞昌市公安局","text":"已处理","at":"2099-01-01T00:00:00Z"}`)
	f.Add(`{"department_name":"","text":"","documents":[-1,0]}`)
	f.Add(`{"text":"\ud800"}`)
	c := newCourtFuzz(f)
	f.Fuzz(func(t *testing.T, body string) {
		c.post(t, "super", "/api/v1/matters/"+c.number+"/referrals/"+itoa(c.referral)+"/answer", body, http.StatusOK)
	})
}

// FuzzPoliceBody: whatever is sent to refer suspected fraud to the police (R-L10), the answer
// is the referral or field errors, never a 5xx.
func FuzzPoliceBody(f *testing.F) {
	f.Add(`{"department_name":"瑞昌市公安局湓城派出所","grounds":["forge"],"facts":"伪造凭证","due_date":"2026-12-20"}`)
	f.Add(`{"department_name":"x","grounds":["rudeness"],"facts":"","due_date":"1999-01-01","documents":[99]}`)
	f.Add(`{"grounds":null}`)
	c := newCourtFuzz(f)
	f.Fuzz(func(t *testing.T, body string) {
		c.post(t, "super", "/api/v1/matters/"+c.number+"/referrals/police", body, http.StatusCreated)
	})
}

func fuzzComplaint(fx *fixture) casework.IntakeInput {
	return casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &fx.townA.ID,
		Consumer: casework.Party{Name: "张三", Phone: "13800138000", Address: "码头镇码头村3组"}, MerchantID: &fx.merchant.ID,
		Facts: "买到过期牛奶", Request: "退货"}
}
