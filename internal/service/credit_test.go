package service_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func (c *county) merchant(t *testing.T, m merchant.Merchant) merchant.Merchant {
	t.Helper()
	if err := c.svc.SaveMerchant(c.ctx, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (c *county) step(t *testing.T, u *auth.User, id int64, st service.ListingStep) credit.Listing {
	t.Helper()
	l, err := c.svc.StepListing(c.ctx, auth.As(u), id, st)
	if err != nil {
		t.Fatalf("%s: %v", st.Action, err)
	}
	return l
}

func refusedWith(t *testing.T, err error, field string) {
	t.Helper()
	fe, ok := invalid.As(err)
	if !ok || !fe.Has(field) {
		t.Fatalf("want a refusal on %s, got %v", field, err)
	}
}

// TestAbnormalListWorkflow_R_S7_R_L36_R_L38: an unreachable cluster-registered shop — the
// custody company asked first, referral, the decision clock, listing with its exact ground,
// the public list with no personal data, the 60-day reminder and the three-year proposal,
// each clock firing once, also with two instances scanning one database.
func TestAbnormalListWorkflow_R_S7_R_L36_R_L38(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		custody := c.merchant(t, merchant.Merchant{Name: "某商务秘书有限公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "园区1号(托管企业)"})
		shop := c.merchant(t, merchant.Merchant{Name: "优品家居旗舰店", Type: merchant.OnlineShop, ClusterRegistered: true, CustodyID: &custody.ID,
			Address: "园区1号301室(集群注册)", Phone: "13512345678"})
		l, err := c.svc.OpenListing(c.ctx, auth.As(c.op), shop.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.OpenListing(c.ctx, auth.As(c.op), shop.ID); err == nil {
			t.Fatal("a second procedure for one merchant")
		}
		c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Phone, Note: "电话停机"}})
		_, err = c.svc.StepListing(c.ctx, auth.As(c.op), l.ID, service.ListingStep{Action: "refer"})
		refusedWith(t, err, "custody") // R-S7: the custody company is asked first
		_, err = c.svc.StepListing(c.ctx, auth.As(c.sup), l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: "x"})
		refusedWith(t, err, "custody") // a listing without the custody company asked
		if got, _ := c.svc.Listing(c.ctx, auth.As(c.sup), l.ID); got.Status != credit.Verifying || len(got.Attempts) != 1 {
			t.Fatalf("a refusal wrote something: %+v", got)
		}
		c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Custody, Note: "托管企业书面回复：已失联"}})
		l = c.step(t, c.op, l.ID, service.ListingStep{Action: "refer"})
		if l.DecisionDue == nil {
			t.Fatal("R-L36.4: the decision is due")
		}
		if _, err := c.svc.StepListing(c.ctx, auth.As(c.op), l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: "x"}); err != service.ErrForbidden {
			t.Fatalf("an operator decided a listing: %v", err)
		}
		// The decision clock fires once, even with a second instance scanning.
		other := service.New(s, c.clock.Now)
		c.clock.Set(l.DecisionDue.Add(time.Minute))
		for _, svc := range []*service.Service{c.svc, other, c.svc} {
			if _, err := svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if a := c.alerts(t, service.AlertListingDue); len(a) != 1 {
			t.Fatalf("R-L36.4: one alert for the missed decision, got %d", len(a))
		}
		l = c.step(t, c.sup, l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: "湖市监异字〔2026〕8号"})
		list, err := c.svc.AbnormalList(c.ctx, auth.Anonymous("203.0.113.9"))
		if err != nil || len(list) != 1 {
			t.Fatalf("public list %+v %v", list, err)
		}
		e := list[0]
		if e.Merchant != "优品家居旗舰店" || e.ReasonText != "通过登记的住所或者经营场所无法联系的" || e.DecisionRef == "" || e.Marked || e.ListedOn == "" {
			t.Fatalf("entry %+v", e)
		}
		if b := fmt.Sprintf("%+v", list); strings.Contains(b, "1351234") || strings.Contains(b, "园区") {
			t.Fatalf("the public list carries contact data: %s", b)
		}
		// R-L38: the public reminder 60 days before three years, then the proposal; each once.
		clocks, _ := s.ListingClocks(c.ctx, l.ID)
		kinds := map[string]bool{}
		for _, k := range clocks {
			if k.ClosedAt == nil && k.FiredAt == nil {
				kinds[k.Kind] = true
			}
		}
		if !kinds[service.ClockPublicReminder] || !kinds[service.ClockSeriousList] || kinds[service.ClockListingDecision] {
			t.Fatalf("clocks after listing: %v", kinds)
		}
		c.clock.Set(l.ReminderAt.Add(time.Hour))
		for _, svc := range []*service.Service{c.svc, other} {
			if _, err := svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if list, _ = c.svc.AbnormalList(c.ctx, auth.Anonymous("")); !list[0].Reminder || list[0].Proposed {
			t.Fatalf("R-L38 reminder: %+v", list[0])
		}
		c.clock.Set(l.SeriousAt.Add(time.Hour))
		for _, svc := range []*service.Service{c.svc, other} {
			if _, err := svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if list, _ = c.svc.AbnormalList(c.ctx, auth.Anonymous("")); !list[0].Proposed {
			t.Fatalf("R-L38 proposal: %+v", list[0])
		}
		if len(c.alerts(t, service.AlertListingRemind)) != 1 || len(c.alerts(t, service.AlertListingSerious)) != 1 {
			t.Fatal("R-L38: one reminder alert and one proposal alert")
		}
	})
}

// TestListingRemovalAndCustody_R_L35_R_L37_R_L39: a removal before listing is refused; an
// individual business is marked; renewed contact within the deadline takes it off; a custody
// company with K listed shops raises one alert.
func TestListingRemovalAndCustody_R_L35_R_L37_R_L39(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 10:00"))
		ind := c.merchant(t, merchant.Merchant{Name: "张记小吃", Type: merchant.Individual, Address: "人民路3号"})
		l, _ := c.svc.OpenListing(c.ctx, auth.As(c.op), ind.ID)
		_, err := c.svc.StepListing(c.ctx, auth.As(c.sup), l.ID, service.ListingStep{Action: "remove", Ref: "x"})
		refusedWith(t, err, "status") // a removal before listing
		c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}})
		c.step(t, c.op, l.ID, service.ListingStep{Action: "refer"})
		l = c.step(t, c.sup, l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: "标字1号"})
		if l.Status != credit.Marked || l.SeriousAt != nil {
			t.Fatalf("R-L35: marked, no serious timer: %+v", l)
		}
		if list, _ := c.svc.AbnormalList(c.ctx, auth.Anonymous("")); len(list) != 1 || !list[0].Marked {
			t.Fatalf("R-L35 public: %+v", list)
		}
		c.clock.Add(48 * time.Hour)
		l = c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Phone, Reached: true, Note: "经营者来电，已恢复经营"}})
		if l.RemovalDue == nil || l.RemovalGround != "renewed_contact" {
			t.Fatalf("R-L37: renewed contact sets the removal due: %+v", l)
		}
		l = c.step(t, c.sup, l.ID, service.ListingStep{Action: "remove", Ref: "移字1号"})
		if list, _ := c.svc.AbnormalList(c.ctx, auth.Anonymous("")); len(list) != 0 {
			t.Fatalf("removed but still public: %+v", list)
		}
		c.clock.Add(30 * 24 * time.Hour)
		if _, err := c.svc.Scan(c.ctx, c.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if a := c.alerts(t, service.AlertListingDue); len(a) != 0 {
			t.Fatalf("a removed merchant's clocks are closed: %d alerts", len(a))
		}

		// R-L39: three listed shops of one custody company raise one alert.
		custody := c.merchant(t, merchant.Merchant{Name: "某托管公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "园区2号"})
		if err := c.svc.SaveAgreement(c.ctx, auth.As(c.sup), credit.Agreement{MerchantID: custody.ID, CustodyID: custody.ID,
			StartsOn: calendar.Date{Year: 2025, Month: 1, Day: 1}}); err == nil {
			t.Fatal("a company its own custodian")
		}
		for i := 0; i < 4; i++ {
			shop := c.merchant(t, merchant.Merchant{Name: fmt.Sprintf("网店%d", i), Type: merchant.OnlineShop, ClusterRegistered: true, CustodyID: &custody.ID,
				Address: fmt.Sprintf("园区2号%d室(集群注册)", i)})
			if err := c.svc.SaveAgreement(c.ctx, auth.As(c.sup), credit.Agreement{MerchantID: shop.ID, CustodyID: custody.ID,
				StartsOn: calendar.Date{Year: 2025, Month: 1, Day: 1}, EndsOn: calendar.Date{Year: 2027, Month: 12, Day: 31}}); err != nil {
				t.Fatal(err)
			}
			l, _ := c.svc.OpenListing(c.ctx, auth.As(c.op), shop.ID)
			c.step(t, c.op, l.ID, service.ListingStep{Action: "attempt", Attempt: credit.Attempt{Method: credit.Custody, Note: "托管企业：无法联系"}})
			c.step(t, c.op, l.ID, service.ListingStep{Action: "refer"})
			c.step(t, c.sup, l.ID, service.ListingStep{Action: "list", Reason: credit.AddressUnreachable, Ref: fmt.Sprintf("异字%d号", i)})
			if want := map[bool]int{true: 1, false: 0}[i >= 2]; len(c.alerts(t, service.AlertCustodyMany)) != want {
				t.Fatalf("after %d listed shops: %d alerts, want %d", i+1, len(c.alerts(t, service.AlertCustodyMany)), want)
			}
			mc, err := c.svc.MerchantCreditOf(c.ctx, auth.As(c.sup), shop.ID)
			if err != nil || mc.Agreement == nil || mc.Agreement.CustodyUSCC != "914403001922038216" || len(mc.Problems) != 0 {
				t.Fatalf("R-L39 record: %+v %v", mc, err)
			}
		}
		bad := c.merchant(t, merchant.Merchant{Name: "缺标注网店", Type: merchant.OnlineShop, ClusterRegistered: true, CustodyID: &custody.ID, Address: "园区2号"})
		if mc, _ := c.svc.MerchantCreditOf(c.ctx, auth.As(c.sup), bad.ID); len(mc.Problems) != 1 || mc.Problems[0] != "domicile_annotation" {
			t.Fatalf("R-L39 domicile check: %+v", mc.Problems)
		}
		if _, err := c.svc.MerchantCreditOf(c.ctx, auth.Anonymous(""), bad.ID); err != service.ErrForbidden {
			t.Fatal("the public read a merchant's credit record")
		}
	})
}
