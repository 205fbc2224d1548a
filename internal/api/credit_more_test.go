package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCreditSettingsAndListsAPI: the thresholds read by staff and changed by an admin over
// their current values (a bad value refused with its field, nothing stored); the procedures
// and honours listed for staff; a joint agreement on an unknown case is not found.
func TestCreditSettingsAndListsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var set service.CreditSettings
		o.call(auth.Operator, "GET", "/api/v1/settings/credit", "", 200, &set)
		if set.Collective.MinMatters != service.DefaultCreditSettings().Collective.MinMatters {
			t.Fatalf("defaults %+v", set.Collective)
		}
		o.call(auth.Admin, "PUT", "/api/v1/settings/credit", `{"collective": {"min_matters": 7}}`, 200, &set)
		if set.Collective.MinMatters != 7 || set.Collective.WindowDays != service.DefaultCreditSettings().Collective.WindowDays {
			t.Fatalf("a partial update: %+v", set.Collective)
		}
		var eb errorBody
		o.call(auth.Admin, "PUT", "/api/v1/settings/credit", `{"collective": {"min_matters": -1}}`, 422, &eb)
		if len(eb.Errors) == 0 {
			t.Fatal("no field error")
		}
		o.call(auth.Operator, "GET", "/api/v1/settings/credit", "", 200, &set)
		if set.Collective.MinMatters != 7 {
			t.Fatal("a refused change was stored")
		}
		o.call(auth.Supervisor, "PUT", "/api/v1/settings/credit", `{}`, 403, nil)
		var ls struct {
			Listings []any `json:"listings"`
		}
		o.call(auth.Operator, "GET", "/api/v1/credit/listings?active=1", "", 200, &ls)
		if ls.Listings == nil {
			t.Fatal("listings is not a list")
		}
		var hs struct {
			Honours []any `json:"honours"`
		}
		o.call(auth.Mediator, "GET", "/api/v1/credit/honours", "", 200, &hs)
		if hs.Honours == nil {
			t.Fatal("honours is not a list")
		}
		o.call(auth.Mediator, "POST", "/api/v1/collective/999/agreement", `{"terms":"退款","representative_matter_id":1,"shares":[]}`, 404, nil)
		o.call(auth.Operator, "POST", "/api/v1/collective/999/agreement", `{}`, 403, nil)
	})
}

// TestJointComplaintOverAPI_R_L5: a confirmed case's representatives elected and every
// member's consent recorded over JSON; the joint agreement refused before the last consent and
// recorded after it, with each member's refund; one notice to every member.
func TestJointComplaintOverAPI_R_L5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		ctx := context.Background()
		o.call(auth.Admin, "PUT", "/api/v1/settings/credit", `{"collective": {"min_matters": 3, "min_similarity": 0.12}}`, 200, nil)
		user := func(name string, role auth.Role) *auth.User {
			u := &auth.User{Username: name, Role: role, Lang: "zh-CN", Active: true, AreaID: &o.county.ID}
			must(t, o.svc.CreateUser(ctx, u, "joint-test-pass"))
			return u
		}
		op, med := user("op-joint", auth.Operator), user("med-joint", auth.Mediator)
		var numbers []string
		for i, f := range []string{"健身房停业关门，预付年卡3000元无法退还。", "健身房突然停业，预付卡余额无法退还。", "办理的预付卡健身房停业关门，要求退还余额。"} {
			o.clock.t = o.clock.t.Add(10 * time.Minute)
			ms, err := o.svc.Intake(ctx, auth.As(op), casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &o.village.ID,
				Consumer:     casework.Party{Name: fmt.Sprintf("会员%d", i+1), Phone: fmt.Sprintf("1390000001%d", i), Address: "红星村1号"},
				MerchantName: "无名健身房", MerchantAddress: "人民路1号", Facts: f, Request: "退款", AmountInDispute: 3000_00})
			must(t, err)
			numbers = append(numbers, ms[0].Number)
		}
		var list struct {
			Cases []struct {
				ID int64 `json:"id"`
			} `json:"cases"`
		}
		o.call(auth.Supervisor, "GET", "/api/v1/collective", "", 200, &list)
		if len(list.Cases) != 1 {
			t.Fatalf("cases %+v", list)
		}
		base := fmt.Sprintf("/api/v1/collective/%d", list.Cases[0].ID)
		o.call(auth.Supervisor, "POST", base+"/decision", `{"confirm": true}`, 200, nil)
		var c collective.Case
		o.call(auth.Supervisor, "GET", base, "", 200, &c)
		for i := 0; i < 2; i++ {
			o.call(auth.Operator, "POST", base+"/members", fmt.Sprintf(`{"action":"elect","matter_id":%d,"ref":"推选书%d"}`, c.Members[i].MatterID, i+1), 200, nil)
		}
		o.call(auth.Operator, "POST", base+"/members", fmt.Sprintf(`{"action":"elect","matter_id":%d,"ref":"推选书3"}`, c.Members[2].MatterID), 422, nil)
		for _, n := range numbers {
			_, err := o.svc.Act(ctx, auth.As(op), n, casework.Accept, casework.ActionInput{})
			must(t, err)
			for _, side := range []mediation.Side{mediation.Complainant, mediation.Respondent} {
				_, err := o.svc.RecordConsent(ctx, auth.As(med), n, mediation.Consent{Side: side, Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意"})
				must(t, err)
			}
			_, err = o.svc.Act(ctx, auth.As(med), n, casework.StartMediation, casework.ActionInput{})
			must(t, err)
		}
		agree := fmt.Sprintf(`{"terms":"分别退还预付卡余额","representative_matter_id":%d,"performed_on_spot":true,"shares":[{"matter_id":%d,"amount":1000.01},{"matter_id":%d,"amount":2000.02},{"matter_id":%d,"amount":3000.03}]}`,
			c.Members[0].MatterID, c.Members[0].MatterID, c.Members[1].MatterID, c.Members[2].MatterID)
		var eb errorBody
		o.call(auth.Mediator, "POST", base+"/agreement", agree, 422, &eb)
		if eb.Errors[0].Field != "consents" {
			t.Fatalf("before the consents: %+v", eb)
		}
		for _, m := range c.Members {
			o.call(auth.Operator, "POST", base+"/members", fmt.Sprintf(`{"action":"consent","matter_id":%d,"ref":"同意书"}`, m.MatterID), 200, nil)
		}
		var ja collective.JointAgreement
		o.call(auth.Mediator, "POST", base+"/agreement", agree, 201, &ja)
		if ja.Total != 6000_06 || len(ja.Shares) != 3 {
			t.Fatalf("joint agreement %+v", ja)
		}
		o.call(auth.Supervisor, "GET", base, "", 200, &c)
		if tl := c.Tally(); tl.Agreed != 3 || tl.Recovered != 6000_06 || tl.Consumers != 3 {
			t.Fatalf("tally %+v", tl)
		}
		o.call(auth.Operator, "POST", base+"/notify", `{"text":"请于本周五前到服务站领取退款"}`, 200, nil)
		o.call(auth.Operator, "POST", base+"/notify", `{"text":""}`, 422, nil)
		o.call(auth.Operator, "POST", base+"/represent", fmt.Sprintf(`{"representative_matter_id":%d,"act":"waive_requests","note":"放弃赔偿请求"}`, c.Members[1].MatterID), 200, nil)
	})
}
