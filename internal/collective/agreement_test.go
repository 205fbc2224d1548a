package collective

import (
	"testing"
	"time"

	"weiquan/internal/money"
)

// TestJointAgreementRules_R_L5: a representative signs, only once every member consented; each
// share a member's, once, not negative; the tally counts members, consumers and money exactly.
func TestJointAgreementRules_R_L5(t *testing.T) {
	now := time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	mk := func(consented bool) Case {
		c := Case{ID: 7, Status: Confirmed, Members: []Member{
			{MatterID: 1, Number: "A", Representative: true, ConsumerKey: "p1", Amount: 300000},
			{MatterID: 2, Number: "B", ConsumerKey: "p2", Amount: 500000},
			{MatterID: 3, Number: "C", ConsumerKey: "p1", Amount: 123456}}}
		if consented {
			for i := range c.Members {
				c.Members[i].ConsentAt = &now
			}
		}
		return c
	}
	shares := func(s ...Share) []Share { return s }
	for _, tc := range []struct {
		name      string
		consented bool
		a         JointAgreement
		field     string
	}{
		{"before every consent (R-L5)", false, JointAgreement{Terms: "退款", Representative: 1, Shares: shares(Share{MatterID: 1, Amount: 1})}, "consents"},
		{"signed by no representative (R-L5)", true, JointAgreement{Terms: "退款", Representative: 2, Shares: shares(Share{MatterID: 1, Amount: 1})}, "representative"},
		{"no terms", true, JointAgreement{Representative: 1, Shares: shares(Share{MatterID: 1, Amount: 1})}, "terms"},
		{"no shares", true, JointAgreement{Terms: "退款", Representative: 1}, "shares"},
		{"a stranger's share", true, JointAgreement{Terms: "退款", Representative: 1, Shares: shares(Share{MatterID: 9, Amount: 1})}, "shares"},
		{"a member twice", true, JointAgreement{Terms: "退款", Representative: 1, Shares: shares(Share{MatterID: 1, Amount: 1}, Share{MatterID: 1, Amount: 1})}, "shares"},
		{"a negative share", true, JointAgreement{Terms: "退款", Representative: 1, Shares: shares(Share{MatterID: 2, Amount: -1})}, "shares"},
		{"fine", true, JointAgreement{Terms: "退款", Representative: 1, Shares: shares(Share{MatterID: 1, Amount: 300000}, Share{MatterID: 3, Amount: 123456})}, ""},
	} {
		c := mk(tc.consented)
		err := c.ValidateJoint(&tc.a)
		if tc.field == "" {
			if err != nil || tc.a.Total != money.Fen(423456) || tc.a.Shares[1].Number != "C" || tc.a.CaseID != 7 {
				t.Fatalf("%s: %v %+v", tc.name, err, tc.a)
			}
			continue
		}
		refused(t, err, tc.field)
	}
	c := mk(true)
	if err := c.MayActFor(1, WaiveRequests); err != nil {
		t.Fatal(err)
	}
	nc := mk(false)
	refused(t, nc.MayActFor(1, ChangeRequests), "consents")
	refused(t, c.MayActFor(1, "sell"), "act")
	c.Members[0].Agreed, c.Members[0].Recovered = true, 300000
	c.Members[2].Agreed, c.Members[2].Recovered = true, 123456
	tl := c.Tally()
	if tl.Members != 3 || tl.Consumers != 2 || tl.Agreed != 2 || tl.Recovered != 423456 || tl.InDispute != 923456 || !tl.Represented {
		t.Fatalf("tally %+v", tl)
	}
}
