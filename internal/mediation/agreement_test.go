package mediation

import (
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/money"
)

func goodAgreement(t testing.TB) Agreement {
	return Agreement{Terms: "被投诉人退还预付卡余额并赔偿。", Mode: OnSite, DueDate: ptr(day(t, "2026-05-20")),
		Amounts:   []Amount{{Kind: Refund, Amount: 2_360_50}, {Kind: Compensation, Amount: 500_00}},
		Recovered: 2_860_50, AgreedAt: at(t, "2026-05-12 11:00")}
}

// TestAgreement_R_S6: the amounts by kind add up to the recovered amount, fen-exact; performance
// is on the spot or by a due date not before the agreement (the bad input).
func TestAgreement_R_S6(t *testing.T) {
	now := at(t, "2026-05-12 12:00")
	cases := []struct {
		name   string
		m      casework.Matter
		change func(*Agreement)
		want   []string
	}{
		{"refund and compensation add up (R-S6)", complaint(t, casework.Mediating), func(*Agreement) {}, nil},
		{"performed on the spot", complaint(t, casework.Mediating), func(a *Agreement) { a.PerformedOnSpot, a.DueDate = true, nil }, nil},
		{"a fulfilment date on the day of agreement", complaint(t, casework.Mediating), func(a *Agreement) { a.DueDate = ptr(day(t, "2026-05-12")) }, nil},
		{"no money, only an apology", complaint(t, casework.Mediating), func(a *Agreement) { a.Amounts, a.Recovered = nil, 0 }, nil},
		{"amounts that do not add up, by one fen (R-S6)", complaint(t, casework.Mediating), func(a *Agreement) { a.Recovered = 2_860_49 },
			[]string{"recovered_amount:sum_mismatch"}},
		{"fulfilment date before the agreement", complaint(t, casework.Mediating), func(a *Agreement) { a.DueDate = ptr(day(t, "2026-05-11")) },
			[]string{"due_date:before_agreement"}},
		{"neither on the spot nor a date", complaint(t, casework.Mediating), func(a *Agreement) { a.DueDate = nil },
			[]string{"due_date:required"}},
		{"both on the spot and a date", complaint(t, casework.Mediating), func(a *Agreement) { a.PerformedOnSpot = true },
			[]string{"due_date:conflict"}},
		{"no terms, unknown kind, negative amount", complaint(t, casework.Mediating), func(a *Agreement) {
			a.Terms = ""
			a.Amounts = []Amount{{Kind: "gift", Amount: 1}, {Kind: Repair, Amount: -1}}
			a.Recovered = 0
		}, []string{"terms:required", "amounts:one_of", "amounts:negative"}},
		{"agreement on a matter not being mediated", complaint(t, casework.Accepted), func(*Agreement) {}, []string{"state:wrong_state"}},
		{"agreed in the future", complaint(t, casework.Mediating), func(a *Agreement) { a.AgreedAt = now.Add(time.Hour) }, []string{"agreed_at:future"}},
	}
	for _, c := range cases {
		a := goodAgreement(t)
		c.change(&a)
		want(t, c.name, a.Validate(c.m, now), c.want...)
	}

	// The matter's recovered amount is the agreement's sum, through casework.Agree.
	a := goodAgreement(t)
	m := complaint(t, casework.Mediating)
	actor := casework.Actor{ID: ptr(int64(1)), Name: "张三", Role: auth.Mediator}
	if _, err := casework.Apply(&m, actor, casework.Agree, a.ActionInput(""), now); err != nil {
		t.Fatal(err)
	}
	if m.Recovered != 2_860_50 || m.Outcome != casework.OutcomeAgreement {
		t.Errorf("matter after agree: %v %s", m.Recovered, m.Outcome)
	}
}

// TestFraudCompensation_R_L45: three times the price, at least ¥500 (CRPL Art.55).
func TestFraudCompensation_R_L45(t *testing.T) {
	cases := []struct{ price, want string }{
		{"0", "500.00"},
		{"100.00", "500.00"},     // 300 < 500
		{"166.66", "500.00"},     // 499.98 < 500
		{"166.67", "500.01"},     // 500.01
		{"360.50", "1081.50"},    //
		{"12000.00", "36000.00"}, //
	}
	for _, c := range cases {
		p, _ := money.Parse(c.price)
		w, _ := money.Parse(c.want)
		if got := FraudCompensation(p); got != w {
			t.Errorf("FraudCompensation(%s) = %s, want %s", c.price, got, c.want)
		}
	}
}

// TestRequiredDocument_R_L20: an agreement reached on site, not performed on the spot, not waived
// → 调解书; otherwise → 调解记录.
func TestRequiredDocument_R_L20(t *testing.T) {
	cases := []struct {
		mode          Mode
		onSpot, waive bool
		want          Document
	}{
		{OnSite, false, false, MediationDocument},
		{OnSite, true, false, MediationRecord},
		{OnSite, false, true, MediationRecord},
		{Phone, false, false, MediationRecord},
		{Video, false, false, MediationRecord},
	}
	for _, c := range cases {
		a := Agreement{Mode: c.mode, PerformedOnSpot: c.onSpot, WaiveDocument: c.waive}
		if got := a.RequiredDocument(); got != c.want {
			t.Errorf("%+v: %s, want %s", c, got, c.want)
		}
	}
}

// TestFulfilment_R_S6: a fulfilment record — performed, partly or not — for an agreement with a
// due date, dated between the agreement and now, once; a reminder before the due date.
func TestFulfilment_R_S6(t *testing.T) {
	now := at(t, "2026-05-21 09:00")
	cases := []struct {
		name string
		f    Fulfilment
		want []string
	}{
		{"performed in full", Fulfilment{Status: Performed, At: at(t, "2026-05-20 15:00")}, nil},
		{"partly, with what is missing", Fulfilment{Status: PartlyDone, Paid: 2_360_50, Note: "赔偿款尚未支付"}, nil},
		{"not performed", Fulfilment{Status: NotPerformed, Note: "商家失联"}, nil},
		{"dated before the agreement", Fulfilment{Status: Performed, At: at(t, "2026-05-12 10:00")}, []string{"at:before_agreement"}},
		{"performed but short", Fulfilment{Status: Performed, Paid: 100}, []string{"paid:sum_mismatch"}},
		{"partly without a note, paid in full", Fulfilment{Status: PartlyDone, Paid: 2_860_50}, []string{"note:required", "paid:conflict"}},
		{"not performed yet paid", Fulfilment{Status: NotPerformed, Paid: 1, Note: "x"}, []string{"paid:conflict"}},
		{"unknown status", Fulfilment{Status: "maybe"}, []string{"status:one_of"}},
	}
	for _, c := range cases {
		f := c.f
		want(t, c.name, goodAgreement(t).ValidateFulfilment(&f, now), c.want...)
	}
	a := goodAgreement(t)
	a.Fulfilment = &Fulfilment{Status: Performed}
	want(t, "recorded twice", a.ValidateFulfilment(&Fulfilment{Status: Performed}, now), "fulfilment:already")
	a = goodAgreement(t)
	a.PerformedOnSpot, a.DueDate = true, nil
	want(t, "performed on the spot needs none", a.ValidateFulfilment(&Fulfilment{Status: Performed}, now), "fulfilment:conflict")
	if _, ok := a.FulfilmentDue(); ok {
		t.Error("on-the-spot agreement has a due time")
	}

	a = goodAgreement(t)
	due, ok := a.FulfilmentDue()
	if !ok || !due.Equal(at(t, "2026-05-21 00:00")) {
		t.Errorf("due %v %v", due, ok)
	}
	r, ok := a.FulfilmentRemindAt(DefaultSettings())
	if !ok || !r.Equal(at(t, "2026-05-19 00:00")) {
		t.Errorf("remind %v %v", r, ok)
	}
	a.DueDate = ptr(calendar.DateOf(a.AgreedAt))
	if r, _ := a.FulfilmentRemindAt(DefaultSettings()); !r.Equal(at(t, "2026-05-12 00:00")) {
		t.Errorf("same-day remind %v", r)
	}
}
