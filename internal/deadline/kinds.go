// Package deadline works out which deadlines run on a matter — the statutory clocks of
// Orders 20 and 121 and the office's on-site promise — from the matter's facts, the
// official calendar and the office's settings. It is pure: no clock, no database.
package deadline

import (
	"slices"
	"strconv"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Kind names a deadline; a matter has at most one open deadline of each kind.
type Kind string

// Kinds of deadline, with the rule each comes from.
const (
	OnSite             Kind = "on_site"             // R-S1: 15/30 minutes from receipt to check-in
	Acceptance         Kind = "acceptance"          // R-L6: decide within 7 working days of receipt
	Mediation          Kind = "mediation"           // R-L16–R-L18: 45 working days (Order 20) or 60 days (Order 121)
	TerminationNotice  Kind = "termination_notice"  // R-L19: tell both parties within 7 working days
	ViolationClue      Kind = "violation_clue"      // R-L22: verify within 15 working days, +15 once
	ReportVerification Kind = "report_verification" // R-L24: verify a report within 15 working days
	Reply12345         Kind = "reply_12345"         // R-L27: reply to the 12345 centre, default 5 working days
	Jurisdiction       Kind = "jurisdiction"        // R-L13: settle a jurisdiction dispute within 7 working days
	MerchantAnswer     Kind = "merchant_answer"     // C12: the merchant answers online, default 10 working days from acceptance
	SessionNotice      Kind = "session_notice"      // R-L15: both parties told of a session by the day before it
	Fulfilment         Kind = "fulfilment"          // the agreement performed by its fulfilment date, staff reminded before
)

// Kinds lists every kind in the order they are shown.
var Kinds = []Kind{OnSite, Acceptance, Mediation, TerminationNotice, ViolationClue, ReportVerification, Reply12345, Jurisdiction,
	MerchantAnswer, SessionNotice, Fulfilment}

var rules = map[Kind]string{
	OnSite: "R-S1", Acceptance: "R-L6", Mediation: "R-L18", TerminationNotice: "R-L19",
	ViolationClue: "R-L22", ReportVerification: "R-L24", Reply12345: "R-L27", Jurisdiction: "R-L13",
	MerchantAnswer: "C12", SessionNotice: "R-L15", Fulfilment: "R-S6",
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Rule is the id of the rule the deadline comes from, shown beside it so staff can look it up.
func (k Kind) Rule() string { return rules[k] }

// Status is where a deadline stands.
type Status string

// Statuses. Running and Paused deadlines are open; Met and Cancelled ones are over.
const (
	Running   Status = "running"
	Paused    Status = "paused"    // the mediation clock while testing or recusal runs (R-L16, R-L17)
	Met       Status = "met"       // the step it waits for was taken
	Cancelled Status = "cancelled" // the step became moot (the matter was closed another way)
)

// Deadline is one clock on a matter as the rules say it should stand.
type Deadline struct {
	Kind        Kind          `json:"kind"`
	Status      Status        `json:"status"`
	Start       time.Time     `json:"start_at"`
	DueDate     calendar.Date `json:"due_date,omitzero"` // the last day, for deadlines counted in days
	DueAt       *time.Time    `json:"due_at,omitempty"`  // the instant it is missed; nil when the calendar is missing
	RemindAt    *time.Time    `json:"remind_at,omitempty"`
	PausedAt    *time.Time    `json:"paused_at,omitempty"`
	MissingYear int           `json:"missing_year,omitempty"` // R-L43: the year with no official calendar
}

// Open reports whether the deadline still waits for its step.
func (d Deadline) Open() bool { return d.Status == Running || d.Status == Paused }

// Settings are the office's choices about its clocks.
type Settings struct {
	Reply12345Workdays  int    `json:"reply_12345_workdays"`   // R-L27: working days to reply to the 12345 centre; 0 switches it off
	WeekendsAreOff      bool   `json:"order121_weekends_off"`  // R-L18: a 60-day due date on a weekend also moves on
	RemindOnSiteMinutes int    `json:"remind_on_site_minutes"` // reminder this many minutes before the on-site promise
	RemindWorkdays      int    `json:"remind_workdays"`        // reminder when this many working days are left
	EscalateOn          []Kind `json:"escalate_on"`            // R-S3: missed deadlines that move a matter up a level
	// MerchantAnswerWorkdays is how many working days from acceptance a merchant has to answer a
	// complaint online (C12); 0 switches the clock off.
	MerchantAnswerWorkdays int `json:"merchant_answer_workdays"`
}

// DefaultSettings are what a new office starts with.
func DefaultSettings() Settings {
	return Settings{Reply12345Workdays: 5, RemindOnSiteMinutes: 5, RemindWorkdays: 1, MerchantAnswerWorkdays: 10,
		EscalateOn: []Kind{OnSite, Acceptance, Mediation}}
}

// Validate checks settings an admin sends.
func (s *Settings) Validate() error {
	var errs invalid.Errors
	bound := func(field string, v, hi int) {
		if v < 0 || v > hi {
			errs.Add(field, invalid.OneOf, "values", "0–"+strconv.Itoa(hi))
		}
	}
	bound("reply_12345_workdays", s.Reply12345Workdays, 60)
	bound("remind_on_site_minutes", s.RemindOnSiteMinutes, 600)
	bound("remind_workdays", s.RemindWorkdays, 10)
	bound("merchant_answer_workdays", s.MerchantAnswerWorkdays, 60)
	var kinds []Kind
	for _, k := range s.EscalateOn {
		if !k.Valid() {
			errs.Add("escalate_on", invalid.OneOf, "values", "on_site, acceptance, mediation, termination_notice, violation_clue, report_verification, reply_12345, jurisdiction, merchant_answer, session_notice, fulfilment")
		} else if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	s.EscalateOn = kinds
	return errs.Err()
}
