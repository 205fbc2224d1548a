package mediation

import (
	"testing"

	"weiquan/internal/casework"
)

// TestMerchantAnswer_C12: a merchant answers an open complaint once — accepting, offering terms
// and amounts that add up (R-S6), or disputing with reasons; a closed complaint or a second
// answer is refused.
func TestMerchantAnswer_C12(t *testing.T) {
	now := at(t, "2026-05-10 10:00")
	offer := func() MerchantAnswer {
		return MerchantAnswer{Kind: OfferSettle, Terms: "退还余额并赔偿", Amounts: []Amount{{Kind: Refund, Amount: 300_00}, {Kind: Compensation, Amount: 60_50}}}
	}
	cases := []struct {
		name     string
		state    casework.State
		a        MerchantAnswer
		existing *MerchantAnswer
		errs     []string
	}{
		{"accept", casework.Accepted, MerchantAnswer{Kind: AcceptRequest, Text: "同意退款"}, nil, nil},
		{"offer", casework.Mediating, offer(), nil, nil},
		{"offer without terms", casework.Accepted, MerchantAnswer{Kind: OfferSettle}, nil, []string{"terms:required"}},
		{"offer with a negative amount", casework.Accepted, MerchantAnswer{Kind: OfferSettle, Terms: "x", Amounts: []Amount{{Kind: Refund, Amount: -1}}}, nil, []string{"amounts:negative"}},
		{"dispute needs reasons", casework.Accepted, MerchantAnswer{Kind: DisputeClaim}, nil, []string{"text:required"}},
		{"unknown answer", casework.Accepted, MerchantAnswer{Kind: "maybe"}, nil, []string{"answer:one_of"}},
		{"closed complaint", casework.Closed, MerchantAnswer{Kind: AcceptRequest}, nil, []string{"state:wrong_state"}},
		{"second answer", casework.Accepted, MerchantAnswer{Kind: AcceptRequest}, &MerchantAnswer{Kind: DisputeClaim}, []string{"answer:already"}},
	}
	for _, c := range cases {
		a := c.a
		want(t, c.name, ValidateAnswer(complaint(t, c.state), &a, c.existing, now), c.errs...)
		if c.name == "offer" && a.Offered != 360_50 {
			t.Errorf("offered %v, want 360.50", a.Offered)
		}
	}
}

// TestAcceptOffer_R_S6: an offer the consumer accepts becomes the agreement with its amounts and
// their sum as the recovered amount; only once, and only an offer.
func TestAcceptOffer_R_S6(t *testing.T) {
	now := at(t, "2026-05-12 10:00")
	m := complaint(t, casework.Mediating)
	a := MerchantAnswer{Kind: OfferSettle, Terms: "退款", Amounts: []Amount{{Kind: Refund, Amount: 120_00}}}
	if err := ValidateAnswer(m, &a, nil, at(t, "2026-05-10 10:00")); err != nil {
		t.Fatal(err)
	}
	ag, err := a.AcceptOffer(m, now)
	if err != nil || ag.Recovered != 120_00 || ag.Terms != "退款" || !ag.PerformedOnSpot || a.AcceptedAt == nil {
		t.Fatalf("%+v %v", ag, err)
	}
	_, err = a.AcceptOffer(m, now)
	want(t, "twice", err, "answer:already")
	d := MerchantAnswer{Kind: DisputeClaim, Text: "不同意"}
	_, err = d.AcceptOffer(m, now)
	want(t, "a dispute", err, "answer:wrong_state")
	a2 := MerchantAnswer{Kind: OfferSettle, Terms: "退款", Amounts: []Amount{{Kind: Refund, Amount: 1}}, Offered: 1}
	_, err = a2.AcceptOffer(complaint(t, casework.Accepted), now)
	want(t, "not mediating", err, "state:wrong_state")
}
