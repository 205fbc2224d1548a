package casework

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
)

// ClockFacts are the moments a matter's deadlines count from or are met by, beyond
// receipt, acceptance and arrival; the deadline package reads them, actions set them.
type ClockFacts struct {
	TerminatedAt  *time.Time `json:"terminated_at,omitempty"`   // R-L19: the notice clock counts from the decision
	NotifiedAt    *time.Time `json:"notified_at,omitempty"`     // both parties told that mediation ended
	ClueAt        *time.Time `json:"clue_at,omitempty"`         // R-L22: a violation clue found
	ClueDoneAt    *time.Time `json:"clue_done_at,omitempty"`    // the clue verified and decided
	ExtendedAt    *time.Time `json:"extended_at,omitempty"`     // the one 15-working-day extension (R-L22)
	RestartedAt   *time.Time `json:"restarted_at,omitempty"`    // R-L24: receipt of the latest merged report
	MergedInto    *int64     `json:"merged_into,omitempty"`     // the earlier report this one was merged into
	RepliedAt     *time.Time `json:"replied_at,omitempty"`      // R-L27: first reply to the 12345 centre
	DisputeAt     *time.Time `json:"dispute_at,omitempty"`      // R-L13: a jurisdiction dispute with another bureau opened
	DisputeDoneAt *time.Time `json:"dispute_done_at,omitempty"` // … and settled
}

// Actions of the clocks; the first group are rows of Machine.
const (
	Escalate            Action = "escalate"             // R-S3: up one handling level
	Pause               Action = "pause"                // R-L16, R-L17: testing or recusal stops the mediation clock
	Resume              Action = "resume"               // the test result or the recusal decision is in
	RecordClue          Action = "record_clue"          // R-L22: a violation clue found while mediating
	ExtendVerification  Action = "extend_verification"  // R-L22: +15 working days, a department head's approval
	ConcludeClue        Action = "conclude_clue"        // the clue verified: a case filed or not
	Merge               Action = "merge"                // R-L24: a later report merged into an earlier one
	NotifyParties       Action = "notify_parties"       // R-L19: both parties told that mediation ended
	Reply12345          Action = "reply_12345"          // R-L27: the reply to the 12345 centre
	DisputeJurisdiction Action = "dispute_jurisdiction" // R-L13: negotiate with another bureau within 7 working days
	SettleJurisdiction  Action = "settle_jurisdiction"  // R-L13: agreed, or designated by the common superior

	Breach      Action = "breach"      // timeline only: a deadline passed unmet
	MergedIn    Action = "merged_in"   // timeline only: a later report was merged into this one
	Recalculate Action = "recalculate" // timeline only: a new calendar moved a deadline
)

// clueStates are the states in which a complaint is being handled after acceptance.
var clueStates = []State{Accepted, Dispatched, OnSite, Mediating, Suspended, Agreement, Terminated}

// Reasons for pausing the mediation clock.
const (
	PauseTesting = "testing" // 检测、检验、鉴定 (R-L17)
	PauseRecusal = "recusal" // 回避申请 (R-L16)
)

// Reasons for an escalation (R-S3); staff give the first two, the system the others.
const (
	EscalateRequest         = "request"
	EscalateMediationFailed = "mediation_failed"
	EscalateOnSiteMissed    = "on_site_missed"
	EscalateDeadlineMissed  = "deadline_missed"
	EscalateCriteria        = "criteria"
)

var (
	staffEscalations  = []string{EscalateRequest, EscalateMediationFailed}
	systemEscalations = []string{EscalateRequest, EscalateMediationFailed, EscalateOnSiteMissed, EscalateDeadlineMissed, EscalateCriteria}
	pauseReasons      = []string{PauseTesting, PauseRecusal}
	clueConclusions   = []string{"case_filed", "not_filed"}
	disputeOutcomes   = []string{"ours", "theirs", "designated"}
)

// Codes of field errors the clocks add; each has a message "err.<code>".
const (
	Already  = "already"   // a once-only step was taken before
	TopLevel = "top_level" // the matter is handled at the county already
)

// SystemActor is who acts when a deadline passes; it has the office's full rights.
var SystemActor = Actor{Name: "系统 / system", Role: auth.Admin}

// ReportStart is when a report's verification clock counts from: its receipt, or the
// receipt of the latest report merged into it with new facts (R-L24).
func (m *Matter) ReportStart() time.Time {
	if m.RestartedAt != nil && m.RestartedAt.After(m.ReceivedAt) {
		return *m.RestartedAt
	}
	return m.ReceivedAt
}

// Extended reports whether the running verification period has had its one extension.
func (m *Matter) Extended() bool {
	if m.ExtendedAt == nil {
		return false
	}
	if m.Kind == Report {
		return !m.ExtendedAt.Before(m.ReportStart()) // a restart opens a new period
	}
	return true
}

func oneOf(errs *invalid.Errors, field, v string, list []string) {
	if !slices.Contains(list, v) {
		errs.Add(field, invalid.OneOf, "values", strings.Join(list, ", "))
	}
}

// applyClocks carries out the clock actions; Apply has checked the state machine.
func applyClocks(m *Matter, actor Actor, a Action, in *ActionInput, now time.Time, ev *Event, errs *invalid.Errors) {
	t := now
	switch a {
	case Terminate:
		m.TerminatedAt = &t
	case Escalate:
		code := in.ReasonCode
		if code == "" {
			code = EscalateRequest
		}
		if actor.ID == nil {
			oneOf(errs, "reason_code", code, systemEscalations)
		} else {
			oneOf(errs, "reason_code", code, staffEscalations)
			errs.Need("note", in.Note) // R-S3: the reason is recorded
		}
		to := dispatch.Level(in.ToLevel)
		switch {
		case to == "":
			errs.Add("level", TopLevel)
		case to.Rank() <= dispatch.Level(m.Level).Rank():
			errs.Add("level", invalid.Conflict) // R-S3: never down, never sideways
		}
		ev.Data["reason_code"], ev.Data["level"] = code, [2]string{m.Level, in.ToLevel}
		if in.StationID != nil {
			ev.Data["station_id"] = *in.StationID
		}
		m.Level, m.StationID, m.AssigneeID = in.ToLevel, in.StationID, nil
	case Pause:
		oneOf(errs, "reason_code", in.ReasonCode, pauseReasons)
		ev.Data["reason_code"] = in.ReasonCode
	case Resume:
		errs.Need("note", in.Note) // the test result or the recusal decision
	case RecordClue:
		errs.Need("note", in.Note)
		if m.ClueAt != nil {
			errs.Add("clue_at", Already)
		}
		m.ClueAt = &t
	case ExtendVerification:
		errs.Need("note", in.Note) // the department head's approval and its grounds
		if m.Kind == Complaint && (m.ClueAt == nil || m.ClueDoneAt != nil) {
			errs.Add("clue_at", invalid.Conflict)
		}
		if m.Extended() {
			errs.Add("extended_at", Already) // R-L22: one extension only
		}
		m.ExtendedAt = &t
	case ConcludeClue:
		oneOf(errs, "reason_code", in.ReasonCode, clueConclusions)
		if m.ClueAt == nil {
			errs.Add("clue_at", invalid.Required)
		} else if m.ClueDoneAt != nil {
			errs.Add("clue_done_at", Already)
		}
		ev.Data["reason_code"] = in.ReasonCode
		m.ClueDoneAt = &t
	case Merge:
		switch {
		case strings.TrimSpace(in.Into) == "":
			errs.Add("into", invalid.Required)
		case in.IntoID == nil || *in.IntoID == m.ID:
			errs.Add("into", invalid.NotFound)
		}
		m.Outcome = OutcomeDuplicate
		if in.NewFacts {
			m.Outcome = OutcomeMerged
		}
		m.MergedInto, m.ClosedAt = in.IntoID, &t
		ev.Data["into"], ev.Data["new_facts"] = in.Into, in.NewFacts
	case NotifyParties:
		if m.TerminatedAt == nil {
			errs.Add("terminated_at", invalid.Required)
		} else if m.NotifiedAt != nil {
			errs.Add("notified_at", Already)
		}
		m.NotifiedAt = &t
	case DisputeJurisdiction:
		errs.Need("note", in.Note) // which bureau, and why
		if m.DisputeAt != nil {
			errs.Add("dispute_at", Already)
		}
		m.DisputeAt = &t
	case SettleJurisdiction:
		oneOf(errs, "reason_code", in.ReasonCode, disputeOutcomes)
		if m.DisputeAt == nil {
			errs.Add("dispute_at", invalid.Required)
		} else if m.DisputeDoneAt != nil {
			errs.Add("dispute_done_at", Already)
		}
		ev.Data["reason_code"] = in.ReasonCode
		m.DisputeDoneAt = &t
	case Reply12345:
		if m.Channel != Transfer12345 {
			errs.Add("channel", invalid.Conflict)
		}
		errs.Need("note", in.Note) // what the centre was told
		if m.RepliedAt == nil {
			m.RepliedAt = &t
		}
	}
}

// Offered drops from the actions the state machine allows those the matter's facts make
// pointless — a second notice, a 12345 reply on a matter not from 12345, an escalation
// past the county — so screens offer only what can succeed.
func Offered(m *Matter, actions []Action) []Action {
	return slices.DeleteFunc(slices.Clone(actions), func(a Action) bool {
		switch a {
		case Reply12345:
			return m.Channel != Transfer12345
		case NotifyParties:
			return m.TerminatedAt == nil || m.NotifiedAt != nil
		case RecordClue:
			return m.ClueAt != nil
		case ConcludeClue:
			return m.ClueAt == nil || m.ClueDoneAt != nil
		case ExtendVerification:
			return m.Extended() || m.Kind == Complaint && (m.ClueAt == nil || m.ClueDoneAt != nil)
		case Escalate:
			_, ok := dispatch.Level(m.Level).Up()
			return !ok
		case DisputeJurisdiction:
			return m.DisputeAt != nil
		case SettleJurisdiction:
			return m.DisputeAt == nil || m.DisputeDoneAt != nil
		}
		return false
	})
}
