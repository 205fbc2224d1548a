package calendar

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// shippedYear is the embedded data of one year, as the CSV holds it.
func shippedYear(t *testing.T, year int) []Day {
	t.Helper()
	all, err := ParseCSV(bytes.NewReader(embeddedCSV))
	if err != nil {
		t.Fatal(err)
	}
	var out []Day
	for _, d := range all {
		if d.Date.Year == year {
			out = append(out, d)
		}
	}
	return out
}

// TestParseNoticeReadsTheRealNotices_R_L42: the State Council's notices for 2024, 2025 and
// 2026, as published and as news sites copy them (half-width punctuation, spaces), each
// read to exactly the shipped rows of its year — same dates, kinds, names and source.
func TestParseNoticeReadsTheRealNotices_R_L42(t *testing.T) {
	for _, year := range []int{2024, 2025, 2026} {
		text, err := os.ReadFile("testdata/notices/" + strconv.Itoa(year) + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		want := shippedYear(t, year)
		copied := strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "\u3000", "  ").Replace(string(text))
		for name, txt := range map[string]string{"published": string(text), "copied": copied} {
			n, err := ParseNotice(txt, want[0].Source)
			if err != nil {
				t.Fatalf("%d %s: %v", year, name, err)
			}
			if n.Year != year || len(n.Days) != len(want) {
				t.Fatalf("%d %s: year %d, %d days, want %d: %+v", year, name, n.Year, len(n.Days), len(want), n.Days)
			}
			for i := range want {
				if n.Days[i] != want[i] {
					t.Errorf("%d %s: day %d = %+v, want %+v", year, name, i, n.Days[i], want[i])
				}
			}
		}
	}
}

// TestParseNoticeRefuses: a notice it cannot read in full proposes nothing and says why.
func TestParseNoticeRefuses(t *testing.T) {
	good, _ := os.ReadFile("testdata/notices/2026.txt")
	for _, c := range []struct {
		name, text, code string
	}{
		{"empty", "", "year"},
		{"no year", "一、元旦：1月1日放假。", "year"},
		{"no items", "国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准，现将2027年……", "items"},
		{"wrong weekday", strings.Replace(string(good), "1月4日（周日）上班", "1月4日（周一）上班", 1), "weekday"},
		{"wrong total", strings.Replace(string(good), "共9天", "共8天", 1), "total"},
		{"bad date", strings.Replace(string(good), "5月9日（周六）上班", "5月32日上班", 1), "date"},
		{"no day off", strings.Replace(string(good), "三、清明节：4月4日（周六）至6日（周一）放假，共3天。", "三、清明节：另行通知。", 1), "off"},
		{"backwards", strings.Replace(string(good), "6月19日（周五）至21日（周日）", "6月21日至19日", 1), "range"},
		{"twice", strings.Replace(string(good), "5月9日（周六）上班", "5月1日上班", 1), "duplicate"},
	} {
		n, err := ParseNotice(c.text, "https://www.gov.cn/x")
		var ne NoticeErrors
		if !errors.As(err, &ne) {
			t.Errorf("%s: %v, want notice errors", c.name, err)
			continue
		}
		found := false
		for _, e := range ne {
			found = found || e.Code == c.code
		}
		if !found {
			t.Errorf("%s: %v, want code %s", c.name, ne, c.code)
		}
		if len(n.Days) > 0 && c.code == "year" {
			t.Errorf("%s: proposed days from an unreadable notice", c.name)
		}
	}
}

// FuzzParseNotice: any text either parses to a year of valid, distinct days in date order
// within a month of that year, or is refused with notice errors — never a panic.
func FuzzParseNotice(f *testing.F) {
	for _, y := range []string{"2024", "2025", "2026"} {
		b, _ := os.ReadFile("testdata/notices/" + y + ".txt")
		f.Add(string(b))
	}
	f.Add("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：12月31日至1月2日放假。")
	f.Fuzz(func(t *testing.T, text string) {
		n, err := ParseNotice(text, "src")
		if err != nil {
			var ne NoticeErrors
			if !errors.As(err, &ne) || len(ne) == 0 {
				t.Fatalf("error of the wrong kind: %v", err)
			}
			return
		}
		seen := map[Date]bool{}
		for i, d := range n.Days {
			if !d.Date.valid() || seen[d.Date] || i > 0 && !n.Days[i-1].Date.Before(d.Date) {
				t.Fatalf("bad day %+v in %+v", d, n.Days)
			}
			if d.Date.Year < n.Year-1 || d.Date.Year > n.Year+1 {
				t.Fatalf("day %v far from %d", d.Date, n.Year)
			}
			seen[d.Date] = true
		}
	})
}
