// Package court holds the rules of the work the office does with the court: pre-filing
// mediation the court delegates (R-L33), judicial confirmation of a mediation agreement
// (R-L30–R-L32) and the periods the court counts. The rules are pure: they take dates, a
// calendar and the facts, and return decisions, so a table test proves each rule.
//
// Court periods are counted as the Civil Procedure Law counts them (CPL Art.85): the day
// an event happens is not counted, and a period whose last day falls on a holiday or a
// weekend ends on the first working day after it. Periods in years end on the same day of
// the month, or on the month's last day when that month has no such day (Civil Code
// Art.201–203).
package court

import (
	"errors"
	"time"

	"weiquan/internal/calendar"
)

// Codes of the court rules' refusals; each has a message under "err.<code>".
const (
	CodeNotLawfulOrg     = "court_not_lawful_org"     // R-L30: the mediating body is no lawful mediation organisation
	CodeNotBothParties   = "court_not_both_parties"   // R-L30: both parties must apply together
	CodeTooLate          = "court_too_late"           // R-L30: more than 30 days after the agreement took effect
	CodeExcludedSubject  = "court_excluded_subject"   // R-L30: status relations, property or IP rights determination
	CodeNotEffective     = "court_not_effective"      // R-L34: the agreement is not in effect yet
	CodeWrongCourt       = "court_wrong_court"        // R-L30: the court is none the law names
	CodePackageMissing   = "court_package_missing"    // R-L31: an item of the application package is missing
	CodeExtensionConsent = "court_extension_consent"  // R-L33: an extension needs every party's recorded consent
	CodeNoApplication    = "court_no_application"     // a ruling for an application never filed
	CodeRulingTwice      = "court_ruling_twice"       // the ruling is already recorded
	CodeRulingBefore     = "court_ruling_before"      // a ruling dated before the application
	CodeRulingOutcome    = "court_ruling_outcome"     // a ruling is valid or dismissed
	CodeNoCalendarYet    = "court_calendar_not_known" // a date computed into a year without an official calendar
)

// ErrNoCalendar is calendar.ErrNoCalendar: a period ends in a year whose State Council
// notice is not loaded yet (R-L43).
var ErrNoCalendar = calendar.ErrNoCalendar

// Due is the last day of a period. Provisional means its year has no official calendar
// yet, so a holiday cannot have moved it: it is shown, marked, and computed again once
// the year's notice is loaded (R-L43).
type Due struct {
	Date        calendar.Date `json:"date"`
	Provisional bool          `json:"provisional,omitempty"`
}

// Days is a period of n days after day d (d not counted), moved past holidays and
// weekends (CPL Art.85).
func Days(cal *calendar.Calendar, d calendar.Date, n int) (Due, error) {
	return settle(cal, d.AddDays(n))
}

// Years is a period of n years after day d: the same day n years on, or the month's
// last day when that month has none (29 February), moved past holidays and weekends.
func Years(cal *calendar.Calendar, d calendar.Date, n int) (Due, error) {
	last := calendar.Date{Year: d.Year + n, Month: d.Month, Day: d.Day}
	if end := monthEnd(last.Year, last.Month); last.Day > end {
		last.Day = end
	}
	return settle(cal, last)
}

// settle moves a period's last day past holidays and weekends; in a year without an
// official calendar the day stays as counted, marked provisional.
func settle(cal *calendar.Calendar, d calendar.Date) (Due, error) {
	due, err := cal.AddCalendarDays(d, 0, true)
	if errors.Is(err, calendar.ErrNoCalendar) {
		return Due{Date: d, Provisional: true}, nil
	}
	if err != nil {
		return Due{}, err
	}
	return Due{Date: due}, nil
}

func monthEnd(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}
