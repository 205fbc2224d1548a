package mediation

import (
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// FulfilmentStatus is how far the merchant performed the agreement by its due date.
type FulfilmentStatus string

// Statuses of fulfilment.
const (
	Performed    FulfilmentStatus = "performed" // 已履行
	PartlyDone   FulfilmentStatus = "partly"    // 部分履行
	NotPerformed FulfilmentStatus = "not"       // 未履行
)

// Fulfilment is the record of what was performed of an agreement.
type Fulfilment struct {
	Status     FulfilmentStatus `json:"status"`
	At         time.Time        `json:"at"`
	Paid       money.Fen        `json:"paid"` // the value the consumer received; all of it when performed
	Note       string           `json:"note,omitempty"`
	RecordedBy *int64           `json:"recorded_by,omitempty"`
}

// ValidateFulfilment checks a fulfilment record for the agreement at time now: once only, not
// for an agreement performed on the spot (that is its own record), not dated before the
// agreement or in the future, the amount paid consistent with the status, and a note saying
// what is missing unless all was performed.
func (a Agreement) ValidateFulfilment(f *Fulfilment, now time.Time) error {
	var errs invalid.Errors
	f.Note = strings.TrimSpace(f.Note)
	switch {
	case a.Fulfilment != nil:
		errs.Add("fulfilment", Already)
	case a.PerformedOnSpot:
		errs.Add("fulfilment", invalid.Conflict)
	}
	if f.At.IsZero() {
		f.At = now
	}
	switch {
	case f.At.Before(a.AgreedAt):
		errs.Add("at", BeforeAgreement)
	case f.At.After(now):
		errs.Add("at", invalid.Future)
	}
	switch f.Status {
	case Performed:
		if f.Paid == 0 {
			f.Paid = a.Recovered
		}
		if f.Paid != a.Recovered {
			errs.Add("paid", SumMismatch, "sum", f.Paid.String(), "recovered", a.Recovered.String())
		}
	case PartlyDone:
		errs.Need("note", f.Note)
		if f.Paid < 0 || f.Paid >= a.Recovered && a.Recovered > 0 {
			errs.Add("paid", invalid.Conflict)
		}
	case NotPerformed:
		errs.Need("note", f.Note)
		if f.Paid != 0 {
			errs.Add("paid", invalid.Conflict)
		}
	default:
		errs.Add("status", invalid.OneOf, "values", "performed, partly, not")
	}
	errs.MaxLen("note", f.Note, 2000)
	return errs.Err()
}

// FulfilmentDue is the instant the agreement's fulfilment date has passed, and false for an
// agreement performed on the spot or already recorded.
func (a Agreement) FulfilmentDue() (time.Time, bool) {
	if a.DueDate == nil || a.Fulfilment != nil {
		return time.Time{}, false
	}
	return calendar.DueAt(*a.DueDate), true
}

// FulfilmentRemindAt is when staff are reminded to check fulfilment: the start of the day
// set.FulfilmentRemindDays before the due date, or the due date itself when that falls before the
// agreement; false when nothing is due.
func (a Agreement) FulfilmentRemindAt(set Settings) (time.Time, bool) {
	if _, ok := a.FulfilmentDue(); !ok {
		return time.Time{}, false
	}
	r := a.DueDate.AddDays(-set.FulfilmentRemindDays).Start()
	if !r.After(a.AgreedAt) {
		r = a.DueDate.Start()
	}
	return r, true
}
