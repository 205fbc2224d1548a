package ledger

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"weiquan/internal/ledger/ledgertest"
)

const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>类型</t></is></c>` +
	`<c r="C1" t="inlineStr"><is><t>渠道</t></is></c><c r="D1" t="inlineStr"><is><t>登记时间</t></is></c>` +
	`<c r="E1" t="inlineStr"><is><t>投诉内容</t></is></c><c r="F1" t="inlineStr"><is><t>备注</t></is></c></row>`

// workbook builds an .xlsx whose first sheet's XML is written by sheet, as a
// stream: a huge cell costs the test a few megabytes of compressed output, never
// the cell itself in memory. The other parts come from an ordinary workbook.
func workbook(t testing.TB, sheet func(w io.Writer)) []byte {
	t.Helper()
	f := excelize.NewFile()
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		t.Fatal(err)
	}
	f.Close()
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, e := range zr.File {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "xl/worksheets/sheet1.xml" {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			sheet(w)
			io.WriteString(w, `</sheetData></worksheet>`)
			continue
		}
		rc, _ := e.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// repeat writes s over and over, at least n bytes in all.
func repeat(w io.Writer, s string, n int) {
	chunk := []byte(strings.Repeat(s, (64<<10)/len(s)))
	for n > 0 {
		k := min(n, len(chunk))
		k = (k + len(s) - 1) / len(s) * len(s)
		w.Write(chunk[:k])
		n -= k
	}
}

func dataRow(facts func(w io.Writer)) func(w io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>A-1</t></is></c><c r="B2" t="inlineStr"><is><t>投诉</t></is></c>`+
			`<c r="C2" t="inlineStr"><is><t>来访</t></is></c><c r="D2" t="inlineStr"><is><t>2021-03-01</t></is></c><c r="E2" t="inlineStr"><is><t>`)
		facts(w)
		io.WriteString(w, `</t></is></c></row>`)
	}
}

// allocated runs fn and returns the bytes it allocated.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func shown(t *testing.T, res *Result) int {
	t.Helper()
	res.Localize("zh-CN")
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return len(b)
}

func codes(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Column+":"+p.Code)
	}
	return out
}

// TestHugeCellRefusedBeforeExcelize: a workbook of a few hundred kilobytes holding
// one cell of 64 MB (the finding: 311 KB holding 300 MB took the server to 2.4 GB
// and echoed 314 MB back) is refused from a scan of the zip, before excelize reads
// it: little memory, and nothing of the cell in the answer.
func TestHugeCellRefusedBeforeExcelize(t *testing.T) {
	for _, where := range []string{"inline", "shared"} {
		t.Run(where, func(t *testing.T) {
			var data []byte
			if where == "inline" {
				data = workbook(t, dataRow(func(w io.Writer) { repeat(w, "投诉", 64<<20) }))
			} else {
				data = workbook(t, func(w io.Writer) {
					io.WriteString(w, header)
					io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is>`)
					for range 64 { // a rich-text cell: many runs, each under the stretch limit
						io.WriteString(w, `<r><t>`)
						repeat(w, "A", 1<<20-100)
						io.WriteString(w, `</t></r>`)
					}
					io.WriteString(w, `</is></c></row>`)
				})
			}
			if len(data) > 2<<20 {
				t.Fatalf("the test's workbook is %d bytes", len(data))
			}
			var res *Result
			alloc := allocated(func() { res, _ = Check("huge.xlsx", data, Mapping{}, now) })
			if got := codes(res.Failures); len(got) != 1 || got[0] != ":xlsx_cell" {
				t.Fatalf("failures %v", got)
			}
			if alloc > 32<<20 {
				t.Fatalf("checking allocated %d MB", alloc>>20)
			}
			if n := shown(t, res); n > 4<<10 {
				t.Fatalf("the answer is %d bytes", n)
			}
		})
	}
}

// TestLongCellFailsItsRow: a cell over MaxCell but under the scan's limit is read,
// and fails its row naming the column; the answer repeats MaxShown characters of it.
// A long cell in a column that is not imported costs nothing.
func TestLongCellFailsItsRow(t *testing.T) {
	data := workbook(t, func(w io.Writer) {
		io.WriteString(w, header)
		io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>A-1</t></is></c><c r="B2" t="inlineStr"><is><t>投诉</t></is></c>`+
			`<c r="C2" t="inlineStr"><is><t>来访</t></is></c><c r="D2" t="inlineStr"><is><t>2021-03-01</t></is></c><c r="E2" t="inlineStr"><is><t>`)
		repeat(w, "事", MaxCell+3)
		io.WriteString(w, `</t></is></c><c r="F2" t="inlineStr"><is><t>`)
		repeat(w, "x", 200<<10)
		io.WriteString(w, `</t></is></c></row>`)
		io.WriteString(w, `<row r="3"><c r="A3" t="inlineStr"><is><t>A-2</t></is></c><c r="B3" t="inlineStr"><is><t>投诉</t></is></c>`+
			`<c r="C3" t="inlineStr"><is><t>来访</t></is></c><c r="D3" t="inlineStr"><is><t>2021-03-01</t></is></c><c r="F3" t="inlineStr"><is><t>`)
		repeat(w, "x", 200<<10)
		io.WriteString(w, `</t></is></c></row>`)
	})
	res, _ := Check("long.xlsx", data, Mapping{}, now)
	if got := codes(res.Failures); len(got) != 1 || got[0] != Facts+":cell_too_long" || res.FailedRows != 1 || res.Rows != 2 {
		t.Fatalf("failures %v, %d of %d rows", got, res.FailedRows, res.Rows)
	}
	if v := []rune(res.Failures[0].Value); len(v) != MaxShown+1 {
		t.Fatalf("the value shown is %d characters", len(v))
	}
	if n := shown(t, res); n > 8<<10 {
		t.Fatalf("the answer is %d bytes", n)
	}
}

// TestZipBombRefused: what the central directory declares is checked before
// anything is unpacked; a part that unpacks to more than it declares is a broken file.
func TestZipBombRefused(t *testing.T) {
	raw := func(declared uint64, content []byte) []byte {
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		fw.Write(content)
		fw.Close()
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared, CRC32: 0})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
		zw.Close()
		return out.Bytes()
	}
	big := bytes.Repeat([]byte("<c/>"), 1<<20)
	for _, c := range []struct {
		name string
		data []byte
		code string
	}{
		{"declares more than 256 MB", raw(MaxUnzipped+1, big), "xlsx_too_large"},
		{"declares less than it holds", raw(100, big), "xlsx"},
		{"too many parts", func() []byte {
			var out bytes.Buffer
			zw := zip.NewWriter(&out)
			for i := range maxZipEntries + 1 {
				zw.Create(fmt.Sprintf("x/%d.xml", i))
			}
			zw.Close()
			return out.Bytes()
		}(), "xlsx_parts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, recs := Check("bomb.xlsx", c.data, Mapping{}, now)
			if got := codes(res.Failures); len(got) != 1 || got[0] != ":"+c.code || recs != nil {
				t.Fatalf("failures %v", got)
			}
		})
	}
}

// TestCellText: control characters and broken text in an imported value fail the
// row naming the column; tab and line breaks are text in facts and request only.
func TestCellText(t *testing.T) {
	jsonl := func(extra string) []byte {
		return []byte(`{"source_id":"1","kind":"complaint","channel":"web","received_at":"2021-01-01"` + extra + "}\n")
	}
	for _, c := range []struct {
		name string
		data []byte
		want []string // column:code; nil: the row passes
	}{
		{"clean", jsonl(`,"facts":"第一行\n\t第二行","request":"退货\r\n退款"`), nil},
		{"NUL escape in the kind", []byte(`{"source_id":"1","kind":"complaint\u0000","channel":"web","received_at":"2021-01-01"}` + "\n"), []string{"kind:control_char"}},
		{"tab inside a merchant name", jsonl(`,"merchant_name":"好又多\t超市"`), []string{"merchant_name:control_char"}},
		{"line break inside an area", jsonl(`,"area":"码头镇\n码头村"`), []string{"area:control_char"}},
		{"NUL in the facts", jsonl(`,"facts":"a\u0000b"`), []string{"facts:control_char"}},
		{"C1 control in the phone", jsonl(`,"consumer_phone":"138\u0085"`), []string{"consumer_phone:control_char"}},
		{"cell too long", jsonl(`,"request":"` + strings.Repeat("x", MaxCell+1) + `"`), []string{"request:cell_too_long"}},
		{"NUL in the source id", []byte(`{"source_id":"\u0000","kind":"complaint","channel":"web","received_at":"2021-01-01"}` + "\n"), []string{"source_id:control_char"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, recs := Check("t.jsonl", c.data, Mapping{}, now)
			got := codes(res.Failures)
			if c.want == nil {
				if len(got) != 0 || len(recs) != 1 {
					t.Fatalf("failures %v", got)
				}
				return
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("failures %v, want %v", got, c.want)
			}
		})
	}
	csv := "编号,类型,渠道,登记时间,被投诉人\n1,投诉,来访,2021-01-01,\"好又多\t超市\"\n"
	if res, _ := Check("t.csv", []byte(csv), Mapping{}, now); strings.Join(codes(res.Failures), ",") != "merchant_name:control_char" {
		t.Fatalf("csv: %v", codes(res.Failures))
	}
}

// TestNothingUnboundedEchoed: a long file name, header and mapping line come back
// at most MaxShown characters long.
func TestNothingUnboundedEchoed(t *testing.T) {
	long := strings.Repeat("名", 5000)
	csv := "编号,类型,渠道,登记时间," + long + "\n1,投诉,来访,2021-01-01,x\n"
	res, _ := Check(long+".csv", []byte(csv), Mapping{}, now)
	if len([]rune(res.File)) > MaxShown+1 || len(res.Ignored) != 1 || len([]rune(res.Ignored[0])) > MaxShown+1 {
		t.Fatalf("file %d, ignored %v", len([]rune(res.File)), len(res.Ignored))
	}
	res, _ = Check("m.csv", []byte(csv), Mapping{Columns: map[string]string{Facts: long}}, now)
	for _, p := range res.Failures {
		if len([]rune(p.Header)) > MaxShown+1 {
			t.Fatalf("header shown %d characters", len([]rune(p.Header)))
		}
	}
	_, err := ParseMap([]byte("nonsense " + long))
	var me *MapError
	if !asMapError(err, &me) || len([]rune(me.Detail)) > MaxShown+1 {
		t.Fatalf("map error %v", err)
	}
	if _, err := ParseMap([]byte("facts = 事实\x00")); !asMapError(err, &me) || me.Code != "control_char" {
		t.Fatalf("map with NUL: %v", err)
	}
}

func asMapError(err error, me **MapError) bool {
	e, ok := err.(*MapError)
	*me = e
	return ok
}

func TestClip(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, strings.Repeat("中", MaxShown): MaxShown, strings.Repeat("中", MaxShown+1): MaxShown + 1, strings.Repeat("a", 10000): MaxShown + 1} {
		if got := len([]rune(Clip(in))); got != want {
			t.Errorf("Clip of %d characters: %d, want %d", len([]rune(in)), got, want)
		}
	}
	if got := Clip(strings.Repeat("a", MaxShown-1) + "中文"); got != strings.Repeat("a", MaxShown-1)+"中…" {
		t.Errorf("Clip cuts between characters: %q", got)
	}
}

func FuzzScanXML(f *testing.F) {
	f.Add([]byte(`<sst><si><t>x</t></si></sst>`))
	f.Add([]byte(`<x:sheetData><x:row><x:c/></x:row></x:sheetData>`))
	f.Add([]byte(`<<</ /sheetData sheetData>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := scanXML(bytes.NewReader(b)); err != nil {
			t.Fatalf("%q: %v", b, err)
		}
	})
}

// BenchmarkXLSXBounds measures what the zip and XML scan adds to reading a
// 100,000-row workbook (figures in BENCHMARKS.md).
//
//	go test ./internal/ledger/ -run XXX -bench XLSXBounds -benchtime 3x
func BenchmarkXLSXBounds(b *testing.B) {
	data, err := ledgertest.XLSX(ledgertest.Year(2021, 100_000, "B-"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scan", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := checkZip(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if res, _ := Check("b.xlsx", data, Mapping{}, now); res.Rows != 100_000 {
				b.Fatalf("%d rows", res.Rows)
			}
		}
	})
}
