package credit

import (
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Agreement is a cluster-registered shop's custody agreement with its custody company (R-L39).
type Agreement struct {
	MerchantID  int64         `json:"merchant_id"`
	CustodyID   int64         `json:"custody_id"`
	CustodyName string        `json:"custody_name,omitempty"`
	CustodyUSCC string        `json:"custody_uscc,omitempty"`
	StartsOn    calendar.Date `json:"starts_on"`
	EndsOn      calendar.Date `json:"ends_on,omitzero"`
}

// Validate checks an agreement: it starts, and ends after it starts when it ends at all.
func (a Agreement) Validate() error {
	var errs invalid.Errors
	if a.StartsOn.IsZero() {
		errs.Add("starts_on", invalid.Required)
	}
	if !a.EndsOn.IsZero() && !a.EndsOn.After(a.StartsOn) {
		errs.Add("ends_on", invalid.BeforeStart)
	}
	if a.CustodyID == 0 {
		errs.Add("custody_id", invalid.Required)
	}
	if a.CustodyID == a.MerchantID {
		errs.Add("custody_id", invalid.Conflict)
	}
	return errs.Err()
}

// Current reports whether the agreement runs on the day of t.
func (a Agreement) Current(t time.Time) bool {
	d := calendar.DateOf(t)
	return !d.Before(a.StartsOn) && (a.EndsOn.IsZero() || !d.After(a.EndsOn))
}

// CustodyAlert says whether a custody company with this many listed unreachable shops should
// be brought to the office's attention, so it may consider suspending new cluster
// registrations through it (R-L39).
func CustodyAlert(listed int, r Rules) bool { return listed >= r.CustodyAlertListed }
