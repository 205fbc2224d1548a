package credit

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Figures are a merchant's complaints over a period: its record (SPEC C9).
type Figures struct {
	MerchantID  int64     `json:"merchant_id"`
	Merchant    string    `json:"merchant"`
	Complaints  int       `json:"complaints"`
	Closed      int       `json:"closed"`
	Agreements  int       `json:"agreements"`
	Terminated  int       `json:"terminated"`
	Recovered   money.Fen `json:"recovered"`
	SuccessRate *float64  `json:"success_rate,omitempty"`         // agreements ÷ mediations ended (agreement or termination)
	Accepted    int       `json:"accepted"`                       // complaints the office accepted: those a merchant is asked to answer
	Answered    int       `json:"answered_online"`                // of those, the merchant answered online (issue 9)
	AnswerSecs  int64     `json:"-"`                              // the answers' times from receipt, summed
	AnswerRate  *float64  `json:"answered_online_rate,omitempty"` // answered online ÷ accepted; 0 when it answered none, absent before any was accepted
	AnswerHours *float64  `json:"answer_hours,omitempty"`         // mean hours from receipt to the merchant's answer
}

// Finish works out the rates from the counts, to three decimals (hours to one).
func (f *Figures) Finish() {
	if n := f.Agreements + f.Terminated; n > 0 {
		r := float64(int(float64(f.Agreements)/float64(n)*1000+0.5)) / 1000
		f.SuccessRate = &r
	}
	if f.Accepted > 0 { // a merchant that answers nothing shows 0, not a blank
		r := float64(int(float64(f.Answered)/float64(f.Accepted)*1000+0.5)) / 1000
		f.AnswerRate = &r
	}
	if f.Answered > 0 {
		h := float64(int(float64(f.AnswerSecs)/float64(f.Answered)/360+0.5)) / 10
		f.AnswerHours = &h
	}
}

// Month is the complaints of one month.
type Month struct {
	Month      string `json:"month"` // 2026-03
	Complaints int    `json:"complaints"`
}

// RecordRules are when a merchant is a repeat offender.
type RecordRules struct {
	RepeatWindowDays int `json:"repeat_window_days"` // the trailing window counted
	RepeatThreshold  int `json:"repeat_threshold"`   // complaints in it that raise the alert
}

// DefaultRecordRules alert on ten complaints against one merchant in 90 days.
func DefaultRecordRules() RecordRules { return RecordRules{RepeatWindowDays: 90, RepeatThreshold: 10} }

// Validate checks rules an admin sends.
func (r RecordRules) Validate() error {
	var errs invalid.Errors
	if r.RepeatWindowDays < 1 || r.RepeatWindowDays > 3650 {
		errs.Add("repeat_window_days", invalid.OneOf, "values", "1–3650")
	}
	if r.RepeatThreshold < 2 || r.RepeatThreshold > 10000 {
		errs.Add("repeat_threshold", invalid.OneOf, "values", "2–10000")
	}
	return errs.Err()
}

// RepeatOffender reports whether n complaints in the window make a repeat offender.
func (r RecordRules) RepeatOffender(n int) bool { return n >= r.RepeatThreshold }

// Disclosure fields: what may be published of a merchant's figures (R-L29).
var DisclosureFields = []string{"complaints", "closed", "agreements", "terminated", "success_rate", "recovered", "answered_online_rate", "answer_hours"}

// DisclosureRules say what of the figures is published, per what period and how long after
// its end — configurable until the 《投诉信息公示暂行规则》 articles are confirmed (R-L29).
type DisclosureRules struct {
	Enabled       bool     `json:"enabled"`
	Fields        []string `json:"fields"`
	Period        string   `json:"period"` // month, quarter or year
	LagDays       int      `json:"lag_days"`
	MinComplaints int      `json:"min_complaints"` // merchants with fewer are left out
}

// DefaultDisclosureRules publish complaints, agreements and the success rate per quarter,
// 15 days after it ends, for merchants with three or more complaints.
func DefaultDisclosureRules() DisclosureRules {
	return DisclosureRules{Enabled: true, Fields: []string{"complaints", "agreements", "success_rate"}, Period: "quarter", LagDays: 15, MinComplaints: 3}
}

// Validate checks rules an admin sends.
func (d DisclosureRules) Validate() error {
	var errs invalid.Errors
	for _, f := range d.Fields {
		if !slices.Contains(DisclosureFields, f) {
			errs.Add("fields", invalid.OneOf, "values", strings.Join(DisclosureFields, ", "))
			break
		}
	}
	if d.Period != "month" && d.Period != "quarter" && d.Period != "year" {
		errs.Add("period", invalid.OneOf, "values", "month, quarter, year")
	}
	if d.LagDays < 0 || d.LagDays > 365 {
		errs.Add("lag_days", invalid.OneOf, "values", "0–365")
	}
	if d.MinComplaints < 1 || d.MinComplaints > 10000 {
		errs.Add("min_complaints", invalid.OneOf, "values", "1–10000")
	}
	return errs.Err()
}

// Period is a span of whole days [From, To].
type Period struct {
	Name string        `json:"name"` // 2026-Q1, 2026-03, 2026
	From calendar.Date `json:"from"`
	To   calendar.Date `json:"to"`
}

// PeriodOf is the period of the kind that holds day d.
func PeriodOf(kind string, d calendar.Date) Period {
	switch kind {
	case "month":
		from := calendar.Date{Year: d.Year, Month: d.Month, Day: 1}
		next := time.Date(d.Year, d.Month+1, 1, 0, 0, 0, 0, time.UTC)
		return Period{Name: from.String()[:7], From: from, To: calendar.DateOf(next.In(calendar.Shanghai)).AddDays(-1)}
	case "year":
		return Period{Name: itoa(d.Year), From: calendar.Date{Year: d.Year, Month: 1, Day: 1}, To: calendar.Date{Year: d.Year, Month: 12, Day: 31}}
	}
	q := (int(d.Month) - 1) / 3
	from := calendar.Date{Year: d.Year, Month: time.Month(q*3 + 1), Day: 1}
	p := PeriodOf("month", calendar.Date{Year: d.Year, Month: time.Month(q*3 + 3), Day: 1})
	return Period{Name: itoa(d.Year) + "-Q" + itoa(q+1), From: from, To: p.To}
}

// Published is the latest period whose figures may be public on day today: its end plus the
// lag has passed (R-L29).
func (d DisclosureRules) Published(today calendar.Date) Period {
	p := PeriodOf(d.Period, today)
	for !today.After(p.To.AddDays(d.LagDays)) {
		p = PeriodOf(d.Period, p.From.AddDays(-1))
	}
	return p
}

// Public keeps the configured fields of a merchant's figures: what the public may see.
func (d DisclosureRules) Public(f Figures) map[string]any {
	all := map[string]any{"complaints": f.Complaints, "closed": f.Closed, "agreements": f.Agreements, "terminated": f.Terminated,
		"recovered": f.Recovered, "success_rate": f.SuccessRate, "answered_online_rate": f.AnswerRate, "answer_hours": f.AnswerHours}
	out := map[string]any{"merchant": f.Merchant}
	for _, k := range d.Fields {
		out[k] = all[k]
	}
	return out
}
