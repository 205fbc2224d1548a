package casework

import (
	"unicode"

	"weiquan/internal/invalid"
)

// MaxSummary is the longest public summary.
const MaxSummary = 500

// checkSummary refuses a public summary that is empty, too long, or carries a run of
// seven or more digits — a phone or ID number has no place in what the public reads.
func checkSummary(s string, errs *invalid.Errors) {
	errs.Need("summary", s)
	errs.MaxLen("summary", s, MaxSummary)
	run := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			run++
			if run >= 7 {
				errs.Add("summary", "personal_data")
				return
			}
			continue
		}
		if r != ' ' && r != '-' {
			run = 0
		}
	}
}
