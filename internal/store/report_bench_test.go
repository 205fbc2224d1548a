package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// BenchmarkYearReport1M computes the yearly report over 1,000,000 stored
// matters on SQLite. The figures are SQL aggregates: the allocations per report
// stay a few hundred kilobytes, whatever the number of matters. Figures in BENCHMARKS.md.
//
//	go test ./internal/store/ -run XXX -bench YearReport1M -benchtime 5x
func BenchmarkYearReport1M(b *testing.B) {
	const n = 1_000_000
	ctx := context.Background()
	s := testdb.SQLite(b)
	svc := service.New(s, time.Now)
	fillAreas(b, svc)
	start := time.Now()
	if err := store.FillForBench(ctx, s, n, 2025); err != nil {
		b.Fatal(err)
	}
	b.Logf("fixture: %d matters in %v", n, time.Since(start).Round(time.Millisecond))
	year := report.Params{From: calendar.Date{Year: 2025, Month: 1, Day: 1}, To: calendar.Date{Year: 2025, Month: 12, Day: 31}}
	month := report.Params{From: calendar.Date{Year: 2025, Month: 6, Day: 1}, To: calendar.Date{Year: 2025, Month: 6, Day: 30}}
	town := year
	town.AreaID = new(int64)
	*town.AreaID = 2
	run := func(name string, p report.Params, want int64) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s, err := svc.Summary(ctx, auth.System, p)
				if err != nil || (want > 0 && s.Total != want) {
					b.Fatalf("summary: %v total %d", err, s.Total)
				}
			}
		})
	}
	run("year", year, n)
	run("month", month, 0)
	run("year-one-town", town, 0)
	// What the kind/channel/category index is worth; minutes per report, so only on request.
	if os.Getenv("WEIQUAN_BENCH_VARIANTS") == "1" {
		if err := store.ExecForBench(ctx, s, "DROP INDEX matters_r_kind"); err != nil {
			b.Fatal(err)
		}
		run("year-without-kind-index", year, n)
	}
}
