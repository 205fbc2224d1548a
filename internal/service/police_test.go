package service_test

import (
	"errors"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestReferToPolice_R_L10: suspected fraud or extortion refers the complaint to the police —
// the referral record of the departments' workflow with its clock, the mark 移送公安, and a
// running mediation terminated with T6 (T7 under Order 20) whose notice to both parties then
// falls due (R-L19); everything on the timeline. Bad input is refused with nothing written.
func TestReferToPolice_R_L10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-04-01 09:00"))
		ctx := f.ctx
		police := "湖口县公安局双钟派出所"
		// An Order 20 complaint (received before 2026-04-15), mediating.
		old := f.complaint(t, f.county.county, nil)
		old = f.act(t, f.op, old, casework.Accept, casework.ActionInput{})
		old = f.act(t, f.med, old, casework.StartMediation, casework.ActionInput{})
		f.clock.Set(sh(t, "2026-06-01 09:00"))
		mediating := f.complaint(t, f.county.county, nil)
		mediating = f.act(t, f.op, mediating, casework.Accept, casework.ActionInput{})
		mediating = f.act(t, f.med, mediating, casework.StartMediation, casework.ActionInput{})
		accepted := f.complaint(t, f.county.county, nil)
		accepted = f.act(t, f.op, accepted, casework.Accept, casework.ActionInput{})
		fresh := f.complaint(t, f.county.county, nil)
		fresh = f.act(t, f.op, fresh, casework.Accept, casework.ActionInput{})
		received := f.complaint(t, f.county.county, nil)
		closed := f.complaint(t, f.county.county, nil)
		closed = f.act(t, f.sup, closed, casework.Reject, casework.ActionInput{ReasonCode: "R16-3"})
		closed = f.act(t, f.sup, closed, casework.Close, casework.ActionInput{})
		due := calendar.DateOf(f.clock.Now()).AddDays(10)

		cases := []struct {
			name      string
			m         casework.Matter
			who       *auth.User
			in        service.PoliceInput
			terminate string         // the termination ground, "" for none
			state     casework.State // the state after
			refusal   string         // "field:code" of the refusal, "" when taken
			clash     bool
		}{
			{"R-L10 mediating (Order 121): referral, 移送公安 and T6", mediating, f.med,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudForge}, Facts: "投诉人伪造购物小票", DueDate: &due}, "T6", casework.Terminated, "", false},
			{"R-L10 Order 20 has no fraud ground: T7", old, f.sup,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.Extortion}, Facts: "以曝光相要挟索要十万元"}, "T7", casework.Terminated, "", false},
			{"R-L10 accepted, mediation not started: referral and mark only", accepted, f.op,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudSwap}, Facts: "调换了送检样品"}, "", casework.Accepted, "", false},
			{"R-L10 a second fraud referral", mediating, f.med,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudForge}, Facts: "再次移送"}, "", "", "referral:already", true},
			{"R-L10 not yet accepted", received, f.op,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudForge}, Facts: "伪造"}, "", "", "state:wrong_state", true},
			{"R-L10 closed matter", closed, f.sup,
				service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudForge}, Facts: "伪造"}, "", "", "state:wrong_state", true},
			{"R-L10 no grounds", fresh, f.op, service.PoliceInput{DepartmentName: police, Facts: "伪造"}, "", "", "grounds:required", false},
			{"R-L10 no police named", fresh, f.op, service.PoliceInput{Grounds: []mediation.Fraud{mediation.FraudTamper}, Facts: "篡改"}, "", "", "department_name:required", false},
			{"R-L10 a due date in the past", fresh, f.op, service.PoliceInput{DepartmentName: police, Grounds: []mediation.Fraud{mediation.FraudTamper}, Facts: "篡改",
				DueDate: new(calendar.DateOf(f.clock.Now()).AddDays(-1))}, "", "", "due_date:past", false},
		}
		for _, c := range cases {
			before := len(f.timeline(t, c.m))
			refs0, _ := s.Referrals(ctx, c.m.ID)
			out, err := f.svc.ReferToPolice(ctx, auth.As(c.who), c.m.Number, c.in)
			if c.refusal != "" {
				refused(t, c.name, err, c.clash, c.refusal)
				refs, _ := s.Referrals(ctx, c.m.ID)
				if len(refs) != len(refs0) || len(f.timeline(t, c.m)) != before {
					t.Fatalf("%s: written despite the refusal", c.name)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if out.Status != mediation.StatusReferredToPolice || out.Terminated != c.terminate || out.State != c.state ||
				out.Referral.Department != mediation.Police || out.Referral.DepartmentName != police {
				t.Fatalf("%s: %+v", c.name, out)
			}
			st, err := f.svc.PoliceStatus(ctx, auth.As(f.sup), c.m.Number)
			if err != nil || st == nil || st.ID != out.Referral.ID {
				t.Fatalf("%s: status %+v %v", c.name, st, err)
			}
			m, _ := s.Matter(ctx, c.m.ID)
			if m.State != c.state || (c.terminate != "" && m.ReasonCode != c.terminate) {
				t.Fatalf("%s: matter %s %s", c.name, m.State, m.ReasonCode)
			}
			tl := f.timeline(t, c.m)
			last := tl[len(tl)-1]
			if last.Action != casework.Refer || last.Data["status"] != mediation.StatusReferredToPolice {
				t.Fatalf("%s: timeline ends with %+v", c.name, last)
			}
			if c.terminate != "" {
				if term := tl[len(tl)-2]; term.Action != casework.Terminate || term.Data["reason_code"] != c.terminate {
					t.Fatalf("%s: no %s termination on the timeline: %+v", c.name, c.terminate, term)
				}
				if row := f.row(t, m, deadline.TerminationNotice); row.Status != deadline.Running {
					t.Fatalf("%s: termination notice clock %+v", c.name, row)
				}
			}
		}
		// A judge has no part in it; an ordinary referral cannot carry fraud grounds.
		if _, err := f.svc.ReferToPolice(ctx, auth.As(f.judge), accepted.Number, service.PoliceInput{DepartmentName: police,
			Grounds: []mediation.Fraud{mediation.FraudForge}, Facts: "伪造"}); !errors.Is(err, service.ErrForbidden) && !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a judge referred to the police: %v", err)
		}
		_, err := f.svc.Refer(ctx, auth.As(f.med), received.Number, mediation.Referral{Department: mediation.Police, DepartmentName: police,
			Grounds: []mediation.Fraud{mediation.FraudForge}, Request: "伪造"})
		refused(t, "fraud grounds on an ordinary referral", err, false, "grounds:"+service.CodeFraudToPolice)

		// The rest of journey (c): the referral clock runs, the police answer, the termination
		// notice goes out, the matter closes.
		if row := f.row(t, mediating, deadline.ReferralAnswer); row.Status != deadline.Running || row.DueDate != due {
			t.Fatalf("referral clock %+v", row)
		}
		st, _ := f.svc.PoliceStatus(ctx, auth.As(f.sup), mediating.Number)
		if _, err := f.svc.AnswerReferral(ctx, auth.As(f.med), mediating.Number, st.ID, mediation.ReferralAnswer{DepartmentName: police, Text: "已受案调查"}); err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, mediating, deadline.ReferralAnswer); row.Status == deadline.Running {
			t.Fatal("referral clock still running after the police answered")
		}
		if _, err := f.svc.IssueDocument(ctx, auth.As(f.med), mediating.Number, service.IssueInput{Kind: mediation.TerminationNotice}); err != nil {
			t.Fatal(err)
		}
		done := f.act(t, f.sup, mediating, casework.Close, casework.ActionInput{})
		if done.State != casework.Closed || done.Outcome != casework.OutcomeTerminated {
			t.Fatalf("closed: %s %s", done.State, done.Outcome)
		}
	})
}
