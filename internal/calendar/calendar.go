// Package calendar counts working days and calendar-day deadlines on China's official
// holiday schedule (rules R-L18, R-L42, R-L43), and refuses to guess for years it lacks.
package calendar

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"time"
)

//go:embed holidays-cn.csv
var embeddedCSV []byte

// ErrNoCalendar means a deadline would need a year whose State Council notice is not loaded (R-L43).
var ErrNoCalendar = errors.New("calendar: no official calendar loaded")

func noCalendar(year int) error { return fmt.Errorf("%w for %d", ErrNoCalendar, year) }

// Embedded returns the shipped notices, the seed for the editable calendar_days table.
func Embedded() []Day {
	days, err := ParseCSV(bytes.NewReader(embeddedCSV))
	if err != nil {
		panic(err) // the shipped file is checked by TestEmbedded
	}
	return days
}

// Calendar answers working-day questions for the years its data covers, and only those.
type Calendar struct {
	days  map[Date]Day
	years []int
}

// New checks the rows (kinds, weekend make-up days, no duplicates) and indexes them.
func New(days []Day) (*Calendar, error) {
	c := &Calendar{days: make(map[Date]Day, len(days))}
	for _, d := range days {
		if err := d.validate(); err != nil {
			return nil, fmt.Errorf("calendar: %s: %v", d.Date, err)
		}
		if _, dup := c.days[d.Date]; dup {
			return nil, fmt.Errorf("calendar: %s: duplicate date", d.Date)
		}
		c.days[d.Date] = d
		if !slices.Contains(c.years, d.Date.Year) {
			c.years = append(c.years, d.Date.Year)
		}
	}
	slices.Sort(c.years)
	return c, nil
}

// Years lists the covered years, for the admin reminder to load next year's notice.
func (c *Calendar) Years() []int { return slices.Clone(c.years) }

// Covers reports whether the year has at least one official row, the only sign a notice was loaded.
func (c *Calendar) Covers(year int) bool {
	_, ok := slices.BinarySearch(c.years, year)
	return ok
}

// Lookup returns the official row for a date, to label holidays and make-up days in views.
func (c *Calendar) Lookup(d Date) (Day, bool) {
	day, ok := c.days[d]
	return day, ok
}

// IsWorkday applies R-L42: a listed make-up day, or Monday–Friday not listed as a holiday.
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	if !c.Covers(d.Year) {
		return false, noCalendar(d.Year)
	}
	switch c.days[d].Kind {
	case Workday:
		return true, nil
	case Holiday:
		return false, nil
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, nil
}

// isOff says whether a calendar-day deadline landing on d must move on (R-L18).
func (c *Calendar) isOff(d Date, weekendsAreOff bool) (bool, error) {
	if !c.Covers(d.Year) {
		return false, noCalendar(d.Year)
	}
	switch c.days[d].Kind {
	case Holiday:
		return true, nil
	case Workday:
		return false, nil
	}
	wd := d.Weekday()
	return weekendsAreOff && (wd == time.Saturday || wd == time.Sunday), nil
}
