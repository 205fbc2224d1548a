package ledger_test

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"weiquan/internal/ledger"
	"weiquan/internal/ledger/ledgertest"
)

// TestStreamFileReadsAsStream: a ledger read from where it lies, a chunk at a
// time (the CSV parts never whole), gives exactly the preview and the rows of
// the same bytes held in memory — UTF-8 with and without a BOM, GB18030,
// tabs, files larger than a chunk with Chinese across its edges, and every
// kind of refusal (empty, UTF-16, control characters, broken text, a broken
// line); a workbook and JSONL are read whole. A CSV with a BOM is opened five
// times: its head, the check of its text, and the two readings of Stream.
func TestStreamFileReadsAsStream(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	rows := ledgertest.Year(2021, 700, "F-") // about 130 KB as CSV: several chunks
	utf8BOM, err := ledgertest.CSV(rows, "utf-8", true)
	if err != nil {
		t.Fatal(err)
	}
	plain := bytes.TrimPrefix(utf8BOM, []byte{0xEF, 0xBB, 0xBF})
	gbk, err := ledgertest.CSV(rows, "gb18030", true)
	if err != nil {
		t.Fatal(err)
	}
	xlsx, err := ledgertest.XLSX(rows[:50])
	if err != nil {
		t.Fatal(err)
	}
	tsv := strings.ReplaceAll(string(plain[:bytes.IndexByte(plain, '\n')+1]), ",", "\t") + "X-1\t投诉\t来访\t2021-03-01\n"
	late := string(plain) + "R-X,投诉,来访,2021-02-30,,,,,,,,,,,,,\n"
	files := map[string][]byte{
		"bom.csv": utf8BOM, "plain.csv": plain, "gbk.csv": gbk, "book.xlsx": xlsx, "lines.jsonl": ledgertest.JSONL(rows[:30]),
		"tabs.tsv": []byte(tsv), "late.csv": []byte(late), "empty.csv": []byte(" \n\n "), "nothing.csv": nil,
		"utf16.csv":   {0xFF, 0xFE, 'a', 0},
		"control.csv": append(slices.Clone(plain[:70_000]), append([]byte("\x01"), plain[70_000:]...)...),
		"broken.csv":  append(slices.Clone(utf8BOM[:90_000]), 0xE4, 0xB8, ','),
		"gbk-bad.csv": append(slices.Clone(gbk[:len(gbk)/2]), 0x81, 0x30, 0xFF, 0x00, '\n'),
		"quote.csv":   append(slices.Clone(plain), []byte("Q-1,投诉,\"来访,2021-03-01\n")...),
	}
	for name, data := range files {
		want, wantRecs := collect(t, func(each func(*ledger.Result, ledger.Record) error) (*ledger.Result, error) {
			return ledger.Stream(name, data, ledger.Mapping{}, now, each)
		})
		opened := 0
		open := func() (io.ReadCloser, error) {
			opened++
			return io.NopCloser(iotest.HalfReader(bytes.NewReader(data))), nil
		}
		got, gotRecs := collect(t, func(each func(*ledger.Result, ledger.Record) error) (*ledger.Result, error) {
			return ledger.StreamFile(name, open, ledger.Mapping{}, now, each)
		})
		if got != want {
			t.Errorf("%s: from the file\n%s\nin memory\n%s", name, got, want)
		}
		if !slices.Equal(gotRecs, wantRecs) {
			t.Errorf("%s: %d rows from the file, %d in memory", name, len(gotRecs), len(wantRecs))
		}
		if name == "bom.csv" && (opened > 5 || len(wantRecs) != 700) {
			t.Errorf("%s: opened %d times, %d rows", name, opened, len(wantRecs))
		}
	}
}

// collect runs a stream and returns its result as JSON and its rows, each as JSON.
func collect(t *testing.T, run func(func(*ledger.Result, ledger.Record) error) (*ledger.Result, error)) (string, []string) {
	t.Helper()
	var recs []string
	res, err := run(func(_ *ledger.Result, r ledger.Record) error {
		b, err := json.Marshal(r)
		recs = append(recs, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), recs
}
