package mediation

import (
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Limitation is the three-year suggestion of R-L8: a complaint made more than three years after
// the complainant knew or should have known of the infringement may be refused (Order 121
// Art.16(4), Order 20 Art.15(4)), "unless law provides otherwise" — so it is only a suggestion.
type Limitation struct {
	Suggest bool            `json:"suggest"`
	Reason  casework.Reason `json:"reason,omitzero"` // R16-4 or R15-4, by the matter's rule set
	Cutoff  calendar.Date   `json:"cutoff,omitzero"` // the last day of knowledge still inside the three years
}

// LimitationFor suggests the three-year rejection ground when the day the complainant knew of
// the infringement lies before the day of receipt three years back (R-L8). Three years back from
// 29 February is 1 March, as for any date that does not exist in that year. An unknown day of
// knowledge suggests nothing.
func LimitationFor(rs casework.RuleSet, known *calendar.Date, received calendar.Date) Limitation {
	cutoff := threeYearsBefore(received)
	if known == nil || !known.Before(cutoff) {
		return Limitation{Cutoff: cutoff}
	}
	code := "R16-4"
	if rs == casework.Order20 {
		code = "R15-4"
	}
	r, _ := casework.FindReason(casework.RejectReasons(rs), code)
	return Limitation{Suggest: true, Reason: r, Cutoff: cutoff}
}

func threeYearsBefore(d calendar.Date) calendar.Date {
	back := calendar.Date{Year: d.Year - 3, Month: d.Month, Day: d.Day}
	return back.AddDays(0) // normalises 29 February into 1 March
}

// Override is staff keeping a complaint the suggestion would refuse, because a law gives a
// longer period (e.g. a product-liability claim); the note names that law (R-L8).
type Override struct {
	LawOtherwise bool   `json:"law_otherwise"`
	Note         string `json:"note"`
}

// Validate requires the law to be named when the suggestion is overridden.
func (o *Override) Validate() error {
	var errs invalid.Errors
	o.Note = strings.TrimSpace(o.Note)
	if !o.LawOtherwise {
		errs.Add("law_otherwise", invalid.Required)
	}
	errs.Need("note", o.Note)
	errs.MaxLen("note", o.Note, 1000)
	return errs.Err()
}
