package service_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestJointComplaintSteps_R_L5: on a confirmed case, two representatives at most with their
// written elections, every member's consent recorded on its timeline, and representatives may
// act only once every member consented; a refusal writes nothing.
func TestJointComplaintSteps_R_L5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-10 09:00"))
		c.collectiveAt(t, 3, 0.12)
		for i, f := range gymFacts[:3] {
			c.clock.Add(time.Hour)
			c.complaint(t, c.town, func(in *casework.IntakeInput) {
				in.MerchantName, in.Facts = "无名健身房", f
				in.Consumer.Name, in.Consumer.Phone = fmt.Sprintf("会员%d", i+1), fmt.Sprintf("1390000000%d", i+1)
			})
		}
		list, _ := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{})
		if len(list) != 1 {
			t.Fatalf("%d cases", len(list))
		}
		id := list[0].ID
		cs, _ := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), id)
		m := func(i int) int64 { return cs.Members[i].MatterID }
		if _, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "elect", m(0), "选举书"); err == nil {
			t.Fatal("elected on a proposal not yet confirmed")
		}
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), id, collective.Decision{Confirm: true}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if _, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "elect", m(i), "选举书"); err != nil {
				t.Fatal(err)
			}
		}
		_, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "elect", m(2), "选举书")
		if fe, ok := invalid.As(err); !ok || !fe.Has("representative") {
			t.Fatalf("a third representative: %v", err)
		}
		if _, err := c.svc.JointStep(c.ctx, auth.Anonymous(""), id, "consent", m(0), "x"); !errors.Is(err, service.ErrForbidden) {
			t.Fatal("the public recorded a consent")
		}
		for i := 0; i < 3; i++ {
			cs, err = c.svc.JointStep(c.ctx, auth.As(c.op), id, "consent", cs.Members[i].MatterID, "同意书")
			if err != nil {
				t.Fatal(err)
			}
			if ok := cs.RepresentativeMayAct() == nil; ok != (i == 2) {
				t.Fatalf("after %d consents representatives may act: %v", i+1, ok)
			}
		}
		got, _ := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), id)
		reps := 0
		for _, mem := range got.Members {
			if mem.Representative {
				reps++
			}
			if mem.ConsentAt == nil {
				t.Fatalf("consent not stored: %+v", mem)
			}
		}
		if reps != 2 || got.RepresentativeMayAct() != nil {
			t.Fatalf("stored %d representatives", reps)
		}
		evs, _ := s.Timeline(c.ctx, m(2))
		if count(evs, casework.CollectiveConsent) != 1 || count(evs, casework.CollectiveElect) != 0 {
			t.Fatal("the refused election wrote to the timeline, or the consent did not")
		}
	})
}

// TestJointComplaintOfOneComplainant_R_L5: one consumer's three alike complaints against a gym
// may be handled together as a collective case, but they are no joint complaint: electing a
// representative is refused with the rule (two or more complainants), nobody may act for "the
// members", and the refusal writes nothing.
func TestJointComplaintOfOneComplainant_R_L5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-10 09:00"))
		c.collectiveAt(t, 3, 0.12)
		for _, f := range gymFacts[:3] {
			c.clock.Add(time.Hour)
			c.complaint(t, c.town, func(in *casework.IntakeInput) { in.MerchantName, in.Facts = "无名健身房", f }) // 张三 each time
		}
		list, _ := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{})
		if len(list) != 1 {
			t.Fatalf("%d cases", len(list))
		}
		id := list[0].ID
		cs, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), id, collective.Decision{Confirm: true})
		if err != nil {
			t.Fatal(err)
		}
		if cs.Complainants() != 1 || len(cs.Members) != 3 {
			t.Fatalf("%d complainants in %d members", cs.Complainants(), len(cs.Members))
		}
		_, err = c.svc.JointStep(c.ctx, auth.As(c.op), id, "elect", cs.Members[0].MatterID, "选举书")
		if fe, ok := invalid.As(err); !ok || !fe.Has("members") {
			t.Fatalf("a joint complaint of one complainant elected a representative: %v", err)
		}
		for _, mem := range cs.Members {
			if _, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "consent", mem.MatterID, "同意书"); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), id)
		if err := got.RepresentativeMayAct(); err == nil {
			t.Fatal("representatives may act for one complainant's complaints")
		}
		for _, mem := range got.Members {
			if mem.Representative {
				t.Fatalf("a representative was stored: %+v", mem)
			}
			evs, _ := s.Timeline(c.ctx, mem.MatterID)
			if count(evs, casework.CollectiveElect) != 0 {
				t.Fatal("the refused election wrote to the timeline")
			}
		}
		if _, err := c.svc.RepresentativeAct(c.ctx, auth.As(c.med), id, got.Members[0].MatterID, collective.ChangeRequests, "x"); err == nil {
			t.Fatal("a change of requests went through for one complainant's complaints")
		}
	})
}

// collectiveAt sets the office's collective-case thresholds: how many alike matters, how alike.
func (c *county) collectiveAt(t *testing.T, matters int, similarity float64) {
	t.Helper()
	set := service.DefaultCreditSettings()
	set.Collective.MinMatters, set.Collective.MinSimilarity = matters, similarity
	if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
		t.Fatal(err)
	}
}
