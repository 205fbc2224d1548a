package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestPortalMerchantSearchUsesConfiguredFields_R_L29: the portal's merchant search shows what the
// office's disclosure settings publish (issue 11's MerchantDisclosure) and nothing else: only the
// fields switched on, in their order, for the published period; the answered-online rate is such a
// field, switched on and off like the others, and reads 0% for a merchant that answered none;
// a merchant under the threshold shows no figures; with disclosure off, none at all.
func TestPortalMerchantSearchUsesConfiguredFields_R_L29(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-08 10:00"))
		mer, shop := c.shopOf(t, "某某超市有限公司")
		silent := c.merchant(t, merchant.Merchant{Name: "某某家电店", Type: merchant.Individual, Address: "人民路8号"})
		var ms []casework.Matter
		for i := 0; i < 4; i++ {
			ms = append(ms, c.complaint(t, c.village, func(in *casework.IntakeInput) { in.MerchantID, in.MerchantName = &mer.ID, "" }))
			c.act(t, c.op, ms[i], casework.Accept, casework.ActionInput{})
		}
		for i := 0; i < 2; i++ {
			m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.MerchantID, in.MerchantName = &silent.ID, "" })
			c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		}
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), ms[0].Number, offer()); err != nil {
			t.Fatal(err)
		}
		set := service.DefaultCreditSettings()
		set.Collective.Enabled = false
		set.Disclosure.Period, set.Disclosure.LagDays, set.Disclosure.MinComplaints = "month", 0, 2
		set.Disclosure.Fields = []string{"complaints", "answered_online_rate"}
		save := func() {
			t.Helper()
			if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
				t.Fatal(err)
			}
		}
		save()
		c.clock.Set(sh(t, "2026-05-02 10:00")) // April is published
		search := func(q string) service.MerchantSearch {
			t.Helper()
			r, err := c.svc.PublicMerchants(c.ctx, auth.Anonymous("203.0.113.5"), q)
			if err != nil || len(r.Merchants) != 1 {
				t.Fatalf("search %q: %+v %v", q, r, err)
			}
			return r
		}
		r := search("某某超市")
		if !r.Enabled || r.Period.Name != "2026-04" || len(r.Merchants[0].Figures) != 2 ||
			r.Merchants[0].Figures[0] != (service.PublicFigure{Field: "complaints", Value: "4"}) ||
			r.Merchants[0].Figures[1] != (service.PublicFigure{Field: "answered_online_rate", Value: "25%"}) {
			t.Fatalf("configured fields: %+v", r)
		}
		if f := search("某某家电店").Merchants[0].Figures; len(f) != 2 || f[1].Value != "0%" {
			t.Fatalf("a merchant that answered none: %+v", f)
		}
		// The rate switched off, the success rate on: the search follows.
		set.Disclosure.Fields = []string{"success_rate", "complaints"}
		save()
		if f := search("某某超市").Merchants[0].Figures; len(f) != 2 || f[0] != (service.PublicFigure{Field: "success_rate", Value: "—"}) || f[1].Field != "complaints" {
			t.Fatalf("answered_online_rate off: %+v", f)
		}
		// Under the threshold: the merchant, no figures.
		set.Disclosure.MinComplaints = 3
		save()
		if m := search("某某家电店").Merchants[0]; !m.TooFew || len(m.Figures) != 0 {
			t.Fatalf("under the threshold: %+v", m)
		}
		// Disclosure off: found, nothing published.
		set.Disclosure.Enabled = false
		save()
		if r := search("某某超市"); r.Enabled || len(r.Merchants[0].Figures) != 0 {
			t.Fatalf("disclosure off: %+v", r)
		}
	})
}
