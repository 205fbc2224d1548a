package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/court"
	"weiquan/internal/deadline"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestDelegationDeclinedLate_R_L33: the centre may decline a delegated dispute, with its
// reason (422 without, nothing written); a decision after the 3 working days is kept and
// marked late, the acceptance clock breached then met; a declined delegation has no period,
// so it can neither be extended nor paused (409) — on both databases.
func TestDelegationDeclinedLate_R_L33(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00")) // a Monday: due Thursday 4 June
		ctx := f.ctx
		m, d, err := f.svc.DelegateFromCourt(ctx, auth.As(f.judge), delegationOf(f))
		if err != nil {
			t.Fatal(err)
		}
		if d.AcceptDue.String() != "2026-06-04" {
			t.Fatalf("accept due %s", d.AcceptDue)
		}
		if _, err := f.svc.Scan(ctx, sh(t, "2026-06-05 00:01")); err != nil {
			t.Fatal(err)
		}
		if r := f.row(t, m, deadline.CourtAcceptance); r.BreachedAt == nil {
			t.Fatalf("acceptance clock not breached: %+v", r)
		}
		f.clock.Set(sh(t, "2026-06-08 10:00"))
		events := len(f.timeline(t, m))
		_, err = f.svc.DecideDelegation(ctx, auth.As(f.med), m.Number, court.Decline, calendar.Date{}, " ")
		refused(t, "declined without a reason", err, false, "reason:required")
		if got, _ := f.svc.CourtDelegation(ctx, auth.As(f.sup), m.Number); got.Decision != "" || len(f.timeline(t, m)) != events {
			t.Fatalf("a refused decision was written: %+v", got.Decision)
		}
		d, err = f.svc.DecideDelegation(ctx, auth.As(f.med), m.Number, court.Decline, calendar.Date{}, "双方均不在本辖区")
		if err != nil || d.Decision != court.Decline || !d.Late || d.DeclineReason != "双方均不在本辖区" {
			t.Fatalf("declined late: %+v %v", d, err)
		}
		if r := f.row(t, m, deadline.CourtAcceptance); r.Status != deadline.Met {
			t.Fatalf("acceptance clock %s after the decision", r.Status)
		}
		if _, ok := f.deadlines(t, m)[string(deadline.CourtPeriod)]; ok {
			t.Fatal("a declined delegation has a period clock")
		}
		_, err = f.svc.ExtendCourtPeriod(ctx, auth.As(f.med), m.Number, court.Extension{Days: 5, Consents: []string{"王小明", "悦动健身服务有限公司"}}, "x")
		if err == nil || !invalidIsConflict(err) {
			t.Fatalf("extending a declined delegation: %v", err)
		}
		_, err = f.svc.CourtAppraisal(ctx, auth.As(f.med), m.Number, calendar.Date{}, "鉴定", false)
		if err == nil || !invalidIsConflict(err) {
			t.Fatalf("an appraisal on a declined delegation: %v", err)
		}
	})
}

func delegationOf(f *courtFixture) service.CourtDelegationInput {
	return service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling, CourtRef: "(2026)赣0429诉前调2号"}
}
