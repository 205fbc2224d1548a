package service_test

import (
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/claimant"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestClaimantFlagsAdvisory_R_L9: the three patterns show on the complaint with their
// evidence; a flag changes nothing — the complaint is taken in, stays in its state and can be
// accepted; merchants and the public never see flags.
func TestClaimantFlagsAdvisory_R_L9(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		var last casework.Matter
		for i, name := range []string{"甲", "乙", "丙"} {
			c.clock.Add(time.Hour)
			last = c.complaint(t, c.town, func(in *casework.IntakeInput) {
				in.Consumer.Name, in.Consumer.Phone = name, "13700000000"
				in.MerchantName, in.Facts = fmt.Sprintf("超市%d", i), "一次购买过期牛奶200瓶，要求十倍赔偿"
			})
		}
		flags, err := c.svc.ClaimantFlags(c.ctx, auth.As(c.sup), last.Number)
		if err != nil {
			t.Fatal(err)
		}
		got := map[claimant.Pattern]claimant.Flag{}
		for _, f := range flags {
			got[f.Pattern] = f
		}
		if f := got[claimant.SharedContact]; f.Count != 3 || len(f.Evidence) != 2 {
			t.Fatalf("(a) shared phone: %+v", flags)
		}
		if f := got[claimant.Quantity]; f.Count != 200 || f.Detail != "牛奶" {
			t.Fatalf("(c) quantity: %+v", flags)
		}
		if _, ok := got[claimant.Repeated]; !ok { // one phone, three complaints of one issue
			t.Fatalf("(b) repeated: %+v", flags)
		}
		// Advisory only: the flagged complaint was taken in and stays where intake put it.
		m, err := c.svc.MatterFor(c.ctx, auth.As(c.sup), last.Number)
		if err != nil || m.State != last.State || m.State == casework.Closed || m.Outcome != "" {
			t.Fatalf("a flag changed the matter: %+v %v", m, err)
		}
		for _, e := range c.timeline(t, last) {
			if e.Action == casework.Reject {
				t.Fatal("a flag rejected the complaint")
			}
		}
		if _, err := c.svc.Act(c.ctx, auth.As(c.sup), last.Number, casework.Accept, casework.ActionInput{}); err != nil {
			t.Fatalf("a flagged complaint must still be accepted by staff: %v", err)
		}
		if _, err := c.svc.ClaimantFlags(c.ctx, auth.Anonymous(""), last.Number); err == nil {
			t.Fatal("the public read the flags")
		}
		set := service.DefaultCreditSettings()
		set.Flags.Complainants = 4
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		flags, _ = c.svc.ClaimantFlags(c.ctx, auth.As(c.sup), last.Number)
		for _, f := range flags {
			if f.Pattern == claimant.SharedContact {
				t.Fatalf("N raised to four, three complainants flag nothing: %+v", f)
			}
		}
		set.Flags.Days = 0
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err == nil {
			t.Fatal("a zero window was saved")
		} else if fe, ok := invalid.As(err); !ok || !fe.Has("claimant_flags.days") {
			t.Fatalf("want a field error on claimant_flags.days, got %v", err)
		}
	})
}
