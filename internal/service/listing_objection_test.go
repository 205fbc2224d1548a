package service_test

import (
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestListingObjectionsAndRemovalClock_R_L37: an objection is taken within 30 days of
// publication and refused after them, an empty one refused, and a refusal stores nothing;
// only a supervisor decides it, with the decision written; upheld, the merchant leaves the
// public list. Renewed contact makes the removal decision due in exactly 5 working days, and a
// missed removal decision raises one alert, also with two instances scanning.
func TestListingObjectionsAndRemovalClock_R_L37(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 10:00")) // a Monday
		listed := func(m merchant.Merchant, reason credit.Reason) credit.Listing {
			m = c.merchant(t, m)
			l, err := c.svc.OpenListing(c.ctx, auth.As(c.op), m.ID)
			if err != nil {
				t.Fatal(err)
			}
			c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}})
			c.step(t, c.op, l.ID, service.ListingStep{Action: "refer"})
			return c.step(t, c.sup, l.ID, service.ListingStep{Action: "list", Reason: reason, Ref: "异字" + m.Name})
		}
		a := listed(merchant.Merchant{Name: "甲贸易有限公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "工业园1号"}, credit.AnnualReportLate)
		b := listed(merchant.Merchant{Name: "乙科技有限公司", USCC: "91330100799655058B", Type: merchant.Enterprise, Address: "工业园2号"}, credit.AddressUnreachable)
		if a.Status != credit.Listed || a.ObjectionUntil == nil || !a.ObjectionUntil.Equal(a.ListedAt.AddDate(0, 0, 30)) {
			t.Fatalf("R-L37: objections open 30 days after publication: %+v", a)
		}

		// An objection with no words is refused and nothing is kept.
		_, err := c.svc.StepListing(c.ctx, auth.As(c.op), a.ID, service.ListingStep{Action: "object"})
		refusedWith(t, err, "text")
		c.clock.Add(29 * 24 * time.Hour)
		a = c.step(t, c.op, a.ID, service.ListingStep{Action: "object", Text: "已于期限内公示年度报告，附截图"})
		if len(a.Objections) != 1 {
			t.Fatalf("objections %+v", a.Objections)
		}
		if _, err := c.svc.StepListing(c.ctx, auth.As(c.op), a.ID, service.ListingStep{Action: "decide_objection", Upheld: true, Text: "x"}); err != service.ErrForbidden {
			t.Fatalf("an operator decided an objection: %v", err)
		}
		_, err = c.svc.StepListing(c.ctx, auth.As(c.sup), a.ID, service.ListingStep{Action: "decide_objection", Upheld: true})
		refusedWith(t, err, "decision")
		a = c.step(t, c.sup, a.ID, service.ListingStep{Action: "decide_objection", Upheld: true, Text: "经核实已按期公示"})
		if a.Status != credit.Removed || a.RemovalGround != "objection_upheld" {
			t.Fatalf("R-L37: an upheld objection takes the merchant off: %+v", a)
		}
		list, _ := c.svc.AbnormalList(c.ctx, auth.Anonymous(""))
		if len(list) != 1 || list[0].Merchant != "乙科技有限公司" {
			t.Fatalf("public list after the objection: %+v", list)
		}

		// Day 31: too late to object; nothing is kept.
		c.clock.Add(2 * 24 * time.Hour)
		_, err = c.svc.StepListing(c.ctx, auth.As(c.op), b.ID, service.ListingStep{Action: "object", Text: "已恢复经营"})
		refusedWith(t, err, "received_at")
		if got, _ := c.svc.Listing(c.ctx, auth.As(c.sup), b.ID); len(got.Objections) != 0 || got.Status != credit.Listed {
			t.Fatalf("a late objection was kept: %+v", got)
		}

		// Renewed contact on Thursday 2 July: the removal decision is due at the end of Thursday
		// 9 July (3, 6, 7, 8, 9 July), and missing it raises one alert.
		if d := c.clock.Now().In(calendar.Shanghai); d.Format("2006-01-02") != "2026-07-02" {
			t.Fatalf("the test's day is %s", d)
		}
		b = c.step(t, c.op, b.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Phone, Reached: true, Note: "法定代表人来电"}})
		if want := calendar.DueAt(calendar.Date{Year: 2026, Month: 7, Day: 9}); b.RemovalDue == nil || !b.RemovalDue.Equal(want) {
			t.Fatalf("R-L37: removal due %v, want %v", b.RemovalDue, want)
		}
		before := len(c.alerts(t, service.AlertListingDue))
		other := service.New(s, c.clock.Now)
		c.clock.Set(b.RemovalDue.Add(time.Minute))
		for _, svc := range []*service.Service{c.svc, other, c.svc} {
			if _, err := svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(c.alerts(t, service.AlertListingDue)) - before; n != 1 {
			t.Fatalf("R-L37: one alert for the missed removal decision, got %d", n)
		}
	})
}

// TestIndividualObjectionClocks_R_L37: an individual business's objection starts its 5-working-
// day acceptance clock, which raises one alert when missed; a supervisor (not an operator)
// accepts it, which starts the 20-working-day verification clock; the decision closes it.
func TestIndividualObjectionClocks_R_L37(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		ind := c.merchant(t, merchant.Merchant{Name: "张记小吃", Type: merchant.Individual, Address: "人民路3号"})
		l, err := c.svc.OpenListing(c.ctx, auth.As(c.op), ind.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}})
		c.step(t, c.op, l.ID, service.ListingStep{Action: "refer"})
		c.step(t, c.sup, l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: "标字1号"})
		l = c.step(t, c.op, l.ID, service.ListingStep{Action: "object", Text: "已恢复经营，附租赁合同"})
		o := l.Objections[0]
		if want := calendar.DueAt(calendar.Date{Year: 2026, Month: 5, Day: 12}); o.AcceptDue == nil || !o.AcceptDue.Equal(want) {
			t.Fatalf("R-L37: accept due %v, want %v", o.AcceptDue, want)
		}
		open := func() map[string]bool {
			clocks, _ := s.ListingClocks(c.ctx, l.ID)
			kinds := map[string]bool{}
			for _, k := range clocks {
				if k.ClosedAt == nil && k.FiredAt == nil {
					kinds[k.Kind] = true
				}
			}
			return kinds
		}
		accept, verify := fmt.Sprintf("%s:%d", service.ClockObjectionAccept, o.ID), fmt.Sprintf("%s:%d", service.ClockObjectionVerify, o.ID)
		if k := open(); !k[accept] || k[verify] {
			t.Fatalf("clocks after the objection: %v", k)
		}
		before := len(c.alerts(t, service.AlertListingDue))
		other := service.New(s, c.clock.Now)
		c.clock.Set(o.AcceptDue.Add(time.Minute))
		for _, svc := range []*service.Service{c.svc, other, c.svc} {
			if _, err := svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(c.alerts(t, service.AlertListingDue)) - before; n != 1 {
			t.Fatalf("R-L37: one alert for the missed acceptance, got %d", n)
		}
		if _, err := c.svc.StepListing(c.ctx, auth.As(c.op), l.ID, service.ListingStep{Action: "accept_objection"}); err != service.ErrForbidden {
			t.Fatalf("an operator accepted an objection: %v", err)
		}
		l = c.step(t, c.sup, l.ID, service.ListingStep{Action: "accept_objection"})
		if o = l.Objections[0]; o.AcceptedAt == nil || o.VerifyDue == nil {
			t.Fatalf("accepted %+v", o)
		}
		if k := open(); !k[verify] || k[accept] {
			t.Fatalf("clocks after the acceptance: %v", k)
		}
		got, _ := c.svc.Listing(c.ctx, auth.As(c.sup), l.ID)
		if got.Objections[0].VerifyDue == nil || !got.Objections[0].VerifyDue.Equal(*o.VerifyDue) || got.Objections[0].AcceptDue == nil {
			t.Fatalf("read back %+v", got.Objections[0])
		}
		c.step(t, c.sup, l.ID, service.ListingStep{Action: "decide_objection", Upheld: true, Text: "经核实已恢复经营"})
		if k := open(); len(k) != 0 {
			t.Fatalf("clocks after the decision: %v", k)
		}
	})
}
