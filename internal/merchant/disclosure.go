package merchant

import (
	"sort"
	"time"
)

// ComplaintFact is what disclosure needs of one complaint against a merchant: when it came
// and how it ended. Reports never count (R-L25).
type ComplaintFact struct {
	ReceivedAt time.Time
	Closed     bool
	Outcome    string // casework's outcome: agreement, terminated, rejected, withdrawn…
	Accepted   bool   // the office accepted it, so the merchant was asked to answer
	Answered   bool   // the merchant answered it online (accept, offer or dispute; SPEC C12)
}

// YearCount is the complaints received in one calendar year.
type YearCount struct {
	Year       int
	Complaints int
}

// Disclosure is a merchant's public record (SPEC C9): complaints by year, the last twelve months,
// and how many of those concluded were settled by agreement.
type Disclosure struct {
	ByYear      []YearCount // newest first
	LastYear    int         // received in the twelve months before now
	Concluded   int         // concluded by agreement, termination or withdrawal
	Settled     int         // by agreement
	SettledPct  int         // Settled of Concluded, rounded; -1 when nothing is concluded yet
	Accepted    int         // complaints the office accepted
	Answered    int         // of those, answered by the merchant online
	AnsweredPct int         // Answered of Accepted, rounded; -1 when none was accepted yet
}

// Disclose computes the public record from a merchant's complaints at time now, years in loc.
func Disclose(facts []ComplaintFact, now time.Time, loc *time.Location) Disclosure {
	var d Disclosure
	years := map[int]int{}
	for _, f := range facts {
		years[f.ReceivedAt.In(loc).Year()]++
		if f.ReceivedAt.After(now.AddDate(-1, 0, 0)) && !f.ReceivedAt.After(now) {
			d.LastYear++
		}
		if f.Accepted {
			d.Accepted++
			if f.Answered {
				d.Answered++
			}
		}
		switch f.Outcome {
		case "agreement":
			d.Concluded++
			d.Settled++
		case "terminated", "withdrawn":
			d.Concluded++
		}
	}
	for y, n := range years {
		d.ByYear = append(d.ByYear, YearCount{y, n})
	}
	sort.Slice(d.ByYear, func(i, j int) bool { return d.ByYear[i].Year > d.ByYear[j].Year })
	d.SettledPct, d.AnsweredPct = pct(d.Settled, d.Concluded), pct(d.Answered, d.Accepted)
	return d
}

// pct is n of of in whole per cent, rounded half up; -1 when of is 0 (no rate yet).
func pct(n, of int) int {
	if of == 0 {
		return -1
	}
	return (n*100 + of/2) / of
}
