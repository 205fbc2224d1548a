package deadline

import (
	"time"

	"weiquan/internal/calendar"
)

// Dated is a deadline of kind k that started at start and ends with the day due — a
// period another rule counted (the court's, a referral's, a meeting decision's) — with
// the office's reminder. A zero due is a period the calendar cannot count yet.
func Dated(cal *calendar.Calendar, set Settings, k Kind, start time.Time, due calendar.Date, status Status) Deadline {
	c := counter{cal: cal, set: set}
	d := Deadline{Kind: k, Status: status, Start: start}
	if due.IsZero() {
		d.MissingYear = calendar.DateOf(start).Year + 1
		return d
	}
	return c.finish(d, due)
}

// Workdays is a deadline of kind k, n working days after the day of start (R-L42).
func Workdays(cal *calendar.Calendar, set Settings, k Kind, start time.Time, n int, status Status) (Deadline, error) {
	return counter{cal: cal, set: set}.workdays(k, start, n, status)
}
