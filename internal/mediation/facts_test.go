package mediation

import (
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/money"
)

// TestFactsValidate_R_L8_R_L46_R_L47: what the case page's helpers are given is checked before
// it is kept — no day in the future, a return not before the receipt, a refund not asked before
// paying, an override that names its law.
func TestFactsValidate_R_L8_R_L46_R_L47(t *testing.T) {
	m := complaint(t, casework.Accepted)
	today := day(t, "2026-05-10")
	cases := []struct {
		name string
		f    Facts
		want []string
	}{
		{"nothing", Facts{}, nil},
		{"known in the future (R-L8)", Facts{KnownOn: ptr(day(t, "2026-05-11"))}, []string{"known_on:future"}},
		{"override without the law (R-L8)", Facts{Override: &Override{LawOtherwise: true}}, []string{"override.note:required"}},
		{"override with the law (R-L8)", Facts{Override: &Override{LawOtherwise: true, Note: "产品质量法第四十五条：损害赔偿十年"}}, nil},
		{"purchase without receipt (R-L46)", Facts{Purchase: &Purchase{Distance: true}}, []string{"purchase.received_on:required"}},
		{"return before receipt (R-L46)", Facts{Purchase: &Purchase{ReceivedOn: day(t, "2026-05-05"), ReturnReceivedOn: ptr(day(t, "2026-05-04"))}},
			[]string{"purchase.return_received_on:conflict"}},
		{"unknown exclusion (R-L46)", Facts{Purchase: &Purchase{ReceivedOn: day(t, "2026-05-05"), Excluded: "cheap"}}, []string{"purchase.excluded:one_of"}},
		{"refund asked before paying (R-L47)", Facts{Prepaid: &Prepaid{PaidOn: day(t, "2026-05-05"), RequestedOn: day(t, "2026-05-04")}},
			[]string{"prepaid.requested_on:conflict"}},
		{"negative amounts, odd fault (R-L47)", Facts{Prepaid: &Prepaid{PaidOn: day(t, "2026-05-05"), Paid: -1, Consumed: -1, Fault: "both"}},
			[]string{"prepaid.paid:negative", "prepaid.consumed:negative", "prepaid.fault:one_of"}},
	}
	for _, c := range cases {
		want(t, c.name, c.f.Validate(m, today), c.want...)
	}
	r := casework.Matter{Kind: casework.Report, State: casework.Received}
	want(t, "a report has no such facts", (&Facts{}).Validate(r, today), "state:wrong_state")
}

// TestHelpersFor_R_L8_R_L46_R_L47: the case page suggests R16-4 when the infringement was known
// more than three years before receipt and no override names a longer period (R-L8); shows the
// return windows (R-L46) and the prepaid card's view (R-L47).
func TestHelpersFor_R_L8_R_L46_R_L47(t *testing.T) {
	m := complaint(t, casework.Received) // received 2026-05-06
	today := day(t, "2026-05-10")
	old, recent := day(t, "2023-05-05"), day(t, "2023-05-06")

	h := HelpersFor(m, Facts{KnownOn: &old}, today)
	if h.Limitation == nil || h.Limitation.Reason.Code != "R16-4" || h.Limitation.Cutoff != recent {
		t.Errorf("known 3 years and a day before: %+v, want R16-4 with cutoff %s", h.Limitation, recent)
	}
	if h := HelpersFor(m, Facts{KnownOn: &recent}, today); h.Limitation != nil {
		t.Errorf("known exactly 3 years before: %+v, want no suggestion", h.Limitation)
	}
	if h := HelpersFor(m, Facts{KnownOn: &old, Override: &Override{LawOtherwise: true, Note: "产品质量法"}}, today); h.Limitation != nil {
		t.Errorf("overridden: %+v, want no suggestion", h.Limitation)
	}
	o20 := order20(t, casework.Received)
	if h := HelpersFor(o20, Facts{KnownOn: &old}, today); h.Limitation == nil || h.Limitation.Reason.Code != "R15-4" {
		t.Errorf("Order 20: %+v, want R15-4", h.Limitation)
	}

	h = HelpersFor(m, Facts{Purchase: &Purchase{ReceivedOn: day(t, "2026-05-04"), Distance: true}}, today)
	if len(h.Returns) != 1 || !h.Returns[0].Open || h.Returns[0].LastDay != day(t, "2026-05-11") {
		t.Errorf("online purchase received 4 May, on 10 May: %+v, want Art.25 open to 11 May", h.Returns)
	}

	h = HelpersFor(m, Facts{Prepaid: &Prepaid{PaidOn: day(t, "2026-05-01"), RequestedOn: day(t, "2026-05-06"), Paid: 368000, Consumed: 68000,
		Fault: BusinessFault, ClosingOrMoving: true, Evading: true}}, today)
	want := PrepaidView{CoolingOff: true, CoolingOffLast: day(t, "2026-05-08"), Balance: 300000, InterestBasis: "lpr_1y",
		MissingContract: true, PunitiveDamages: true, NotifyCardholders: true}
	if h.Prepaid == nil || *h.Prepaid != want {
		t.Errorf("prepaid: %+v, want %+v", h.Prepaid, want)
	}
	if h := HelpersFor(m, Facts{}, today); h.Limitation != nil || h.Returns != nil || h.Prepaid != nil || h.Fraud != nil {
		t.Errorf("no facts, no amount in dispute: %+v, want nothing", h)
	}
}

// TestHelpersForFraud_R_L45: beside the agreement, the helper shows what CRPL Art.55 would add
// for fraud on the complaint's amount in dispute — three times it, at least ¥500 — once an
// amount is named; a report has none.
func TestHelpersForFraud_R_L45(t *testing.T) {
	today := day(t, "2026-05-10")
	cases := []struct {
		name      string
		kind      casework.Kind
		price     money.Fen
		want      money.Fen
		hasHelper bool
	}{
		{"no amount in dispute", casework.Complaint, 0, 0, false},
		{"a small price: the ¥500 floor", casework.Complaint, 100_00, 500_00, true},
		{"just under the floor", casework.Complaint, 166_66, 500_00, true},
		{"three times the price", casework.Complaint, 2_360_50, 7_081_50, true},
		{"a report has no mediation", casework.Report, 2_360_50, 0, false},
	}
	for _, c := range cases {
		m := complaint(t, casework.Accepted)
		m.Kind, m.AmountInDispute = c.kind, c.price
		h := HelpersFor(m, Facts{}, today)
		if (h.Fraud != nil) != c.hasHelper || h.Fraud != nil && (h.Fraud.Price != c.price || h.Fraud.Compensation != c.want) {
			t.Errorf("%s: %+v, want %v on %v", c.name, h.Fraud, c.want, c.price)
		}
	}
}
