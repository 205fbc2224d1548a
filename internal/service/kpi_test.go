package service_test

import (
	"math"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func date(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestKPIsExact_R_L28 builds a month of matters whose every figure is known and checks the
// KPIs, counted by SQL aggregates, to the unit on both databases.
func TestKPIsExact_R_L28(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-02 09:00"))
		// Two Order 20 complaints accepted 03-02: mediation due 45 working days later, 05-08.
		var old []casework.Matter
		for i := 0; i < 2; i++ {
			m := c.complaint(t, c.village, nil)
			old = append(old, c.act(t, c.op, m, casework.Accept, casework.ActionInput{}))
		}
		c.clock.Set(sh(t, "2026-05-06 10:00"))
		visit := func(in *casework.IntakeInput) { in.NeedsVisit = true }
		var v []casework.Matter
		for i := 0; i < 4; i++ {
			v = append(v, c.complaint(t, c.village, visit)) // on-site due 10:30, acceptance due 05-14
		}
		quiet := c.complaint(t, c.village, nil) // never accepted: overdue
		_ = quiet
		for i, arrive := range []string{"2026-05-06 10:10", "2026-05-06 10:20", "2026-05-06 10:40"} {
			c.clock.Set(sh(t, "2026-05-06 10:01"))
			v[i] = c.act(t, c.op, v[i], casework.Accept, casework.ActionInput{})
			v[i] = c.act(t, c.op, v[i], casework.Dispatch, casework.ActionInput{StationID: &c.villSt.ID})
			c.clock.Set(sh(t, arrive))
			v[i] = c.act(t, c.med, v[i], casework.CheckIn, casework.ActionInput{})
		}
		c.clock.Set(sh(t, "2026-05-07 10:00"))
		old[0] = c.act(t, c.med, old[0], casework.StartMediation, casework.ActionInput{})
		amount := money.Fen(100_00)
		old[0] = c.act(t, c.med, old[0], casework.Agree, casework.ActionInput{Recovered: &amount})
		r := c.report(t, "2026-05-06 10:00") // verification due 05-26
		c.clock.Set(sh(t, "2026-05-08 10:00"))
		c.report(t, "2026-05-08 10:00") // due 05-28: not yet due on 05-25
		c.clock.Set(sh(t, "2026-05-20 10:00"))
		v[3] = c.act(t, c.op, v[3], casework.Accept, casework.ActionInput{}) // late, and never visited
		r = c.act(t, c.op, r, casework.Verify, casework.ActionInput{})
		r = c.act(t, c.sup, r, casework.File, casework.ActionInput{})

		c.clock.Set(sh(t, "2026-05-25 12:00"))
		k, err := c.svc.KPIs(c.ctx, auth.As(c.sup), service.KPIQuery{From: date(t, "2026-05-01"), To: date(t, "2026-05-31")})
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, got service.Rate, due, onTime, late, overdue int) {
			t.Helper()
			if got.Due != due || got.OnTime != onTime || got.Late != late || got.Overdue != overdue {
				t.Errorf("%s: %+v, want due %d on time %d late %d overdue %d", name, got.KindStats, due, onTime, late, overdue)
			}
			if due > 0 && (got.Rate == nil || math.Abs(*got.Rate-float64(onTime)/float64(due)) > 1e-12) {
				t.Errorf("%s: rate %v", name, got.Rate)
			}
		}
		check("on-site", k.OnSite.Rate, 4, 2, 1, 1)
		check("acceptance", k.Acceptance, 5, 3, 1, 1)
		check("closure", k.Closure, 2, 1, 0, 1)
		check("verification", k.Verification, 1, 1, 0, 0)
		if k.OnSite.Arrived != 3 || *k.OnSite.MedianMinutes != 20 || *k.OnSite.P90Minutes != 36 {
			t.Errorf("arrival minutes: n %d median %v p90 %v, want 3, 20, 36", k.OnSite.Arrived, *k.OnSite.MedianMinutes, *k.OnSite.P90Minutes)
		}
		// By station and by area.
		k, _ = c.svc.KPIs(c.ctx, auth.As(c.sup), service.KPIQuery{From: date(t, "2026-05-01"), To: date(t, "2026-05-31"), StationID: &c.strtSt.ID})
		if k.Acceptance.Due != 0 || k.Acceptance.Rate != nil || k.OnSite.MedianMinutes != nil {
			t.Errorf("another station: %+v", k)
		}
		k, _ = c.svc.KPIs(c.ctx, auth.As(c.sup), service.KPIQuery{From: date(t, "2026-05-01"), To: date(t, "2026-05-31"), AreaID: &c.town.ID})
		check("acceptance in the township", k.Acceptance, 5, 3, 1, 1)
		// A period before: only March's acceptance decisions (due 03-11), both on time.
		k, _ = c.svc.KPIs(c.ctx, auth.As(c.sup), service.KPIQuery{From: date(t, "2026-03-01"), To: date(t, "2026-03-31")})
		check("March acceptance", k.Acceptance, 2, 2, 0, 0)
		// Staff elsewhere see nothing of this township (R-P4).
		other := &auth.User{ID: c.op.ID, Role: auth.Operator, StationID: &c.strtSt.ID}
		k, _ = c.svc.KPIs(c.ctx, auth.As(other), service.KPIQuery{From: date(t, "2026-05-01"), To: date(t, "2026-05-31")})
		if k.Acceptance.Due != 0 {
			t.Errorf("out of scope: %+v", k.Acceptance)
		}
		if _, err := c.svc.KPIs(c.ctx, auth.As(c.sup), service.KPIQuery{From: date(t, "2026-05-31"), To: date(t, "2026-05-01")}); err == nil {
			t.Error("a period ending before it starts was accepted")
		}
		_ = time.Second
	})
}
