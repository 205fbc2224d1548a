package mediation

import "testing"

// TestReturnWindows_R_L46: a distance purchase may be returned without reason within 7 days of
// receipt unless excluded, refund due 7 days after the return arrives (CRPL Art.25); goods that
// fail quality requirements with no rule or contract: return within 7 days, then exchange or
// repair (Art.24).
func TestReturnWindows_R_L46(t *testing.T) {
	got := day(t, "2026-05-01")
	back := day(t, "2026-05-06")
	cases := []struct {
		name  string
		p     Purchase
		today string
		want  []string // basis:open:last[:refund]
	}{
		{"online, day 7: open", Purchase{ReceivedOn: got, Distance: true}, "2026-05-08", []string{"CRPL Art.25:true:2026-05-08"}},
		{"online, day 8: closed", Purchase{ReceivedOn: got, Distance: true}, "2026-05-09", []string{"CRPL Art.25:false:2026-05-08"}},
		{"online, returned: refund due", Purchase{ReceivedOn: got, Distance: true, ReturnReceivedOn: &back}, "2026-05-07",
			[]string{"CRPL Art.25:true:2026-05-08:2026-05-13"}},
		{"online, made to order: no no-reason return", Purchase{ReceivedOn: got, Distance: true, Excluded: MadeToOrder}, "2026-05-03", nil},
		{"shop, defective, no contract terms", Purchase{ReceivedOn: got, QualityDefect: true}, "2026-05-05", []string{"CRPL Art.24:true:2026-05-08"}},
		{"shop, defective, the contract governs", Purchase{ReceivedOn: got, QualityDefect: true, ContractTerms: true}, "2026-05-05", nil},
		{"online and defective: both", Purchase{ReceivedOn: got, Distance: true, QualityDefect: true}, "2026-05-10",
			[]string{"CRPL Art.25:false:2026-05-08", "CRPL Art.24:false:2026-05-08"}},
		{"shop, no defect: nothing", Purchase{ReceivedOn: got}, "2026-05-02", nil},
		{"no receipt date: nothing", Purchase{Distance: true}, "2026-05-02", nil},
	}
	for _, c := range cases {
		var out []string
		for _, w := range ReturnWindows(c.p, day(t, c.today)) {
			s := w.Basis + ":" + map[bool]string{true: "true", false: "false"}[w.Open] + ":" + w.LastDay.String()
			if w.RefundDue != nil {
				s += ":" + w.RefundDue.String()
			}
			out = append(out, s)
		}
		if len(out) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, out, c.want)
			continue
		}
		for i := range out {
			if out[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.name, out, c.want)
			}
		}
	}
}

// TestPrepaid_R_L47: the prepaid-card helpers — written contract, the 7-day cooling-off refund of
// the principal, interest basis, punitive damages flag, notice to every cardholder.
func TestPrepaid_R_L47(t *testing.T) {
	paid := day(t, "2026-05-01")
	cases := []struct {
		name string
		p    Prepaid
		want PrepaidView
	}{
		{"asked on day 7, nothing received before: refundable (SPC Art.14)",
			Prepaid{WrittenContract: true, PaidOn: paid, RequestedOn: day(t, "2026-05-08"), Paid: 3000_00, Consumed: 639_50, Fault: BusinessFault},
			PrepaidView{CoolingOff: true, CoolingOffLast: day(t, "2026-05-08"), Balance: 2360_50, InterestBasis: "lpr_1y"}},
		{"asked on day 8: not under Art.14",
			Prepaid{WrittenContract: true, PaidOn: paid, RequestedOn: day(t, "2026-05-09"), Paid: 100_00, Fault: ConsumerFault},
			PrepaidView{CoolingOffLast: day(t, "2026-05-08"), Balance: 100_00, InterestBasis: "deposit_1y"}},
		{"same service received before: no cooling-off",
			Prepaid{WrittenContract: true, PaidOn: paid, RequestedOn: day(t, "2026-05-02"), ReceivedBefore: true, AgreedRate: "年化3%", Fault: BusinessFault},
			PrepaidView{CoolingOffLast: day(t, "2026-05-08"), InterestBasis: "agreed"}},
		{"no written contract, closed and evading, announced closing (实施条例 Art.22, SPC Art.23)",
			Prepaid{PaidOn: paid, Paid: 500_00, Consumed: 800_00, Evading: true, ClosingOrMoving: true},
			PrepaidView{MissingContract: true, CoolingOffLast: day(t, "2026-05-08"), PunitiveDamages: true, NotifyCardholders: true}},
		{"no payment date", Prepaid{WrittenContract: true}, PrepaidView{}},
	}
	for _, c := range cases {
		if got := PrepaidFor(c.p); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
