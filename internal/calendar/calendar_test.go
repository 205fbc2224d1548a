package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// embedded is the shipped calendar; R-L42 says its tables are exactly those of §6 (2024–2026).
func embedded(t testing.TB) *Calendar {
	t.Helper()
	c, err := New(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEmbedded(t *testing.T) {
	days := Embedded()
	c := embedded(t)
	if got, want := c.Years(), []int{2024, 2025, 2026}; !slices.Equal(got, want) {
		t.Fatalf("Years = %v, want %v (R-L43: add a year only with its State Council notice)", got, want)
	}
	sources := map[int]string{
		2024: "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm",
		2025: "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm",
		2026: "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
	}
	for i, d := range days {
		if d.Source != sources[d.Date.Year] {
			t.Errorf("%s: source %q, want the %d notice %s", d.Date, d.Source, d.Date.Year, sources[d.Date.Year])
		}
		if i > 0 && !days[i-1].Date.Before(d.Date) {
			t.Errorf("%s: rows out of order after %s", d.Date, days[i-1].Date)
		}
	}
	days[0].Name = "changed"
	if Embedded()[0].Name == "changed" {
		t.Error("Embedded shares its slice between callers")
	}
}

func TestNewRejects(t *testing.T) {
	d := func(s string, k Kind) Day { return Day{mustDate(t, s), k, "元旦", gov26} }
	tests := []struct {
		name string
		days []Day
		want string
	}{
		{"duplicate", []Day{d("2026-01-01", Holiday), d("2026-01-01", Holiday)}, "calendar: 2026-01-01: duplicate date"},
		{"unknown kind", []Day{d("2026-01-01", "rest")}, `calendar: 2026-01-01: unknown kind "rest" (want holiday or workday)`},
		{"R-L42 workday on a Friday", []Day{d("2026-01-02", Workday)},
			"calendar: 2026-01-02: workday 2026-01-02 is a Friday; a make-up working day must fall on a weekend"},
		{"invalid date", []Day{{Date{2026, 2, 30}, Holiday, "x", "y"}}, "calendar: 2026-02-30: bad date 2026-02-30"},
		{"no source", []Day{{mustDate(t, "2026-01-01"), Holiday, "元旦", ""}}, "calendar: 2026-01-01: source is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.days); err == nil || err.Error() != tt.want {
				t.Fatalf("New error = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestCovers(t *testing.T) {
	c := embedded(t)
	for y, want := range map[int]bool{2023: false, 2024: true, 2025: true, 2026: true, 2027: false} {
		if got := c.Covers(y); got != want {
			t.Errorf("Covers(%d) = %v, want %v", y, got, want)
		}
	}
	empty, err := New(nil)
	if err != nil || empty.Covers(2026) || len(empty.Years()) != 0 {
		t.Errorf("an empty calendar covers %v, err %v", empty.Years(), err)
	}
}

func TestIsWorkday(t *testing.T) {
	c := embedded(t)
	tests := []struct {
		date string
		want bool
	}{
		// R-L42: make-up working days on weekends are working days.
		{"2026-01-04", true}, // Sunday, 元旦
		{"2026-02-14", true}, // Saturday, 春节
		{"2026-02-28", true}, // Saturday, 春节
		{"2026-05-09", true}, // Saturday, 劳动节
		{"2026-09-20", true}, // Sunday, 国庆节
		{"2026-10-10", true}, // Saturday, 国庆节
		{"2024-10-12", true}, // Saturday, 国庆节
		// R-L42: holidays on Monday–Friday are not.
		{"2026-01-01", false}, // Thursday
		{"2026-01-02", false}, // Friday
		{"2026-02-16", false}, // Monday
		{"2026-02-23", false}, // Monday, last day of 春节
		{"2026-04-06", false}, // Monday, 清明节
		{"2026-05-05", false}, // Tuesday
		{"2026-06-19", false}, // Friday, 端午节
		{"2026-09-25", false}, // Friday, 中秋节
		{"2026-10-07", false}, // Wednesday
		{"2025-10-08", false}, // Wednesday, 国庆节、中秋节
		{"2024-06-10", false}, // Monday, 端午节
		// Unlisted days follow the week.
		{"2026-01-03", false}, // Saturday holiday
		{"2026-05-06", true},  // Wednesday
		{"2026-05-10", false}, // Sunday
		{"2026-06-13", false}, // Saturday
		{"2026-12-31", true},  // Thursday
		{"2024-02-09", true},  // Friday: 除夕 became a holiday only from 2025
		{"2025-01-27", true},  // Monday before 除夕
		{"2025-01-28", false}, // Tuesday, 除夕 2025
	}
	for _, tt := range tests {
		got, err := c.IsWorkday(mustDate(t, tt.date))
		if err != nil || got != tt.want {
			t.Errorf("R-L42 IsWorkday(%s) = %v, %v; want %v", tt.date, got, err, tt.want)
		}
	}
}

func TestIsWorkdayRefusesUncoveredYears(t *testing.T) {
	c := embedded(t)
	for _, s := range []string{"2027-01-04", "2027-06-01", "2023-12-29", "2028-03-01"} {
		_, err := c.IsWorkday(mustDate(t, s))
		want := "calendar: no official calendar loaded for " + s[:4]
		if !errors.Is(err, ErrNoCalendar) || err.Error() != want {
			t.Errorf("R-L43 IsWorkday(%s) error = %v, want %s", s, err, want)
		}
	}
}

func TestLookup(t *testing.T) {
	c := embedded(t)
	got, ok := c.Lookup(mustDate(t, "2026-10-10"))
	if !ok || got.Kind != Workday || got.Name != "国庆节" || !strings.HasPrefix(got.Source, "https://www.gov.cn/") {
		t.Errorf("Lookup(2026-10-10) = %+v, %v", got, ok)
	}
	if _, ok := c.Lookup(mustDate(t, "2026-10-12")); ok {
		t.Error("Lookup(2026-10-12) found a row for an ordinary Monday")
	}
}
