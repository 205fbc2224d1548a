package calendar

import "fmt"

// AddWorkdays gives the due date n working days after d: d itself is not counted and
// counting starts on the next working day (Order 121 Art.45, R-L42).
func (c *Calendar) AddWorkdays(d Date, n int) (Date, error) {
	if n < 0 {
		return Date{}, fmt.Errorf("calendar: add %d working days: count must not be negative", n)
	}
	for n > 0 {
		d = d.AddDays(1)
		ok, err := c.IsWorkday(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// WorkdaysBetween counts working days in (a, b], how late or early a step was done; 0 if b ≤ a.
func (c *Calendar) WorkdaysBetween(a, b Date) (int, error) {
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		ok, err := c.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// WorkdaysInYear counts a year's working days, a check that a loaded notice is plausible.
func (c *Calendar) WorkdaysInYear(year int) (int, error) {
	return c.WorkdaysBetween(Date{year - 1, 12, 31}, Date{year, 12, 31})
}

// AddCalendarDays gives the due date n calendar days after d (Order 121 Art.45, R-L18): a due
// date on an official holiday moves to the first day after it that is not a holiday, and, when
// weekendsAreOff, past Saturdays and Sundays that are not make-up working days too.
func (c *Calendar) AddCalendarDays(d Date, n int, weekendsAreOff bool) (Date, error) {
	if n < 0 {
		return Date{}, fmt.Errorf("calendar: add %d calendar days: count must not be negative", n)
	}
	due := d.AddDays(n)
	for {
		off, err := c.isOff(due, weekendsAreOff)
		if err != nil {
			return Date{}, err
		}
		if !off {
			return due, nil
		}
		due = due.AddDays(1)
	}
}
