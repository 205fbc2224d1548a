package service_test

import (
	"errors"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var gymFacts = []string{
	"在力美健身办理年卡预付3000元，健身房突然停业关门，无法退还剩余费用。",
	"健身房停业关门，我的私教课预付了5000元，老板联系不上，要求退还预付卡余额。",
	"力美健身突然关门停业，预付的两年卡无法退费，会员群被解散。",
	"办理的年卡预付卡共2400元，健身房停业关门，要求退款。",
	"健身房突然停业，预付卡余额无法退还，前台无人。",
	"力美健身停业关门跑路，预付年卡的钱退不回来。",
	"健身房关门停业，预付卡还有大半年没用，要求退还余额。",
}

// TestCollectiveProposedAtIntake_C8: the fifth alike complaint against the gym in the window
// proposes one collective case with its evidence and tells the supervisors; later ones join
// it; a supervisor confirms; an unlike complaint stays out; intake is never blocked.
func TestCollectiveProposedAtIntake_C8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-10 09:00"))
		gym := merchant.Merchant{Name: "力美健身俱乐部", Type: merchant.Individual, Address: "人民路8号"}
		if err := c.svc.SaveMerchant(c.ctx, &gym); err != nil {
			t.Fatal(err)
		}
		var ms []casework.Matter
		file := func(facts string) casework.Matter {
			c.clock.Add(3 * time.Hour)
			m := c.complaint(t, c.town, func(in *casework.IntakeInput) {
				in.MerchantID, in.MerchantName, in.Facts, in.Subcategory = &gym.ID, "", facts, "预付卡"
				in.Category = casework.Services
			})
			ms = append(ms, m)
			return m
		}
		for _, f := range gymFacts[:4] {
			file(f)
		}
		file("教练态度恶劣，强行推销私教课。") // the same merchant, another story
		list := func() []collective.Case {
			out, err := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		if got := list(); len(got) != 0 {
			t.Fatalf("four alike and one unlike: no proposal yet, got %+v", got)
		}
		fifth := file(gymFacts[4])
		got := list()
		if len(got) != 1 || got[0].Status != collective.Proposed {
			t.Fatalf("the fifth alike complaint proposes one case, got %+v", got)
		}
		cs, err := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), got[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs.Members) != 5 || len(cs.Evidence.Links) != 4 || len(cs.Evidence.Terms) == 0 || cs.MerchantName != "力美健身俱乐部" {
			t.Fatalf("case %+v", cs)
		}
		for _, mem := range cs.Members {
			if mem.Number == ms[4].Number {
				t.Fatalf("the unlike complaint was taken in: %+v", cs.Members)
			}
		}
		if n := count(c.timeline(t, fifth), casework.CollectiveProposed); n != 1 {
			t.Fatalf("the new matter's timeline tells of the proposal %d times", n)
		}
		if n := count(c.timeline(t, ms[0]), casework.CollectiveProposed); n != 1 {
			t.Fatal("the earlier matter's timeline tells of the proposal")
		}
		if a := c.alerts(t, service.AlertCollectiveProposed); len(a) != 1 {
			t.Fatalf("one alert to the supervisors, got %d", len(a))
		}
		file(gymFacts[5])
		if cs, _ = c.svc.CollectiveCase(c.ctx, auth.As(c.sup), cs.ID); len(cs.Members) != 6 || len(list()) != 1 {
			t.Fatalf("the sixth joins the proposal: %d members, %d cases", len(cs.Members), len(list()))
		}
		if a := c.alerts(t, service.AlertCollectiveProposed); len(a) != 1 {
			t.Fatalf("joining raises no second alert, got %d", len(a))
		}

		// Who decides: a supervisor or admin of the area; an operator never; a rejection needs its reason.
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.op), cs.ID, collective.Decision{Confirm: true}); !errors.Is(err, service.ErrForbidden) {
			t.Fatalf("an operator decided: %v", err)
		}
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), cs.ID, collective.Decision{}); err == nil {
			t.Fatal("a rejection without a reason was taken")
		} else if fe, ok := invalid.As(err); !ok || !fe.Has("note") {
			t.Fatalf("want a field error on note, got %v", err)
		}
		done, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), cs.ID, collective.Decision{Confirm: true, Title: "力美健身预付卡群体投诉"})
		if err != nil || done.Status != collective.Confirmed || done.DecidedBy == nil {
			t.Fatalf("confirm: %+v %v", done, err)
		}
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), cs.ID, collective.Decision{Note: "x"}); err == nil {
			t.Fatal("a decided case was decided again")
		}
		for _, mem := range done.Members {
			evs, _ := c.st.Timeline(c.ctx, mem.MatterID)
			if count(evs, casework.CollectiveConfirmed) != 1 {
				t.Fatalf("member %s's timeline lacks the confirmation", mem.Number)
			}
		}
		file(gymFacts[6])
		if cs, _ = c.svc.CollectiveCase(c.ctx, auth.As(c.sup), cs.ID); len(cs.Members) != 7 || cs.Status != collective.Confirmed {
			t.Fatalf("a later alike complaint joins the confirmed case: %d members", len(cs.Members))
		}
		// Staff who do not decide see members masked; merchants and the public see nothing.
		if cm, err := c.svc.CollectiveCase(c.ctx, auth.As(c.op), cs.ID); err != nil || cm.Members[0].ConsumerName == "张三" {
			t.Fatalf("operator's view %v %v", cm.Members, err)
		}
		if _, err := c.svc.CollectiveCases(c.ctx, auth.Anonymous(""), service.CollectiveQuery{}); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("the public listed collective cases")
		}
	})
}

// TestCollectiveRejected_C8: a rejected proposal's matters are not proposed together again;
// the settings switch detection off and change its thresholds.
func TestCollectiveRejected_C8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-10 09:00"))
		set := service.DefaultCreditSettings()
		set.Collective.MinMatters, set.Collective.MinSimilarity = 3, 0.12
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		bad := set
		bad.Collective.WindowDays = 0
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, bad); err == nil {
			t.Fatal("a zero window was saved")
		}
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.sup, set); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("a supervisor saved the settings")
		}
		file := func(f string) casework.Matter {
			c.clock.Add(time.Hour)
			return c.complaint(t, c.town, func(in *casework.IntakeInput) { in.MerchantName, in.Facts = "无名健身房", f })
		}
		for _, f := range gymFacts[:3] {
			file(f)
		}
		got, _ := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{Status: collective.Proposed})
		if len(got) != 1 {
			t.Fatalf("three alike complaints against a merchant named only: one proposal, got %d", len(got))
		}
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), got[0].ID, collective.Decision{Note: "各自情况不同"}); err != nil {
			t.Fatal(err)
		}
		file(gymFacts[3])
		file(gymFacts[4])
		all, _ := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{})
		if len(all) != 1 {
			t.Fatalf("two new ones beside three rejected make no proposal (three needed among the new), got %d", len(all))
		}
		file(gymFacts[5])
		if all, _ = c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{Status: collective.Proposed}); len(all) != 1 || len(all[0].Evidence.Links) != 2 {
			t.Fatalf("the three new ones make a new proposal without the rejected ones: %+v", all)
		}
		set.Collective.Enabled = false
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		file(gymFacts[6])
		if cs, _ := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), all[0].ID); len(cs.Members) != 3 {
			t.Fatalf("switched off, nothing joins: %d", len(cs.Members))
		}
	})
}
