package report

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/money"
)

// TestReportsDocHoldsEveryDefinition: docs/REPORTS.md and the definitions the
// API returns say the same thing, word for word, in both languages.
func TestReportsDocHoldsEveryDefinition(t *testing.T) {
	doc, err := os.ReadFile("../../docs/REPORTS.md")
	if err != nil {
		t.Fatal(err)
	}
	for f, d := range Definitions() {
		if d.ZH == "" || d.EN == "" || strings.HasPrefix(d.EN, "report.def.") {
			t.Errorf("%s: no definition in the catalogue", f)
		}
		if !bytes.Contains(doc, []byte(d.ZH)) || !bytes.Contains(doc, []byte(d.EN)) {
			t.Errorf("docs/REPORTS.md lacks the definition of %s", f)
		}
		if !bytes.Contains(doc, []byte("### `"+f+"`")) {
			t.Errorf("docs/REPORTS.md has no section for %s", f)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func hist(pairs ...int64) []MinuteCount {
	var out []MinuteCount
	for i := 0; i+1 < len(pairs); i += 2 {
		c := MinuteCount{Count: pairs[i+1]}
		if pairs[i] >= 0 {
			c.Minutes = ptr(pairs[i])
		}
		out = append(out, c)
	}
	return out
}

// TestPercentileNearestRank_R_S1 reads on-site response times off the histogram the store returns.
func TestPercentileNearestRank_R_S1(t *testing.T) {
	cases := []struct {
		h         []MinuteCount
		n, p      int64
		want      int64
		wantEmpty bool
	}{
		{hist(12, 1, 45, 1), 2, 50, 12, false},
		{hist(12, 1, 45, 1), 2, 90, 45, false},
		{hist(-1, 5, 3, 1, 7, 1, 9, 1), 3, 50, 7, false}, // not-arrived matters (nil minutes) are not in the sample
		{hist(1, 9, 100, 1), 10, 90, 1, false},           // ⌈0.9·10⌉ = 9th smallest
		{hist(1, 9, 100, 1), 10, 91, 100, false},
		{hist(5, 1), 1, 90, 5, false},
		{hist(-1, 3), 0, 50, 0, true},
		{nil, 0, 90, 0, true},
	}
	for i, c := range cases {
		got := Percentile(c.h, c.n, c.p)
		if (got == nil) != c.wantEmpty || (got != nil && *got != c.want) {
			t.Errorf("case %d: p%d = %v, want %d (empty %v)", i, c.p, got, c.want, c.wantEmpty)
		}
	}
}

func date(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }

func TestPeriodBoundsInShanghai(t *testing.T) {
	p := Params{From: date(2021, 1, 1), To: date(2021, 12, 31)}
	if got := p.Start().UTC(); !got.Equal(time.Date(2020, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("start %v", got)
	}
	if got := p.End().UTC(); !got.Equal(time.Date(2021, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("end %v", got)
	}
	if m := monthsOf(Params{From: date(2020, 11, 15), To: date(2021, 2, 3)}); strings.Join(m, ",") != "2020-11,2020-12,2021-01,2021-02" {
		t.Errorf("months %v", m)
	}
	from, to := monthRange("2021-02", Params{From: date(2021, 2, 10), To: date(2021, 6, 30)})
	if from != date(2021, 2, 10) || to != date(2021, 2, 28) {
		t.Errorf("month range %v %v", from, to)
	}
	for _, bad := range []Params{{}, {From: date(2021, 2, 1), To: date(2021, 1, 31)}, {From: date(2000, 1, 1), To: date(2021, 1, 1)}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestBuildFoldsGroups(t *testing.T) {
	city := dispatch.Area{ID: 1, Name: "瑞昌市", Path: "/1/"}
	town := dispatch.Area{ID: 2, ParentID: ptr(int64(1)), Name: "码头镇", Path: "/1/2/"}
	village := dispatch.Area{ID: 3, ParentID: ptr(int64(2)), Name: "码头村", Path: "/1/2/3/"}
	frame := Frame([]dispatch.Area{city, town, village}, nil, "", true)
	if frame.Base == nil || frame.Base.ID != 1 || len(frame.Children) != 1 || !frame.Unplaced {
		t.Fatalf("frame %+v", frame)
	}
	counts := &Counts{Total: 6, Closed: 4, Agreements: 2, Terminated: 1, Recovered: 1001,
		Combos: []Combo{
			{Kind: casework.Complaint, Channel: casework.Visit, Category: casework.Goods, Count: 3},
			{Kind: casework.Complaint, Channel: casework.Visit, Category: "", Count: 1},
			{Kind: casework.Inquiry, Channel: casework.Web, Category: "", Count: 2},
		},
		ByPath:  map[string]int64{"/1/2/3/": 3, "/1/": 1, "": 2, "/1/2/": 0},
		ByMonth: map[string]int64{"2021-03": 4, "2021-04": 2},
	}
	if got := frame.Paths([]dispatch.Area{city, town, village}); strings.Join(got, " ") != "/1/ /1/2/ /1/2/3/ " {
		t.Errorf("paths %q", got)
	}
	s := Build(Params{From: date(2021, 3, 1), To: date(2021, 4, 30)}, frame, counts)
	if s.Total != 6 || s.Closed != 4 || s.Agreements != 2 || s.MediationsConcluded != 3 || s.RecoveredAmount != money.Fen(1001) ||
		s.ByCategory["none"] != 3 || s.ByChannel["letter"] != 0 || len(s.ByMonth) != 2 || s.ByMonth[1].Count != 2 {
		t.Fatalf("summary %+v", s)
	}
	// The town holds its village's matters; the city itself holds one; the inquiries have no area.
	if len(s.ByArea) != 3 || s.ByArea[0].Key != "self" || s.ByArea[0].Count != 1 || s.ByArea[1].Key != "area:2" || s.ByArea[1].Count != 3 || s.ByArea[2].Count != 2 || s.ByArea[2].Key != "unplaced" {
		t.Fatalf("by_area %+v", s.ByArea)
	}
	if s.OnSite.MedianMinutes != nil || s.Satisfaction.Mean != nil || s.OnSite.KeptRate != nil {
		t.Fatalf("empty samples must be null: %+v %+v", s.OnSite, s.Satisfaction)
	}
	if q := s.Queries["by_area.self"]; q != "area=1&area_exact=1&from=2021-03-01&to=2021-04-30" {
		t.Errorf("self query %q", q)
	}
	if q := s.Queries["by_month.2021-04"]; q != "from=2021-04-01&to=2021-04-30" {
		t.Errorf("month query %q", q)
	}
	if q := s.Queries["mediations_concluded"]; q != "from=2021-03-01&outcome=agreement&outcome=terminated&to=2021-04-30" {
		t.Errorf("mediations query %q", q)
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	tab := Table{Header: []string{"a", "b", "c", "d", "e", "f"}, Rows: func(emit func([]any) error) error {
		return emit([]any{"=1+1", "+86 139", "-x", "@SUM(A1)", "\tcmd", "平常文字"})
	}}
	if err := WriteCSV(&buf, tab); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFa,b,c,d,e,f\r\n'=1+1,'+86 139,'-x,'@SUM(A1),'\tcmd,平常文字\r\n"
	if buf.String() != want {
		t.Fatalf("csv %q, want %q", buf.String(), want)
	}
	// Numbers we write are numbers, not text to neutralise.
	buf.Reset()
	tab.Rows = func(emit func([]any) error) error {
		return emit([]any{int64(-3), money.Fen(-250), Rate{ptr(0.5)}, Rate{}, (*int64)(nil), time.Date(2021, 3, 1, 0, 30, 0, 0, time.UTC)})
	}
	_ = WriteCSV(&buf, tab)
	if !strings.HasSuffix(buf.String(), "-3,-2.50,0.5,,,2021-03-01 08:30\r\n") {
		t.Fatalf("csv numbers %q", buf.String())
	}
}

func TestXLSXTypes(t *testing.T) {
	var buf bytes.Buffer
	tab := Table{Name: "汇总/Summary", Header: []string{"when", "money", "rate", "count", "text"}, Rows: func(emit func([]any) error) error {
		return emit([]any{time.Date(2021, 3, 1, 0, 30, 0, 0, time.UTC), money.Fen(123456), Rate{ptr(0.25)}, int64(7), "=1+1"})
	}}
	if err := WriteXLSX(&buf, tab); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if sheet != "汇总_Summary" {
		t.Errorf("sheet %q", sheet)
	}
	shown := func(c string) string { v, _ := f.GetCellValue(sheet, c); return v }
	raw := func(c string) string {
		v, _ := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
		return v
	}
	if shown("A2") != "2021-03-01 08:30" || raw("A2") == shown("A2") {
		t.Errorf("date cell %q raw %q", shown("A2"), raw("A2"))
	}
	if raw("B2") != "1234.56" || shown("B2") != "1,234.56" || raw("C2") != "0.25" || shown("C2") != "25.00%" || raw("D2") != "7" {
		t.Errorf("numbers: %q %q %q %q %q", raw("B2"), shown("B2"), raw("C2"), shown("C2"), raw("D2"))
	}
	if typ, _ := f.GetCellType(sheet, "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("money written as text")
	}
	if formula, _ := f.GetCellFormula(sheet, "E2"); formula != "" || shown("E2") != "=1+1" {
		t.Errorf("text became a formula: %q", formula)
	}
}
