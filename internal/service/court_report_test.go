package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/court"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCourtReportCountsItsMatters: a judge's report counts the matters the
// court delegated, as the judge's list shows them. The report's counts come
// from the rollups when the period is whole days, and the rollups know areas,
// not courts: a court's scope must be counted from its matters (it read "1 =
// 0" on the rollups and reported nothing).
func TestCourtReportCountsItsMatters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx
		for range 2 {
			if _, _, err := f.svc.DelegateFromCourt(ctx, auth.As(f.judge), service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling}); err != nil {
				t.Fatal(err)
			}
		}
		for who, want := range map[*auth.User]int64{f.judge: 2, f.stranger: 0} {
			r, err := f.svc.Summary(ctx, auth.As(who), year(2026))
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != want || r.ByKind["complaint"] != want {
				t.Errorf("%s's report: %d matters, %d complaints; want %d", who.Username, r.Total, r.ByKind["complaint"], want)
			}
		}
		if r, err := f.svc.Summary(ctx, auth.System, year(2026)); err != nil || r.Total != 2 {
			t.Errorf("the office's report: %v %v", r.Total, err)
		}
	})
}
