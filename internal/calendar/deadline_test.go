package calendar

import (
	"errors"
	"testing"
)

func TestAddWorkdays(t *testing.T) {
	c := embedded(t)
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"R-L42 example 1: 05-09 make-up Saturday counts", "2026-04-30", 7, "2026-05-13"},
		{"R-L42 example 2: 10-10 Saturday counts", "2026-09-30", 7, "2026-10-15"},
		{"R-L42 example 3: 02-14 and 02-28 count", "2026-02-13", 7, "2026-03-02"},
		{"R-L42 example 4: a make-up Saturday is the deadline", "2024-09-27", 7, "2024-10-12"},
		{"R-L42 example 5", "2025-01-24", 7, "2025-02-10"},
		{"R-L42 15 working days (Order 121 Art.27)", "2026-04-30", 15, "2026-05-25"},
		{"start day not counted, received on a holiday", "2026-10-01", 1, "2026-10-08"},
		{"start day not counted, received on a Saturday", "2026-06-13", 1, "2026-06-15"},
		{"across a year end, both years covered", "2025-12-31", 1, "2026-01-04"},
		{"start day in an uncovered year is not looked at", "2023-12-31", 1, "2024-01-02"},
		{"n=0 is the start day", "2026-05-02", 0, "2026-05-02"},
		{"n=0 needs no calendar", "2031-01-01", 0, "2031-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkdays(mustDate(t, tt.from), tt.n)
			if err != nil || got.String() != tt.want {
				t.Fatalf("add_wd(%s, %d) = %s, %v; want %s", tt.from, tt.n, got, err, tt.want)
			}
		})
	}
}

func TestAddWorkdaysRefuses(t *testing.T) {
	c := embedded(t)
	tests := []struct {
		name, from string
		n          int
		year       string
	}{
		{"R-L43 deadline runs into 2027", "2026-12-25", 7, "2027"},
		{"R-L43 start in 2027", "2027-03-01", 1, "2027"},
		{"R-L43 next day in 2023", "2023-12-29", 1, "2023"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkdays(mustDate(t, tt.from), tt.n)
			if !errors.Is(err, ErrNoCalendar) || err.Error() != "calendar: no official calendar loaded for "+tt.year {
				t.Fatalf("add_wd(%s, %d) = %s, %v; want ErrNoCalendar for %s", tt.from, tt.n, got, err, tt.year)
			}
		})
	}
	if _, err := c.AddWorkdays(mustDate(t, "2026-05-06"), -1); err == nil {
		t.Error("a negative count was accepted")
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := embedded(t)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-04-30", "2026-05-13", 7}, // R-L42 example 1 counted back
		{"2026-02-13", "2026-03-02", 7}, // R-L42 example 3 counted back
		{"2026-05-01", "2026-05-09", 4}, // 05-06, 07, 08 and make-up 05-09
		{"2026-12-25", "2026-12-31", 4}, // b included
		{"2025-12-31", "2026-01-05", 2}, // 01-04 make-up Sunday and 01-05
		{"2026-05-13", "2026-05-13", 0}, // b == a
		{"2026-05-13", "2026-04-30", 0}, // b before a
		{"2027-05-13", "2027-04-30", 0}, // nothing to look at, so no refusal
	}
	for _, tt := range tests {
		got, err := c.WorkdaysBetween(mustDate(t, tt.a), mustDate(t, tt.b))
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := c.WorkdaysBetween(mustDate(t, "2026-12-30"), mustDate(t, "2027-01-04")); !errors.Is(err, ErrNoCalendar) {
		t.Errorf("R-L43 WorkdaysBetween into 2027: err = %v, want ErrNoCalendar", err)
	}
}

func TestWorkdaysInYear(t *testing.T) {
	c := embedded(t)
	for year, want := range map[int]int{2024: 251, 2025: 248, 2026: 248} { // R-L42 counts
		if got, err := c.WorkdaysInYear(year); err != nil || got != want {
			t.Errorf("R-L42 WorkdaysInYear(%d) = %d, %v; want %d", year, got, err, want)
		}
	}
	for _, year := range []int{2023, 2027} {
		if _, err := c.WorkdaysInYear(year); !errors.Is(err, ErrNoCalendar) {
			t.Errorf("R-L43 WorkdaysInYear(%d): err = %v, want ErrNoCalendar", year, err)
		}
	}
}

func TestAddCalendarDays(t *testing.T) {
	c := embedded(t)
	tests := []struct {
		name, from     string
		n              int
		weekendsAreOff bool
		want           string
	}{
		{"R-L18 day 60 is 10-01, holiday run ends 10-07", "2026-08-02", 60, false, "2026-10-08"},
		{"R-L18 same with weekends off", "2026-08-02", 60, true, "2026-10-08"},
		{"R-L18 day 60 is Sunday 06-14, weekends count", "2026-04-15", 60, false, "2026-06-14"},
		{"R-L18 day 60 is Sunday 06-14, weekends off", "2026-04-15", 60, true, "2026-06-15"},
		{"R-L18 ordinary weekday stays", "2026-04-15", 61, true, "2026-06-15"},
		{"R-L18 端午 run Fri–Sun moves to Monday", "2026-06-18", 1, false, "2026-06-22"},
		{"R-L18 春节 run ends Monday 02-23", "2026-02-14", 3, false, "2026-02-24"},
		{"R-L18 make-up Saturday is not skipped", "2026-02-13", 1, true, "2026-02-14"},
		{"R-L18 run ends Saturday, next is make-up Sunday", "2026-01-01", 0, true, "2026-01-04"},
		{"R-L18 Saturday inside a run, weekends count", "2026-10-02", 1, false, "2026-10-08"},
		{"across the year end into a covered year", "2025-12-01", 31, false, "2026-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddCalendarDays(mustDate(t, tt.from), tt.n, tt.weekendsAreOff)
			if err != nil || got.String() != tt.want {
				t.Fatalf("AddCalendarDays(%s, %d, %v) = %s, %v; want %s", tt.from, tt.n, tt.weekendsAreOff, got, err, tt.want)
			}
		})
	}
}

func TestAddCalendarDaysRefuses(t *testing.T) {
	c := embedded(t)
	if _, err := c.AddCalendarDays(mustDate(t, "2026-12-01"), 60, false); !errors.Is(err, ErrNoCalendar) {
		t.Errorf("R-L43 day 60 in 2027: err = %v, want ErrNoCalendar", err)
	}
	// A holiday run over a year end must not step into a year without data.
	c2, err := New([]Day{{Date{2030, 12, 31}, Holiday, "test", "test"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.AddCalendarDays(Date{2030, 12, 30}, 1, false); err == nil || err.Error() != "calendar: no official calendar loaded for 2031" {
		t.Errorf("R-L43 holiday run into 2031: err = %v", err)
	}
	if _, err := c.AddCalendarDays(mustDate(t, "2026-05-06"), -1, false); err == nil {
		t.Error("a negative count was accepted")
	}
}
