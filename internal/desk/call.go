// Package desk is the hotline desk's side of the telephone: a call as the telephony part
// reports it (who rings, when it was answered or ended, where its recording is) and the
// rules for reading a caller's number. It is pure; the SIP user agent feeds it and the
// service keeps calls and tells the operators' browsers.
package desk

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// State is where a call stands.
type State string

// States of a call.
const (
	Ringing  State = "ringing"
	Answered State = "answered" // picked up at the desk (the PBX says "completed elsewhere")
	Ended    State = "ended"    // hung up, or abandoned before anyone answered
)

// Event is what the telephony part reports about a call.
type Event struct {
	CallID       string    `json:"call_id"`
	Caller       string    `json:"caller"`    // the number calling, as the network gives it
	Extension    string    `json:"extension"` // the desk's extension that rang
	State        State     `json:"state"`
	At           time.Time `json:"at"`
	RecordingRef string    `json:"recording_ref,omitempty"` // where the PBX keeps the recording
}

// Call is a call as weiquan keeps it.
type Call struct {
	ID           int64      `json:"-"`
	CallID       string     `json:"call_id"`
	Caller       string     `json:"caller"`
	Extension    string     `json:"extension,omitempty"`
	State        State      `json:"state"`
	RangAt       time.Time  `json:"rang_at"`
	AnsweredAt   *time.Time `json:"answered_at,omitempty"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	RecordingRef string     `json:"recording_ref,omitempty"`
	MatterID     *int64     `json:"-"`
	MatterNumber string     `json:"matter_number,omitempty"`
}

// Number reads a caller's number as the network writes it — "sip:13800138000@pbx",
// "+86 138-0013-8000", "008613800138000", "tel:0792-4221234" — as the digits intake
// keeps; "" when there is no number (an anonymous or withheld caller).
func Number(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"sip:", "sips:", "tel:"} {
		s = strings.TrimPrefix(s, p)
	}
	if i := strings.IndexAny(s, "@;"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '.':
		default:
			return "" // "anonymous", "unavailable", letters: no number
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(s, "+86"):
		n = strings.TrimPrefix(n, "86")
	case strings.HasPrefix(n, "0086"):
		n = strings.TrimPrefix(n, "0086")
	}
	if len(n) < 3 || len(n) > 20 {
		return ""
	}
	return n
}

// Validate checks an event before anything is written: a call needs its id and a number.
func (e *Event) Validate() error {
	var errs invalid.Errors
	e.CallID = strings.TrimSpace(e.CallID)
	errs.Need("call_id", e.CallID)
	errs.MaxLen("call_id", e.CallID, 200)
	n := Number(e.Caller)
	if n == "" {
		if strings.TrimSpace(e.Caller) == "" {
			errs.Add("caller", invalid.Required)
		} else {
			errs.Add("caller", invalid.Format)
		}
	}
	e.Caller = n
	switch e.State {
	case Ringing, Answered, Ended:
	default:
		errs.Add("state", invalid.OneOf, "values", "ringing, answered, ended")
	}
	if e.At.IsZero() {
		errs.Add("at", invalid.Required)
	}
	errs.MaxLen("extension", e.Extension, 64)
	errs.MaxLen("recording_ref", e.RecordingRef, 500)
	return errs.Err()
}
