package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/cli"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportAndReportCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	rows := ledgertest.Year(2021, ledgertest.Total, "CLI-")
	csv, err := ledgertest.CSV(rows, "gb18030", true)
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, dir, "台账.csv", csv)

	code, out, errs := run(t, "import", file, "--dry-run", "--data", data, "--lang", "en")
	if code != 0 || !strings.Contains(out, "gb18030") || !strings.Contains(out, "Preview only") || !strings.Contains(out, "new 1754") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = run(t, "--data", data, "import", file, "--lang", "en")
	if code != 0 || !strings.Contains(out, "Imported 1754 matters") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "import", file, "--data", data, "--lang", "en")
	if code != 0 || !strings.Contains(out, "skipped 1754") || !strings.Contains(out, "Nothing new") {
		t.Fatalf("re-import: %d\n%s", code, out)
	}

	// A failing row: exit code 1, the row named, nothing written.
	bad := writeFile(t, dir, "bad.csv", []byte("source_id,kind,channel,received_at\nX-1,complaint,web,2021-13-01\n"))
	code, out, errs = run(t, "import", bad, "--data", data, "--lang", "en")
	if code != 1 || !strings.Contains(out, "Row 2:") || !strings.Contains(errs, "nothing was imported") {
		t.Fatalf("bad file: %d\n%s\n%s", code, out, errs)
	}

	// A mapping file names a header no alias knows.
	odd := writeFile(t, dir, "odd.csv", []byte("工单,kind,channel,received_at\nX-2,complaint,web,2021-03-01\n"))
	mapFile := writeFile(t, dir, "map.txt", []byte("# 工单号就是来源编号\nsource_id = 工单\n"))
	if code, out, errs = run(t, "import", odd, "--map", mapFile, "--data", data, "--json"); code != 0 {
		t.Fatalf("mapped import: %d\n%s\n%s", code, out, errs)
	}
	var res struct {
		Imported int `json:"imported"`
		Columns  []struct {
			Field, Header, By string
		} `json:"columns"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Imported != 1 || res.Columns[0].Header != "工单" || res.Columns[0].By != "map" {
		t.Fatalf("mapped import result: %v %s", err, out)
	}

	code, out, errs = run(t, "report", "--from", "2021-01-01", "--to", "2021-12-31", "--data", data)
	var sum struct {
		Total     int64            `json:"total"`
		ByChannel map[string]int64 `json:"by_channel"`
		Recovered json.Number      `json:"recovered_amount"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum.Total != ledgertest.Total+1 || sum.Recovered != "798765.43" ||
		sum.ByChannel["hotline_12315"] != ledgertest.ByChannel[casework.Hotline12315] {
		t.Fatalf("report: %d %+v\n%s", code, sum, errs)
	}
	if code, _, errs = run(t, "report", "--from", "2021-01-01", "--to", "2021-12-31", "--area", "99", "--data", data, "--lang", "en"); code != 1 || !strings.Contains(errs, "Area does not exist") {
		t.Fatalf("unknown area: %d %q", code, errs)
	}
	xlsx := filepath.Join(dir, "r.xlsx")
	if code, _, errs = run(t, "report", "--from", "2021-01-01", "--to", "2021-12-31", "--format", "xlsx", "--out", xlsx, "--data", data); code != 0 {
		t.Fatalf("xlsx report: %s", errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	v, _ := f.GetCellValue(sheet, "B3", excelize.Options{RawCellValue: true})
	if v != "1755" {
		t.Fatalf("xlsx total cell = %q", v)
	}
}

// TestImportWhileServerWrites: the import command runs against the data folder
// of a running server, whose own store handle keeps writing; both succeed.
func TestImportWhileServerWrites(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st, time.Now)
	rows := ledgertest.Year(2021, 20000, "BIG-")
	csv, _ := ledgertest.CSV(rows, "utf-8", false)
	file := writeFile(t, dir, "big.csv", csv)

	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			in := casework.IntakeInput{Kind: casework.Inquiry, Channel: casework.Hotline12315, Facts: "营业时间？"}
			if _, err := svc.Intake(ctx, auth.System, in); err != nil {
				t.Errorf("intake during import (%s): %v", time.Now().Format("15:04:05.000"), err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 5 {
		time.Sleep(time.Millisecond)
	}
	t.Logf("import starts %s", time.Now().Format("15:04:05.000"))
	code, out, errs := run(t, "import", file, "--data", data, "--lang", "en")
	t.Logf("import ends %s", time.Now().Format("15:04:05.000"))
	close(stop)
	wg.Wait()
	if code != 0 || !strings.Contains(out, "Imported 20000 matters") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	_, total, err := st.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil || int64(total) != 20000+written.Load() {
		t.Fatalf("matters %d, want 20000 + %d written meanwhile (%v)", total, written.Load(), err)
	}
	if written.Load() < 10 {
		t.Fatalf("only %d intakes while importing", written.Load())
	}
}
