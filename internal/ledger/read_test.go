package ledger

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"weiquan/internal/casework"
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func gb18030(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readAll(t *testing.T, tab *Table) [][]string {
	t.Helper()
	var out [][]string
	for {
		row, cells, err := tab.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("row %d: %v", row, err)
		}
		out = append(out, append([]string{strconv.Itoa(row)}, cells...))
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

const zhCSV = "瑞昌市消保委2021年投诉台账,,,\n" +
	"编号,类型,渠道,登记时间,争议金额（元）,备注\n" +
	"A-1,投诉,12315热线,2021/3/1 8:30,\"1,200.50\",第一条\n" +
	",,,,,\n" +
	"A-2,举报,来信,2021-03-02,,\n"

func TestOpenCSVEncodings(t *testing.T) {
	cases := []struct {
		name, enc string
		data      []byte
	}{
		{"utf8.csv", "utf-8", []byte(zhCSV)},
		{"bom.csv", "utf-8-bom", append([]byte{0xEF, 0xBB, 0xBF}, zhCSV...)},
		{"gbk.csv", "gb18030", gb18030(t, zhCSV)},
	}
	for _, c := range cases {
		tab, err := Open(c.name, c.data, Mapping{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if tab.Encoding != c.enc || tab.HeaderRow != 2 || tab.Header[0] != "编号" || tab.Header[4] != "争议金额（元）" {
			t.Fatalf("%s: encoding %q header row %d header %q", c.name, tab.Encoding, tab.HeaderRow, tab.Header)
		}
		rows := readAll(t, tab)
		// The blank row 4 is skipped; row numbers are the spreadsheet's.
		if len(rows) != 2 || rows[0][0] != "3" || rows[1][0] != "5" || rows[0][4] != "2021/3/1 8:30" || rows[0][5] != "1,200.50" {
			t.Fatalf("%s: rows %q", c.name, rows)
		}
	}
}

func TestOpenRefusesWhatIsNotALedger(t *testing.T) {
	random := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(random)
	utf16 := []byte{0xFF, 0xFE, 'a', 0, ',', 0, 'b', 0}
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"empty.csv", nil, "empty"},
		{"blank.csv", []byte(" \n \n"), "empty"},
		{"random.csv", random, "encoding"},
		{"random.jsonl", random, "encoding"},
		{"random.xlsx", random, "xlsx"},
		{"random", random, "encoding"},
		{"old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3}, "xls"},
		{"utf16.csv", utf16, "utf16"},
		{"nul.csv", []byte("编号,类型\x00,渠道\n"), "encoding"},
		{"quote.csv", []byte("编号,类型,渠道,登记时间\n1,\"投诉,12315,2021-01-01\n2,x\"y,z,w\n"), "csv"},
		{"notjson.jsonl", []byte("[1,2,3]\n"), "json"},
	}
	for _, c := range cases {
		res, _ := Check(c.name, c.data, Mapping{}, now)
		if res.OK() || len(res.Failures) == 0 || res.Failures[0].Code != c.code || res.Failures[0].Row != 0 {
			t.Errorf("%s: want refused with %q, got %+v", c.name, c.code, res.Failures)
		}
	}
}

func TestOpenTSVAndSniffing(t *testing.T) {
	tsv := "source_id\tkind\tchannel\treceived_at\n1\tcomplaint\tweb\t2021-01-01\n"
	tab, err := Open("x.txt", []byte(tsv), Mapping{})
	if err != nil || len(tab.Header) != 4 {
		t.Fatalf("tsv: %v %q", err, tab.Header)
	}
	// No extension: JSON lines are recognised by their first brace.
	tab, err = Open("upload", []byte(`{"source_id":"1"}`+"\n"), Mapping{})
	if err != nil || tab.Format != "jsonl" {
		t.Fatalf("sniff jsonl: %v", err)
	}
}

func TestOpenJSONL(t *testing.T) {
	data := "\uFEFF" + `{"source_id":"1","kind":"complaint","channel":"web","received_at":"2021-01-01","amount_in_dispute":12.5}` + "\n" +
		"\n" +
		`{"source_id":"2","channel":"letter","kind":"report","received_at":"2021-01-02","facts":null,"area":"码头镇"}` + "\n" +
		`{"source_id": 3, oops}` + "\n"
	tab, err := Open("x.jsonl", []byte(data), Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	// The first object orders the columns; keys first met later follow in sorted order.
	want := []string{"source_id", "kind", "channel", "received_at", "amount_in_dispute", "area", "facts"}
	if !slices.Equal(tab.Header, want) {
		t.Fatalf("header %q", tab.Header)
	}
	row, cells, err := tab.Next()
	if err != nil || row != 1 || cells[4] != "12.5" {
		t.Fatalf("line 1: %d %q %v", row, cells, err)
	}
	row, cells, err = tab.Next()
	if err != nil || row != 3 || cells[1] != "report" || cells[6] != "" || cells[5] != "码头镇" {
		t.Fatalf("line 3: %d %q %v", row, cells, err)
	}
	var re *RowError
	if row, _, err = tab.Next(); !errors.As(err, &re) || row != 4 {
		t.Fatalf("line 4: %d %v", row, err)
	}
	if _, _, err = tab.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("end: %v", err)
	}
}

// xlsxFile writes a workbook whose first sheet is a note and whose second holds
// the ledger under a title, with real date cells and numbers.
func xlsxFile(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "说明：本台账由消保委整理")
	if _, err := f.NewSheet("台账"); err != nil {
		t.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	f.SetCellValue("台账", "A1", "2021年消费投诉台账")
	f.MergeCell("台账", "A1", "F1")
	for i, h := range []string{"编号", "类型", "渠道", "受理时间", "挽回经济损失", "处理结果"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue("台账", cell, h)
	}
	f.SetSheetRow("台账", "A3", &[]any{1001, "投诉", "电话", sh(2021, 3, 1, 8, 30, 0), 1234.56, "调解成功"})
	f.SetCellStyle("台账", "D3", "D3", style)
	f.SetSheetRow("台账", "A5", &[]any{"1002", "咨询", "12345转办", "2021-03-02 09:00", nil, "已答复"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func ptr[T any](v T) *T { return &v }

func TestOpenXLSX(t *testing.T) {
	tab, err := Open("ledger.xlsx", xlsxFile(t), Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if tab.Sheet != "台账" || tab.HeaderRow != 2 || tab.Header[3] != "受理时间" {
		t.Fatalf("sheet %q header row %d %q", tab.Sheet, tab.HeaderRow, tab.Header)
	}
	res, recs := Check("ledger.xlsx", xlsxFile(t), Mapping{}, now)
	if !res.OK() || len(recs) != 2 || res.Rows != 2 {
		t.Fatalf("check: %+v", res)
	}
	a, b := recs[0], recs[1]
	if a.Row != 3 || a.SourceID != "1001" || a.Kind != casework.Complaint || a.Channel != casework.Hotline12315 ||
		!a.ReceivedAt.Equal(sh(2021, 3, 1, 8, 30, 0)) || a.Recovered != 123456 || a.Outcome != casework.OutcomeAgreement || a.State != casework.Agreement {
		t.Fatalf("row 3: %+v", a)
	}
	if b.Row != 5 || b.Kind != casework.Inquiry || b.Channel != casework.Transfer12345 || b.State != casework.Answered || !b.ReceivedAt.Equal(sh(2021, 3, 2, 9, 0, 0)) {
		t.Fatalf("row 5: %+v", b)
	}
}
