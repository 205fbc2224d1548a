package calendar

import (
	"slices"
	"strings"
	"testing"
)

// TestCheckCSVListsEveryFault_R_L43: an uploaded notice is checked row by row and every
// fault is named with its line, so an admin fixes the file in one go; nothing is loaded
// from a file with a fault.
func TestCheckCSVListsEveryFault_R_L43(t *testing.T) {
	const h = "date,kind,name,source\n"
	const ok = "2027-01-01,holiday,元旦," + gov26 + "\n"
	tests := []struct {
		name string
		in   string
		year int
		want []RowError
	}{
		{"empty file", "", 2027, []RowError{{Code: "nodata"}}},
		{"header only", h, 2027, []RowError{{Code: "nodata"}}},
		{"wrong header", "日期,类型\n" + ok, 2027, []RowError{{Line: 1, Code: "header", Value: "日期,类型"}}},
		{"several faults at once", h + ok +
			"2027-02-30,holiday,春节,x\n" + // no such day
			"2027-02-06,off,春节,x\n" + // unknown kind
			"2027-02-10,workday,春节,x\n" + // R-L42: a make-up day on a Wednesday
			"2026-10-01,holiday,国庆节,x\n" + // another year
			"2027-05-01,holiday,,x\n" +
			"2027-05-02,holiday,劳动节,\n" +
			"2027-05-03,holiday\n" +
			ok, 2027, []RowError{
			{3, "date", "2027-02-30"}, {4, "kind", "off"}, {5, "weekend", "2027-02-10"}, {6, "year", "2026-10-01"},
			{7, "name", ""}, {8, "source", ""}, {9, "fields", "2"}, {10, "duplicate", "2"},
		}},
		{"control character", h + "2027-01-01,holiday,\"元\n旦\",x\n", 2027, []RowError{{2, "text", ""}}},
		{"broken quote stops the reading", h + ok + "2027-01-02,holiday,\"元旦,x\n2027-01-03,holiday,元旦,x\n", 2027, []RowError{{3, "syntax", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days, errs := CheckCSV(strings.NewReader(tt.in), tt.year)
			if days != nil || !slices.Equal(errs, tt.want) {
				t.Fatalf("CheckCSV = %v, %v; want nil, %v", days, errs, tt.want)
			}
		})
	}
	var many strings.Builder
	many.WriteString(h)
	for range 80 {
		many.WriteString("2027-13-01,holiday,x,y\n")
	}
	_, errs := CheckCSV(strings.NewReader(many.String()), 2027)
	if len(errs) != MaxRowErrors+1 || errs[MaxRowErrors].Code != "too_many" {
		t.Fatalf("%d faults, last %+v; want %d and too_many", len(errs), errs[len(errs)-1], MaxRowErrors+1)
	}
}

func TestCheckCSVAcceptsTheShippedYears(t *testing.T) {
	for _, year := range []int{2024, 2025, 2026} {
		var rows []Day
		for _, d := range Embedded() {
			if d.Date.Year == year {
				rows = append(rows, d)
			}
		}
		var b strings.Builder
		if err := WriteCSV(&b, rows); err != nil {
			t.Fatal(err)
		}
		days, errs := CheckCSV(strings.NewReader("\uFEFF"+b.String()), year)
		if errs != nil || !slices.Equal(days, rows) {
			t.Fatalf("%d: %v", year, errs)
		}
	}
}

// FuzzCheckCSV: CheckCSV never panics and agrees with ParseCSV on what a good file is.
func FuzzCheckCSV(f *testing.F) {
	f.Add("date,kind,name,source\n2027-01-01,holiday,元旦,x\n")
	f.Add("\uFEFFdate,kind,name,source\r\n2027-02-06,workday,春节,\"a,b\"\r\n")
	f.Add("date,kind,name,source\n2027-01-01,holiday,\"元\n")
	f.Add("date,kind\n")
	f.Fuzz(func(t *testing.T, in string) {
		days, errs := CheckCSV(strings.NewReader(in), 0)
		want, err := ParseCSV(strings.NewReader(in))
		if (errs == nil) != (err == nil && len(want) > 0) {
			t.Fatalf("CheckCSV faults %v, ParseCSV %v (%d days)", errs, err, len(want))
		}
		if errs == nil && !slices.Equal(days, want) {
			t.Fatalf("days differ: %v vs %v", days, want)
		}
		if len(errs) > MaxRowErrors+1 {
			t.Fatalf("%d faults listed", len(errs))
		}
	})
}
