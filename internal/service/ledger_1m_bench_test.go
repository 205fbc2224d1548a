package service_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// BenchmarkImport1M imports 1,000,000 ledger rows (CSV, UTF-8 with BOM and
// Chinese headers, rows from ledgertest.Year) into a fresh SQLite office in
// one call of Service.Import, as `weiquan import` does: the whole file
// checked, then committed, read from disk where it lies. It reports rows/s
// and the process's peak resident memory during the import (VmHWM, reset
// after the file is generated and written, so the figure holds neither the
// generator's rows nor the file's bytes). Skipped unless WEIQUAN_BENCH_1M=1, so `go test` stays
// fast; the rollup recount of testdb runs when it ends. WEIQUAN_BENCH_1M_ROWS
// imports fewer (or more) rows the same way; WEIQUAN_BENCH_1M_DB=postgres
// imports into PostgreSQL (WEIQUAN_TEST_POSTGRES). Figures in BENCHMARKS.md.
//
//	WEIQUAN_BENCH_1M=1 go test ./internal/service/ -run XXX -bench Import1M -benchtime 1x -timeout 1h
func BenchmarkImport1M(b *testing.B) {
	if os.Getenv("WEIQUAN_BENCH_1M") != "1" {
		b.Skip("set WEIQUAN_BENCH_1M=1 to import 1,000,000 ledger rows")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("WEIQUAN_BENCH_1M_ROWS")); err == nil && v > 0 {
		n = v
	}
	csv, err := ledgertest.CSV(ledgertest.Year(2021, n, "M-"), "utf-8", true)
	if err != nil {
		b.Fatal(err)
	}
	file, size := filepath.Join(b.TempDir(), "ledger-1m.csv"), len(csv)
	if err := os.WriteFile(file, csv, 0o600); err != nil {
		b.Fatal(err)
	}
	csv = nil
	open := func() (io.ReadCloser, error) { return os.Open(file) }
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		openDB := testdb.SQLite
		if os.Getenv("WEIQUAN_BENCH_1M_DB") == "postgres" {
			openDB = testdb.Postgres
		}
		s := openDB(b)
		svc := newService(s)
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS(b)
		b.StartTimer()
		res, err := svc.Import(context.Background(), auth.System, service.ImportRequest{Name: "ledger-1m.csv", Open: open})
		if err != nil || !res.OK() || res.New != n {
			b.Fatalf("import: %v %+v", err, res.Failures)
		}
		b.StopTimer()
		b.ReportMetric(float64(procStatusKB(b, "VmHWM"))/1024, "MB-peak-RSS")
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(size)/1e6, "MB-file")
}

// resetPeakRSS sets VmHWM back to the present RSS (Linux: clear_refs 5).
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not reset: %v", err)
	}
}

// procStatusKB reads a kB figure of /proc/self/status.
func procStatusKB(b *testing.B, key string) int {
	st, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(l, key+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}
