package calendar

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

const gov26 = "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"

func TestParseCSVAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Day
	}{
		{
			name: "plain",
			in:   "date,kind,name,source\n2026-01-03,holiday,元旦," + gov26 + "\n2026-01-04,workday,元旦," + gov26 + "\n",
			want: []Day{
				{mustDate(t, "2026-01-03"), Holiday, "元旦", gov26}, // a Saturday holiday is allowed
				{mustDate(t, "2026-01-04"), Workday, "元旦", gov26},
			},
		},
		{
			name: "BOM, CRLF, quotes, blank line, spaces around fields",
			in:   "\uFEFFdate,kind,name,source\r\n\r\n2025-10-01, holiday ,\"国庆节、中秋节\", " + gov26 + "\r\n",
			want: []Day{{mustDate(t, "2025-10-01"), Holiday, "国庆节、中秋节", gov26}},
		},
		{name: "header only", in: "date,kind,name,source\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCSV(strings.NewReader(tt.in))
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseCSV = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestParseCSVRejects(t *testing.T) {
	const h = "date,kind,name,source\n"
	const ok = "2026-01-01,holiday,元旦," + gov26 + "\n"
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "calendar: empty file, header date,kind,name,source missing"},
		{"no header", ok, `calendar: line 1: header must be "date,kind,name,source", got "2026-01-01,holiday,元旦,` + gov26 + `"`},
		{"bad month", h + ok + "2026-13-01,holiday,x,y\n", `calendar: line 3: bad date "2026-13-01"`},
		{"bad day", h + "2026-02-30,holiday,x,y\n", `calendar: line 2: bad date "2026-02-30"`},
		{"unknown kind", h + "2026-01-02,off,元旦,y\n", `calendar: line 2: unknown kind "off" (want holiday or workday)`},
		{"duplicate", h + ok + "2026-01-02,holiday,元旦,y\n" + ok, "calendar: line 4: duplicate date 2026-01-01 (first on line 2)"},
		{"R-L42 workday on a Wednesday", h + "2026-05-06,workday,劳动节,y\n",
			"calendar: line 2: workday 2026-05-06 is a Wednesday; a make-up working day must fall on a weekend"},
		{"too few fields", h + "2026-01-01,holiday,元旦\n", "calendar: line 2: want 4 fields (date,kind,name,source), got 3"},
		{"empty name", h + "2026-01-01,holiday,,y\n", "calendar: line 2: name is empty"},
		{"empty source", h + "2026-01-01,holiday,元旦,\n", "calendar: line 2: source is empty"},
		{"newline in name", h + "2026-01-01,holiday,\"元\n旦\",y\n", "calendar: line 2: name contains a control character"},
		{"bad UTF-8", h + "2026-01-01,holiday,\xff,y\n", "calendar: line 2: name is not valid UTF-8"},
		{"bare quote", h + "2026-01-01,holiday,a\"b,y\n", `calendar: line 2: bare " in non-quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days, err := ParseCSV(strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("ParseCSV = %v, %v; want error %s", days, err, tt.want)
			}
		})
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	days := Embedded()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, days); err != nil {
		t.Fatal(err)
	}
	back, err := ParseCSV(&buf)
	if err != nil || !slices.Equal(back, days) {
		t.Fatalf("round trip: %v (equal=%v)", err, slices.Equal(back, days))
	}
}

func FuzzParseCSV(f *testing.F) {
	lines := bytes.SplitAfter(embeddedCSV, []byte("\n"))
	f.Add(bytes.Join(lines[:6], nil)) // the shipped format; the whole file is checked by TestWriteCSVRoundTrip
	f.Add([]byte("\uFEFFdate,kind,name,source\r\n2026-02-14,workday,\"春节, \"\"调休\"\"\",x\r\n"))
	f.Add([]byte("date,kind,name,source\n2026-13-01,holiday,a,b\n"))
	f.Add([]byte("date,kind,name,source\n2026-05-06,workday,a,b\n2026-05-06,holiday,a,b\n"))
	f.Add([]byte("date,kind,name,source\n\"2026-01-01\",holiday,\" a \",\"b\nc\"\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		days, err := ParseCSV(bytes.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "calendar: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if _, err := New(days); err != nil {
			t.Fatalf("New rejects what ParseCSV accepted: %v", err)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, days); err != nil {
			t.Fatal(err)
		}
		back, err := ParseCSV(&buf)
		if err != nil {
			t.Fatalf("re-parse of written CSV: %v\n%s", err, buf.Bytes())
		}
		if !slices.Equal(back, days) {
			t.Fatalf("round trip changed the data:\n%v\n%v", days, back)
		}
	})
}
