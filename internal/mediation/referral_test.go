package mediation

import (
	"testing"

	"weiquan/internal/casework"
)

// TestOnFraud_R_L10: suspected fraud or extortion refers the matter to the police, marks it
// 移送公安, and ends a running mediation with T6 (Order 121 Art.42, 23(6)).
func TestOnFraud_R_L10(t *testing.T) {
	now := at(t, "2026-05-20 15:00")
	cases := []struct {
		name      string
		m         casework.Matter
		grounds   []Fraud
		terminate string // "" = no termination
		basis     string
		errs      []string
	}{
		{"mediating under Order 121: T6", complaint(t, casework.Mediating), []Fraud{FraudSwap}, "T6", "Order 121 Art.42", nil},
		{"suspended for testing: T6 too", complaint(t, casework.Suspended), []Fraud{FraudForge, Extortion}, "T6", "Order 121 Art.42", nil},
		{"accepted, mediation not started: referral only", complaint(t, casework.Accepted), []Fraud{FraudFabricate}, "", "Order 121 Art.42", nil},
		{"Order 20 has no fraud ground: T7 other grounds", order20(t, casework.Mediating), []Fraud{FraudTamper}, "T7", "治安管理处罚法", nil},
		{"no grounds given", complaint(t, casework.Mediating), nil, "", "", []string{"grounds:required"}},
		{"unknown ground", complaint(t, casework.Mediating), []Fraud{"rudeness"}, "", "", []string{"grounds:one_of"}},
		{"closed matter", complaint(t, casework.Closed), []Fraud{FraudSwap}, "", "", []string{"state:wrong_state"}},
	}
	for _, c := range cases {
		d, err := OnFraud(c.m, "某县公安局城关派出所", c.grounds, "调换了送检的样品", now)
		want(t, c.name, err, c.errs...)
		if err != nil {
			continue
		}
		if d.Status != StatusReferredToPolice || d.Referral.Department != Police || d.Referral.Direction != Outgoing ||
			d.Referral.Basis != c.basis || d.Referral.MatterID != c.m.ID || !d.Referral.ReferredAt.Equal(now) {
			t.Errorf("%s: decision %+v", c.name, d)
		}
		got := ""
		if d.Terminate != nil {
			got = d.Terminate.Code
		}
		if got != c.terminate {
			t.Errorf("%s: terminate %q, want %q", c.name, got, c.terminate)
		}
	}
}

// TestReferralAnswer_C7: the referral record takes an answer from the department asked, once —
// the shape issue 10's referral workflow will use.
func TestReferralAnswer_C7(t *testing.T) {
	now := at(t, "2026-05-20 15:00")
	r := Referral{Direction: Outgoing, Department: OtherBureau, DepartmentName: "县卫生健康局", Request: "请核查医美机构资质",
		DueDate: ptr(day(t, "2026-06-05"))}
	want(t, "new referral", r.Validate(now))
	past := r
	past.DueDate = ptr(day(t, "2026-05-19"))
	want(t, "due date in the past", past.Validate(now), "due_date:past")
	bad := Referral{Direction: "sideways", Department: "army"}
	want(t, "empty referral", bad.Validate(now), "direction:one_of", "department:one_of", "department_name:required", "request:required")

	a := ReferralAnswer{DepartmentName: "县教育局", Text: "已核查"}
	want(t, "answer from a department that was not asked", r.ValidateAnswer(&a, now), "department_name:not_party")
	a = ReferralAnswer{DepartmentName: "县卫生健康局", Text: "已核查，无资质，已立案", At: now.Add(1e9 * 3600)}
	want(t, "answer dated in the future", r.ValidateAnswer(&a, now), "at:future")
	a.At = now
	want(t, "answer", r.ValidateAnswer(&a, now))
	r.Answer = &a
	want(t, "second answer", r.ValidateAnswer(&ReferralAnswer{DepartmentName: "县卫生健康局", Text: "补充"}, now), "answer:already")
}
