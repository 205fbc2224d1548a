package service_test

import (
	"slices"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestJudgeSeesOnlyTheCourtsMatters is issue 10 item 8: a judge sees exactly the disputes the
// judge's court delegated and the applications for judicial confirmation filed with it — not a
// matter dispatched to the court's station, not one transferred to it for filing, not another
// court's dispute — in the list and matter by matter, on both databases.
func TestJudgeSeesOnlyTheCourtsMatters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx
		mine, _, err := f.svc.DelegateFromCourt(ctx, auth.As(f.judge), service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling})
		if err != nil {
			t.Fatal(err)
		}
		theirs, _, err := f.svc.DelegateFromCourt(ctx, auth.As(f.stranger), service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling})
		if err != nil {
			t.Fatal(err)
		}
		// Dispatched to the court's station (its joint mediation centre) by the office.
		sent := f.complaint(t, f.county.county, nil)
		sent = f.act(t, f.op, sent, casework.Accept, casework.ActionInput{})
		sent = f.act(t, f.sup, sent, casework.Dispatch, casework.ActionInput{StationID: &f.court.ID})
		// Nor can the office hand a matter to a judge to mediate: the judge would not see it.
		_, err = f.svc.Act(ctx, auth.As(f.sup), sent.Number, casework.Dispatch, casework.ActionInput{StationID: &f.court.ID, AssigneeID: &f.judge.ID})
		refusedWith(t, err, "assignee_id")
		// Mediation failed and the bundle went to the court for filing.
		filed := f.complaint(t, f.county.county, nil)
		filed = f.act(t, f.op, filed, casework.Accept, casework.ActionInput{})
		filed = f.act(t, f.med, filed, casework.StartMediation, casework.ActionInput{})
		filed = f.act(t, f.med, filed, casework.Terminate, casework.ActionInput{ReasonCode: "T1"})
		if _, err := f.svc.TransferToFiling(ctx, auth.As(f.med), filed.Number, service.TransferInput{Court: f.court.Name, CourtStationID: &f.court.ID}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who  *auth.User
			m    casework.Matter
			sees bool
		}{{f.judge, mine, true}, {f.judge, theirs, false}, {f.judge, sent, false}, {f.judge, filed, false},
			{f.stranger, theirs, true}, {f.stranger, mine, false}, {f.sup, sent, true}} {
			_, err := f.svc.MatterFor(ctx, auth.As(c.who), c.m.Number)
			if (err == nil) != c.sees {
				t.Errorf("%s reads %s: %v, want seen %v", c.who.Username, c.m.Number, err, c.sees)
			}
		}
		list, _, err := f.svc.Matters(ctx, auth.As(f.judge), service.MatterQuery{}.Page(100, 0))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range list {
			got = append(got, m.Number)
		}
		if !slices.Equal(got, []string{mine.Number}) {
			t.Fatalf("the judge's list %v, want exactly %s", got, mine.Number)
		}
		desk, err := f.svc.JudgeDeskOf(ctx, auth.As(f.judge))
		if err != nil || len(desk.Delegations) != 1 || desk.Delegations[0].MatterID != mine.ID {
			t.Fatalf("desk %+v %v", desk, err)
		}
	})
}
