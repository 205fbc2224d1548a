package service_test

import (
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func TestIntakeRoutesByTier_R_S2_R_L11_R_L40(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		shop := merchant.Merchant{Name: "某旗舰店", Type: merchant.OnlineShop, Platform: "某电商平台", Unreachable: true}
		if err := c.svc.SaveMerchant(c.ctx, &shop); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name    string
			edit    func(in *casework.IntakeInput)
			level   dispatch.Level
			station int64
		}{
			{"small matter: the village station", nil, dispatch.Village, c.villSt.ID},
			{"¥6,000: the township station", func(in *casework.IntakeInput) { in.AmountInDispute = 6_000_00 }, dispatch.Township, c.townSt.ID},
			{"¥60,000: the centre", func(in *casework.IntakeInput) { in.AmountInDispute = money.Fen(60_000_00) }, dispatch.County, c.centre.ID},
			{"cars are major", func(in *casework.IntakeInput) { in.Subcategory = "汽车" }, dispatch.County, c.centre.ID},
			{"30 consumers", func(in *casework.IntakeInput) { in.Consumers = 30 }, dispatch.County, c.centre.ID},
			{"unreachable platform shop: platform domicile, at the county", func(in *casework.IntakeInput) { in.MerchantID = &shop.ID }, dispatch.County, c.centre.ID},
		}
		for _, tt := range tests {
			m := c.complaint(t, c.village, tt.edit)
			if m.Level != string(tt.level) || m.StationID == nil || *m.StationID != tt.station {
				t.Errorf("%s: level %s station %v, want %s %d", tt.name, m.Level, m.StationID, tt.level, tt.station)
			}
			ev := c.timeline(t, m)[0]
			if ev.Data["level"] != string(tt.level) {
				t.Errorf("%s: intake event %v", tt.name, ev.Data)
			}
			if tt.edit != nil && ev.Data["tier"] == nil {
				t.Errorf("%s: no tier reason in %v", tt.name, ev.Data)
			}
		}
		alerts := c.alerts(t, "merchant_unreachable")
		if len(alerts) != 1 || alerts[0].Payload["merchant"] != "某旗舰店" {
			t.Fatalf("unreachable merchant alerts %+v", alerts)
		}
		last, _, _ := c.st.Matters(c.ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
		if ev := c.timeline(t, last[0])[0]; ev.Data["jurisdiction"] != dispatch.BasisPlatformDomicile {
			t.Errorf("jurisdiction %v", ev.Data)
		}
		// Criteria are settings: lower the county threshold and the same amount goes to the county.
		rules := dispatch.DefaultTierRules()
		rules.TownshipAmount, rules.CountyAmount = 500_00, 1_000_00
		if _, err := c.svc.SaveTierRules(c.ctx, c.admin, rules); err != nil {
			t.Fatal(err)
		}
		if m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.AmountInDispute = 1_500_00 }); m.Level != "county" {
			t.Errorf("configured threshold: level %s", m.Level)
		}
	})
}

func TestIntakeStartsClocks_R_S1_R_L6(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-30 10:00"))
		m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		d := c.deadlines(t, m)
		if on := d["on_site"]; on.DueAt == nil || !on.DueAt.Equal(sh(t, "2026-04-30 10:30")) || on.Status != deadline.Running {
			t.Fatalf("township on-site deadline %+v", on)
		}
		if acc := d["acceptance"]; acc.DueDate.String() != "2026-05-13" || acc.Rule != "R-L6" {
			t.Fatalf("acceptance %+v", acc)
		}
		if m.DueKind != "on_site" || !m.DueAt.Equal(sh(t, "2026-04-30 10:30")) || !m.OnSiteDueAt.Equal(*m.DueAt) {
			t.Fatalf("matter due %v %s on-site %v", m.DueAt, m.DueKind, m.OnSiteDueAt)
		}
		urban := c.complaint(t, c.street, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		if !urban.OnSiteDueAt.Equal(sh(t, "2026-04-30 10:15")) {
			t.Fatalf("urban on-site due %v", urban.OnSiteDueAt)
		}
		stored, _ := c.st.Matter(c.ctx, m.ID)
		if !stored.DueAt.Equal(*m.DueAt) || stored.DueKind != "on_site" {
			t.Fatalf("stored due %v %s", stored.DueAt, stored.DueKind)
		}
		_ = time.Minute
	})
}
