package service_test

import (
	"context"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// BenchmarkImport100k imports 100,000 ledger rows into a fresh SQLite (and,
// when configured, PostgreSQL) database per iteration: reading, checking, placing and one transaction of
// prepared inserts (a matter and its timeline event per row). Figures in BENCHMARKS.md.
//
//	go test ./internal/service/ -run XXX -bench Import100k -benchtime 3x
func BenchmarkImport100k(b *testing.B) {
	const n = 100_000
	rows := ledgertest.Year(2021, n, "B-")
	csv, err := ledgertest.CSV(rows, "utf-8", true)
	if err != nil {
		b.Fatal(err)
	}
	xlsx, err := ledgertest.XLSX(rows)
	if err != nil {
		b.Fatal(err)
	}
	files := []struct {
		name string
		data []byte
		dry  bool
		open func(testing.TB) *store.Store
	}{
		{"csv", csv, false, testdb.SQLite},
		{"xlsx", xlsx, false, testdb.SQLite},
		{"jsonl", ledgertest.JSONL(rows), false, testdb.SQLite},
		{"csv-dry-run", csv, true, testdb.SQLite},
		{"csv-postgres", csv, false, testdb.Postgres}, // skipped unless WEIQUAN_TEST_POSTGRES is set
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := f.open(b)
				svc := newService(s)
				b.StartTimer()
				res, err := svc.Import(context.Background(), auth.System, service.ImportRequest{Name: "ledger." + f.name, Data: f.data, DryRun: f.dry})
				if err != nil || !res.OK() || res.New != n {
					b.Fatalf("import: %v %+v", err, res.Failures)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(len(f.data))/1e6, "MB-file")
		})
	}
}
