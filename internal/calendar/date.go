package calendar

import (
	"fmt"
	"time"
	_ "time/tzdata" // rules run in Asia/Shanghai even on hosts without zoneinfo
)

// Shanghai is the zone every deadline is judged in, whatever the server's zone.
var Shanghai = mustLoad("Asia/Shanghai")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("calendar: " + err.Error())
	}
	return loc
}

// Date is a civil date, so deadlines never shift with a clock's zone or time of day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads the YYYY-MM-DD form used in data files, forms and JSON.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	d := Date{t.Year(), t.Month(), t.Day()}
	if err != nil || len(s) != len(time.DateOnly) || !d.valid() {
		return Date{}, fmt.Errorf("calendar: bad date %q", s)
	}
	return d, nil
}

// DateOf gives the date an instant falls on in China, which is what the rules count.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Shanghai).Date()
	return Date{y, m, d}
}

// String gives the YYYY-MM-DD form that ParseDate reads back.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero lets `omitzero` leave unset dates out of JSON.
func (d Date) IsZero() bool { return d == Date{} }

// Start is the first instant of the day in Asia/Shanghai, for storing and comparing with clocks.
func (d Date) Start() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Shanghai)
}

// DueAt is the instant a deadline falling on d has passed: a due date is met until its end.
func DueAt(d Date) time.Time { return d.AddDays(1).Start() }

// AddDays moves by calendar days, normalising across months and years.
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Weekday decides whether an unlisted day is an ordinary working day.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Compare orders dates for sorting: -1, 0 or +1 like cmp.Compare.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Before reports whether d comes earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d comes later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// valid rejects dates such as 2026-02-30 or year 0 that ParseDate would never produce.
func (d Date) valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.AddDays(0) == d
}

// MarshalText writes YYYY-MM-DD in JSON and forms; an invalid or zero date is an error, not "0000-00-00".
func (d Date) MarshalText() ([]byte, error) {
	if !d.valid() {
		return nil, fmt.Errorf("calendar: invalid date %s", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD from JSON and forms.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
