package service_test

import (
	"context"
	"testing"

	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// BenchmarkImport100k imports 100,000 ledger rows into a fresh SQLite
// database per iteration: reading, checking, placing and one transaction of
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
	}{
		{"csv", csv, false},
		{"xlsx", xlsx, false},
		{"jsonl", ledgertest.JSONL(rows), false},
		{"csv-dry-run", csv, true},
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := testdb.SQLite(b)
				svc := newService(s)
				b.StartTimer()
				res, err := svc.Import(context.Background(), nil, service.ImportRequest{Name: "ledger." + f.name, Data: f.data, DryRun: f.dry})
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
