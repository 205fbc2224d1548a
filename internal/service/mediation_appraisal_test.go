package service_test

import (
	"errors"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAppraisalFromAcceptance_R_L17: testing may start from acceptance, before mediation; the
// agency is chosen or designated and the costs agreed; the mediation clock stands still from its
// start to its end and the deadline moves on by the days it took. While mediating it suspends
// the complaint (中止); a recusal decided while a test runs leaves it suspended until the test
// ends (R-L16).
func TestAppraisalFromAcceptance_R_L17(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		due0 := c.deadlines(t, m)["mediation"].DueDate

		a := mediation.Appraisal{Agency: "县产品质量检验所", ChosenBy: mediation.ChosenByParties, Cost: 30000, Payer: mediation.PaidByRespondent, CostAgreed: true}
		if _, err := c.svc.StartAppraisal(c.ctx, auth.As(c.op), m.Number, a); !errors.Is(err, service.ErrForbidden) {
			t.Fatalf("an operator starts a test: %v", err)
		}
		bad := a
		bad.CostAgreed, bad.Agency = false, " "
		_, err := c.svc.StartAppraisal(c.ctx, auth.As(c.med), m.Number, bad)
		refused(t, "no agency, costs not agreed", err, false, "cost_agreed:required")
		if list, _ := s.Appraisals(c.ctx, m.ID); len(list) != 0 {
			t.Fatalf("refused test written: %+v", list)
		}
		a, err = c.svc.StartAppraisal(c.ctx, auth.As(c.med), m.Number, a)
		if err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		if m.State != casework.Accepted || c.deadlines(t, m)["mediation"].Status != "paused" {
			t.Fatalf("test from acceptance: %s, clock %s; want accepted, paused", m.State, c.deadlines(t, m)["mediation"].Status)
		}
		_, err = c.svc.StartAppraisal(c.ctx, auth.As(c.med), m.Number, a)
		refused(t, "a second test while one runs", err, true, "started_at:already")

		c.clock.Set(sh(t, "2026-05-16 09:00"))
		_, err = c.svc.EndAppraisal(c.ctx, auth.As(c.med), m.Number, a.ID, sh(t, "2026-05-17 09:00"), "合格")
		refused(t, "ends in the future", err, false, "ended_at:future")
		if _, err := c.svc.EndAppraisal(c.ctx, auth.As(c.med), m.Number, a.ID, sh(t, "2026-05-16 09:00"), "经检验，跑步机电机不符合国家标准"); err != nil {
			t.Fatal(err)
		}
		d := c.deadlines(t, m)["mediation"]
		if d.Status != "running" || d.DueDate != due0.AddDays(10) {
			t.Fatalf("after the test: %s due %s, want running due %s (10 days paused)", d.Status, d.DueDate, due0.AddDays(10))
		}
		_, err = c.svc.EndAppraisal(c.ctx, auth.As(c.med), m.Number, a.ID, sh(t, "2026-05-16 09:00"), "again")
		refused(t, "ended twice", err, true, "ended_at:already")

		// While mediating: a recusal, then a test; the recusal decided keeps it suspended.
		c.consentBoth(t, m)
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		r, err := c.svc.ApplyRecusal(c.ctx, auth.As(c.med), m.Number, mediation.Recusal{Side: mediation.Respondent, MediatorID: c.med.ID, Grounds: "调解员与投诉人相识"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.svc.Act(c.ctx, auth.As(c.med), m.Number, casework.Resume, casework.ActionInput{Note: "继续调解"})
		refused(t, "resume by hand while the recusal is undecided (R-L16)", err, true, "recusal_id:recusal_pending")
		b := mediation.Appraisal{Agency: "市计量检定测试院", ChosenBy: mediation.Designated, Payer: mediation.PaidShared, CostAgreed: true, Cost: 50000}
		if b, err = c.svc.StartAppraisal(c.ctx, auth.As(c.med), m.Number, b); err != nil {
			t.Fatal(err)
		}
		c.clock.Set(sh(t, "2026-05-18 09:00"))
		if _, err := c.svc.DecideRecusal(c.ctx, auth.As(c.sup), m.Number, r.ID, false, "申请不成立"); err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		if m.State != casework.Suspended || c.deadlines(t, m)["mediation"].Status != "paused" {
			t.Fatalf("recusal decided while testing: %s, clock %s; want suspended, paused", m.State, c.deadlines(t, m)["mediation"].Status)
		}
		_, err = c.svc.Act(c.ctx, auth.As(c.med), m.Number, casework.Resume, casework.ActionInput{Note: "继续调解"})
		refused(t, "resume by hand while testing", err, true, "appraisal_id:appraisal_running")
		c.clock.Set(sh(t, "2026-05-20 09:00"))
		if _, err := c.svc.EndAppraisal(c.ctx, auth.As(c.med), m.Number, b.ID, c.clock.Now(), "计量准确"); err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		d = c.deadlines(t, m)["mediation"]
		if m.State != casework.Mediating || d.Status != "running" || d.DueDate != due0.AddDays(14) {
			t.Fatalf("after the second test: %s, %s due %s; want mediating, running, due %s", m.State, d.Status, d.DueDate, due0.AddDays(14))
		}
		file, _ := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
		if len(file.Appraisals) != 2 || file.Appraisals[1].EndedAt == nil || file.Appraisals[1].ChosenBy != mediation.Designated {
			t.Fatalf("file: %+v", file.Appraisals)
		}
		// Mediation that ends while a test runs ends the test's record too.
		if _, err := c.svc.StartAppraisal(c.ctx, auth.As(c.med), m.Number, mediation.Appraisal{Agency: "县产品质量检验所", ChosenBy: mediation.ChosenByParties,
			Payer: mediation.PaidByComplainant, CostAgreed: true}); err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		m = c.act(t, c.med, m, casework.Terminate, casework.ActionInput{ReasonCode: "T1", Note: "双方自行和解"})
		if file, _ = c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number); len(file.Appraisals) != 3 || file.Appraisals[2].EndedAt == nil {
			t.Fatalf("after terminating mid-test: %+v", file.Appraisals)
		}
		var seen []casework.Action
		for _, ev := range c.timeline(t, m) {
			seen = append(seen, ev.Action)
		}
		for _, want := range []casework.Action{casework.StartAppraisal, casework.EndAppraisal, casework.Pause, casework.Resume} {
			if !containsAction(seen, want) {
				t.Errorf("timeline lacks %s: %v", want, seen)
			}
		}
	})
}

func containsAction(list []casework.Action, a casework.Action) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// TestFactsHelpers_R_L8_R_L46_R_L47: the facts recorded on a complaint give the case page the
// three-year suggestion (R-L8), the return windows (R-L46) and the prepaid card's view (R-L47);
// bad facts are refused with nothing written.
func TestFactsHelpers_R_L8_R_L46_R_L47(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, nil)
		day := func(v string) *calendar.Date { d, _ := calendar.ParseDate(v); return &d }

		_, err := c.svc.SaveFacts(c.ctx, auth.As(c.op), m.Number, mediation.Facts{KnownOn: day("2026-06-01")})
		refused(t, "known in the future", err, false, "known_on:future")
		if f, _ := s.Facts(c.ctx, m.ID); f.KnownOn != nil {
			t.Fatalf("refused facts written: %+v", f)
		}
		f := mediation.Facts{KnownOn: day("2023-04-01"),
			Purchase: &mediation.Purchase{ReceivedOn: *day("2026-05-02"), Distance: true},
			Prepaid:  &mediation.Prepaid{PaidOn: *day("2026-05-01"), Paid: 368000, Consumed: 68000, RequestedOn: *day("2026-05-05"), Fault: mediation.BusinessFault}}
		if _, err := c.svc.SaveFacts(c.ctx, auth.As(c.op), m.Number, f); err != nil {
			t.Fatal(err)
		}
		file, err := c.svc.Mediation(c.ctx, auth.As(c.op), m.Number)
		if err != nil {
			t.Fatal(err)
		}
		h := file.Helpers
		if h.Limitation == nil || h.Limitation.Reason.Code != "R16-4" {
			t.Errorf("limitation: %+v, want R16-4 suggested", h.Limitation)
		}
		if len(h.Returns) != 1 || !h.Returns[0].Open {
			t.Errorf("returns: %+v, want the Art.25 window open", h.Returns)
		}
		if h.Prepaid == nil || !h.Prepaid.CoolingOff || h.Prepaid.Balance != 300000 || h.Prepaid.InterestBasis != "lpr_1y" {
			t.Errorf("prepaid: %+v", h.Prepaid)
		}
		f.Override = &mediation.Override{LawOtherwise: true, Note: "产品质量法第四十五条"}
		if _, err := c.svc.SaveFacts(c.ctx, auth.As(c.op), m.Number, f); err != nil {
			t.Fatal(err)
		}
		if file, _ = c.svc.Mediation(c.ctx, auth.As(c.op), m.Number); file.Helpers.Limitation != nil {
			t.Errorf("overridden, still suggested: %+v", file.Helpers.Limitation)
		}
		if tl := c.timeline(t, m); tl[len(tl)-1].Action != casework.RecordFacts {
			t.Errorf("timeline ends with %s, want facts", tl[len(tl)-1].Action)
		}
	})
}

// TestTerminationOfferOnFile_R_L18: once the mediation period ran out the mediation file offers
// termination with T5 — the case page's button — and nothing is terminated until the mediator
// takes it; a paused clock offers nothing.
func TestTerminationOfferOnFile_R_L18(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		c.consentBoth(t, m)
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		if f, _ := c.svc.Mediation(c.ctx, auth.As(c.med), m.Number); f.Offer != nil {
			t.Fatalf("offer within the period: %+v", f.Offer)
		}
		due := *c.deadlines(t, m)["mediation"].DueAt
		c.clock.Set(due.Add(time.Hour))
		if _, err := c.svc.Scan(c.ctx, c.clock.Now()); err != nil {
			t.Fatal(err)
		}
		f, _ := c.svc.Mediation(c.ctx, auth.As(c.med), m.Number)
		if f.Offer == nil || f.Offer.Reason.Code != "T5" || f.Offer.Action != casework.Terminate {
			t.Fatalf("offer after the breach: %+v", f.Offer)
		}
		if got, _ := c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number); got.State != casework.Mediating {
			t.Fatalf("state %s: never terminated automatically", got.State)
		}
		m = c.act(t, c.med, m, casework.Terminate, casework.ActionInput{ReasonCode: "T5", Note: "调解期限届满，双方未能达成调解协议。"})
		if f, _ := c.svc.Mediation(c.ctx, auth.As(c.med), m.Number); f.Offer != nil || m.State != casework.Terminated {
			t.Fatalf("after terminating: %s, offer %+v", m.State, f.Offer)
		}
	})
}
