package court

import (
	"slices"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Stage is when in the court's process a dispute is delegated for mediation (R-L33).
type Stage string

// Stages and their periods in days: pre-filing 30 days; after filing 15 days in
// ordinary procedure, 7 in summary procedure (在线调解规则 Art.24–26; 特邀调解规定 Art.27).
const (
	PreFiling          Stage = "pre_filing"           // 诉前调解
	PostFilingOrdinary Stage = "post_filing_ordinary" // 诉中调解（普通程序）
	PostFilingSummary  Stage = "post_filing_summary"  // 诉中调解（简易程序）
)

// Stages lists every stage.
var Stages = []Stage{PreFiling, PostFilingOrdinary, PostFilingSummary}

// PeriodDays is each stage's period.
var PeriodDays = map[Stage]int{PreFiling: 30, PostFilingOrdinary: 15, PostFilingSummary: 7}

// AcceptWithinWorkdays is how long the centre has to accept or decline a delegation (R-L33).
const AcceptWithinWorkdays = 3

// AcceptDue is the last working day to accept or decline a delegation made on delegatedOn.
func AcceptDue(cal *calendar.Calendar, delegatedOn calendar.Date) (calendar.Date, error) {
	return cal.AddWorkdays(delegatedOn, AcceptWithinWorkdays)
}

// Extension lengthens a period; the parties who consented are recorded by name.
type Extension struct {
	Days     int      `json:"days"`
	Consents []string `json:"consents"`
}

// CheckExtension refuses an extension without every party's recorded consent (R-L33).
func CheckExtension(e Extension, parties []string) error {
	var errs invalid.Errors
	if e.Days <= 0 {
		errs.Add("days", invalid.Negative)
	}
	for _, p := range parties {
		if !slices.Contains(e.Consents, p) {
			errs.Add("consents", CodeExtensionConsent, "party", p)
			break
		}
	}
	return errs.Err()
}

// Span is a time the period stood still: an appraisal, from its first day to the day
// it ended; To is nil while it lasts.
type Span struct {
	From calendar.Date  `json:"from"`
	To   *calendar.Date `json:"to,omitempty"`
}

// Period is a delegated mediation's period (R-L33): it runs from the day the centre
// confirmed it accepted the delegation, for the stage's days, plus every extension the
// parties consented to, and stands still during appraisals.
type Period struct {
	Stage       Stage
	ConfirmedOn calendar.Date
	Extensions  []Extension
	Appraisals  []Span
}

// Status is where the period stands.
type Status struct {
	Due    Due  `json:"due"`
	Paused bool `json:"paused"` // an appraisal is under way: the period stands still
	Days   int  `json:"days"`   // the period's length with extensions and excluded appraisal days
}

// Status works out the period's last day (R-L33). An appraisal's days are excluded:
// the period is longer by the days it lasted; one still under way pauses the period.
func (p Period) Status(cal *calendar.Calendar) (Status, error) {
	n, ok := PeriodDays[p.Stage]
	if !ok {
		return Status{}, invalid.New("stage", invalid.OneOf, "values", "pre_filing, post_filing_ordinary, post_filing_summary")
	}
	st := Status{}
	for _, e := range p.Extensions {
		n += e.Days
	}
	for _, a := range p.Appraisals {
		if a.To == nil {
			st.Paused = true
			continue
		}
		if a.To.After(a.From) {
			n += int(a.To.Start().Sub(a.From.Start()).Hours()+12) / 24
		}
	}
	due, err := Days(cal, p.ConfirmedOn, n)
	if err != nil {
		return Status{}, err
	}
	st.Due, st.Days = due, n
	return st, nil
}

// AcceptedLate says whether a decision on decidedOn came after the 3 working days (R-L33):
// it is still recorded, and counted as late.
func AcceptedLate(cal *calendar.Calendar, delegatedOn, decidedOn calendar.Date) (bool, error) {
	due, err := AcceptDue(cal, delegatedOn)
	if err != nil {
		return false, err
	}
	return decidedOn.After(due), nil
}
