package store_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestScaleReads measures the hot reads on a database filled beforehand with
// `weiquan load --fill N` (or store.Fill): each query 50 times after two
// warm-up runs, p50/p95/max, and writes their plans (EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN ANALYZE on PostgreSQL) beside. Not part of CI: it runs only
// when WEIQUAN_SCALE_DATA (a SQLite data folder) or WEIQUAN_SCALE_DB (a
// postgres:// URL) names a filled office. Figures in BENCHMARKS.md, plans in
// docs/EXPLAIN.md.
//
//	WEIQUAN_SCALE_DATA=/tmp/office go test ./internal/store/ -run TestScaleReads -v -timeout 1h
//
// WEIQUAN_SCALE_ONLY=search measures only the reads whose name holds "search".
// The words, as Fill writes its facts: 质量 is in two matters in three, 质量问题
// in 58 %, 牛奶 and 牛奶过期 in none (only in intakes of `weiquan load`).
func TestScaleReads(t *testing.T) {
	dir, url := os.Getenv("WEIQUAN_SCALE_DATA"), os.Getenv("WEIQUAN_SCALE_DB")
	if dir == "" && url == "" {
		t.Skip("set WEIQUAN_SCALE_DATA or WEIQUAN_SCALE_DB to a filled office")
	}
	ctx := context.Background()
	t0 := time.Now()
	s, err := store.Open(ctx, store.Options{DataDir: dir, URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("open (migrations, statistics): %v", time.Since(t0).Round(time.Millisecond))
	_, n, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s, %d matters stored", s.Dialect(), n)
	county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
	town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
	const bound = 10_000
	var plans strings.Builder
	only := os.Getenv("WEIQUAN_SCALE_ONLY") // measure only the reads whose name holds this
	measure := func(name string, fn func() error) {
		if only != "" && !strings.Contains(name, only) {
			return
		}
		for i := 0; i < 2; i++ {
			if err := fn(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		var d []time.Duration
		for i := 0; i < 50; i++ {
			t0 := time.Now()
			if err := fn(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			d = append(d, time.Since(t0))
		}
		slices.Sort(d)
		t.Logf("| %s | %.1f ms | %.1f ms | %.1f ms |", name, ms(d[25]), ms(d[47]), ms(d[49]))
	}
	for _, c := range []struct {
		name string
		f    store.MatterFilter
	}{
		{"county's open queue by deadline, first page", store.MatterFilter{Scope: county, OpenOnly: true, ByDue: true}},
		{"town's open queue by deadline, first page", store.MatterFilter{Scope: town, OpenOnly: true, ByDue: true}},
		{"county's list newest first, first page", store.MatterFilter{Scope: county}},
		{"town's list newest first, first page", store.MatterFilter{Scope: town}},
		{"search 2 characters matching nothing (牛奶)", store.MatterFilter{Scope: county, Q: "牛奶"}},
		{"search 2 characters matching most (质量)", store.MatterFilter{Scope: county, Q: "质量"}},
		{"search 4 characters matching nothing (牛奶过期)", store.MatterFilter{Scope: county, Q: "牛奶过期"}},
		{"search 4 characters matching most (质量问题)", store.MatterFilter{Scope: county, Q: "质量问题"}},
		{"town's search 4 characters matching most", store.MatterFilter{Scope: town, Q: "质量问题"}},
		{"town's search 2 characters matching most", store.MatterFilter{Scope: town, Q: "质量"}},
	} {
		f := c.f
		f.CountUpTo, f.Limit = bound, 25
		if f.Q != "" {
			f.CountUpTo = 1_000 // service.MaxSearchCounted
		}
		measure(c.name, func() error { _, _, err := s.Matters(ctx, f); return err })
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		p, err := store.PlansForTest(ctx, s, f)
		if err != nil {
			t.Fatalf("plan of %s: %v", c.name, err)
		}
		fmt.Fprintf(&plans, "### %s\n\n", c.name)
		for _, part := range []string{"walk", "walk count", "search", "count", "page"} {
			if p[part] != "" {
				fmt.Fprintf(&plans, "%s:\n```\n%s```\n", part, p[part])
			}
		}
	}
	measure("case page (matter by number)", func() error { _, err := s.MatterByNumber(ctx, "B123457"); return err })
	// The supervisor's board: the running clocks of the scope counted, the nearest due first (a fill writes
	// the clocks since 2026-12-07; an office filled before has none and measures nothing here).
	for _, c := range []struct {
		name  string
		scope store.Scope
	}{{"county's clock board", county}, {"town's clock board", town}} {
		f := store.ClockFilter{Scope: c.scope}
		measure(c.name, func() error { _, _, err := s.Clocks(ctx, f, time.Now()); return err })
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		p, err := store.BoardPlansForTest(ctx, s, f, time.Now())
		if err != nil {
			t.Fatalf("plan of %s: %v", c.name, err)
		}
		fmt.Fprintf(&plans, "### %s\n\n", c.name)
		for _, part := range []string{"bounded counts", "count", "page"} {
			if p[part] != "" {
				fmt.Fprintf(&plans, "%s:\n```\n%s```\n", part, p[part])
			}
		}
	}
	// The staff's alerts (a fill writes them since migration 0086): the page of 30 newest first with its
	// total and the unread badge, read off the alerts' own place, and the same read through the matters
	// as before migration 0086 ("through matters", counted exactly) on the same office.
	for _, c := range []struct {
		name   string
		f      store.AlertFilter
		unread bool
	}{
		{"county's alerts page", store.AlertFilter{Scope: county, UserID: 1}, false},
		{"town's alerts page", store.AlertFilter{Scope: town, UserID: 1}, false},
		{"county's unread alerts page", store.AlertFilter{Scope: county, UserID: 1, Unread: true}, false},
		{"town's unread alerts page", store.AlertFilter{Scope: town, UserID: 1, Unread: true}, false},
		// A village: matters moved by hand under /1/3/99/ (a fill has no villages; none there measures nothing).
		{"village's alerts page", store.AlertFilter{Scope: store.Scope{PathLo: "/1/3/99/", PathHi: "/1/3/990"}, UserID: 1}, false},
		{"county's unread alerts badge", store.AlertFilter{Scope: county, UserID: 1, Unread: true}, true},
		{"town's unread alerts badge", store.AlertFilter{Scope: town, UserID: 1, Unread: true}, true},
	} {
		f := c.f
		f.Limit, f.CountUpTo = 30, bound
		// On PostgreSQL the old read of a root area's 950,000 matters does not end: too many ids to hash
		// in work_mem (4 MB), it re-reads them for every alert, a plain SubPlan (docs/EXPLAIN.md).
		old := s.Dialect() != store.Postgres || !f.Scope.Unplaced
		if !old && (only == "" || strings.Contains(c.name, only)) {
			t.Logf("| %s, through matters | not run: a plain SubPlan over every alert |", c.name)
		}
		if c.unread {
			measure(c.name, func() error { _, err := s.CountAlerts(ctx, f); return err })
			if !old {
				continue
			}
			measure(c.name+", through matters", func() error { _, err := store.UnreadThroughMattersForTest(ctx, s, f); return err })
		} else {
			measure(c.name, func() error { _, _, err := s.Alerts(ctx, f); return err })
			if old {
				measure(c.name+", through matters", func() error { _, _, err := store.AlertsThroughMattersForTest(ctx, s, f); return err })
			}
		}
		if only != "" && !strings.Contains(c.name, only) || c.unread {
			continue
		}
		p, err := store.AlertPlansForTest(ctx, s, f)
		if err != nil {
			t.Fatalf("plan of %s: %v", c.name, err)
		}
		fmt.Fprintf(&plans, "### %s\n\n", c.name)
		for _, part := range []string{"count", "page"} {
			if p[part] != "" {
				fmt.Fprintf(&plans, "%s:\n```\n%s```\n", part, p[part])
			}
		}
	}
	// One alert, as marking it read reads it before and after (the newest of the town).
	if list, _, err := s.Alerts(ctx, store.AlertFilter{Scope: town, UserID: 1, Limit: 1, CountUpTo: 1}); err == nil && len(list) == 1 {
		id, f := list[0].ID, store.AlertFilter{Scope: county, UserID: 1}
		measure("one alert of the county's", func() error { _, err := s.Alert(ctx, id, f); return err })
		measure("one alert of the county's, through matters", func() error { _, err := store.AlertThroughMattersForTest(ctx, s, id, f); return err })
	}
	measure("unread alert exists (kind and payload)", func() error {
		_, err := s.UnreadAlertExists(ctx, "merchant_unreachable", map[string]any{"merchant": "恒达超市第0店"})
		return err
	})
	measure("unread alert exists (kind and payload), no index", func() error {
		_, err := store.UnreadAlertExistsUnindexedForTest(ctx, s, "merchant_unreachable", map[string]any{"merchant": "恒达超市第0店"})
		return err
	})
	svc := service.New(s, time.Now)
	year := report.Params{From: calendar.Date{Year: 2025, Month: 1, Day: 1}, To: calendar.Date{Year: 2025, Month: 12, Day: 31}}
	measure("yearly report, whole office", func() error { _, err := svc.Summary(ctx, auth.System, year); return err })
	townYear := year
	townYear.AreaID = new(int64)
	*townYear.AreaID = 4
	measure("yearly report, one town", func() error { _, err := svc.Summary(ctx, auth.System, townYear); return err })
	if out := os.Getenv("WEIQUAN_SCALE_PLANS"); out != "" {
		if err := os.WriteFile(out, []byte(plans.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkPairsWriteCost measures what PostgreSQL's pair index (matter_pairs,
// migration 0013) adds to writing a matter: intakes with a realistic text,
// with its trigger and with the trigger switched off. Run by
// hand (figures in BENCHMARKS.md):
//
//	WEIQUAN_TEST_POSTGRES=postgres://… go test ./internal/store/ -run XXX -bench PairsWriteCost -benchtime 2000x
func BenchmarkPairsWriteCost(b *testing.B) {
	s := testdb.Postgres(b)
	ctx := context.Background()
	n := 0
	// 100 intakes a transaction, so the commit's flush (milliseconds, and
	// noisy on a shared machine) does not drown the trigger's own cost.
	insert := func(b *testing.B) {
		for i := 0; i < b.N; i += 100 {
			if err := s.Tx(ctx, func(tx *store.Tx) error {
				for j := i; j < min(i+100, b.N); j++ {
					n++
					m := &casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
						RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: time.Now(), CreatedAt: time.Now(), UpdatedAt: time.Now(),
						Consumer:     casework.Party{Name: fmt.Sprintf("张%d", n), Phone: fmt.Sprintf("139%08d", n)},
						MerchantName: fmt.Sprintf("好又多超市第%d分店", n%300),
						Facts:        fmt.Sprintf("消费者反映在该店购买的牛奶已过保质期，要求退货并按规定赔偿，商家拒绝处理。第%d件。", n)}
					var err error
					if m.Number, err = tx.NextNumber(ctx, "T"); err == nil {
						err = tx.InsertMatter(ctx, m)
					}
					if err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("with pairs", insert)
	if err := store.ExecForBench(ctx, s, "ALTER TABLE matters DISABLE TRIGGER matter_pairs"); err != nil {
		b.Fatal(err)
	}
	b.Run("without pairs", insert)
	if err := store.ExecForBench(ctx, s, "ALTER TABLE matters ENABLE TRIGGER matter_pairs"); err != nil {
		b.Fatal(err)
	}
}
