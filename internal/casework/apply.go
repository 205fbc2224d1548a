package casework

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// ActionInput carries what a person enters with an action; each action reads its own fields.
type ActionInput struct {
	Note       string     `json:"note,omitempty"`
	ReasonCode string     `json:"reason_code,omitempty"`
	StationID  *int64     `json:"station_id,omitempty"`
	AssigneeID *int64     `json:"assignee_id,omitempty"`
	Recovered  *money.Fen `json:"recovered_amount,omitempty"`
	Lat        *float64   `json:"lat,omitempty"`
	Lng        *float64   `json:"lng,omitempty"`
	Answer     string     `json:"answer,omitempty"`
	PlatformNo string     `json:"platform_no,omitempty"`
	Changes    *Changes   `json:"changes,omitempty"`
	Into       string     `json:"into,omitempty"`      // merge: the earlier report's number (R-L24)
	NewFacts   bool       `json:"new_facts,omitempty"` // merge: the later report brings new facts
	Summary    string     `json:"summary,omitempty"`   // publish_summary: the words the public may read
	IntoID     *int64     `json:"-"`                   // merge: resolved by the service
	ToLevel    string     `json:"-"`                   // escalate: the level the service routed to
}

// Apply takes an action on a matter at time now: it checks the state machine and
// the input, changes m, and returns the timeline event to append with the change.
// The caller stores both in one transaction. On error m is left as it was.
func Apply(m *Matter, actor Actor, a Action, in ActionInput, now time.Time) (Event, error) {
	c := *m
	ev, err := apply(&c, actor, a, in, now)
	if err != nil {
		return Event{}, err
	}
	*m = c
	return ev, nil
}

func apply(m *Matter, actor Actor, a Action, in ActionInput, now time.Time) (Event, error) {
	from := m.State
	to, err := Next(m.Kind, m.State, a, actor.Role)
	if err != nil {
		return Event{}, err
	}
	ev := Event{MatterID: m.ID, At: now, ActorID: actor.ID, ActorName: actor.Name, Action: a, From: from, To: to, Data: map[string]any{}}
	in.Note = strings.TrimSpace(in.Note)
	var errs invalid.Errors
	errs.MaxLen("note", in.Note, 4000)
	switch a {
	case Accept:
		for _, f := range m.MissingForAcceptance() {
			errs.Add(f, invalid.Required)
		}
		t := now
		m.AcceptedAt = &t
	case Reject:
		reason, ok := FindReason(RejectReasons(m.RuleSet), in.ReasonCode)
		if !ok {
			errs.Add("reason_code", invalid.OneOf, "values", reasonCodes(RejectReasons(m.RuleSet)))
		}
		m.ReasonCode, m.Outcome = reason.Code, OutcomeRejected
		ev.Data["reason_code"], ev.Data["reason"] = reason.Code, reason.ZH
	case Dispatch:
		if in.StationID == nil {
			errs.Add("station_id", invalid.Required)
		} else {
			m.StationID, m.AssigneeID = in.StationID, in.AssigneeID
			ev.Data["station_id"] = *in.StationID
			if in.AssigneeID != nil {
				ev.Data["assignee_id"] = *in.AssigneeID
			}
		}
	case CheckIn:
		if (in.Lat == nil) != (in.Lng == nil) {
			errs.Add("lat", invalid.Format)
		}
		if in.Lat != nil && in.Lng != nil {
			if !(*in.Lat >= -90 && *in.Lat <= 90) { // NaN fails every comparison
				errs.Add("lat", invalid.Format)
			}
			if !(*in.Lng >= -180 && *in.Lng <= 180) {
				errs.Add("lng", invalid.Format)
			}
			ev.Data["lat"], ev.Data["lng"] = *in.Lat, *in.Lng
		}
		t := now
		m.ArrivedAt, m.ArrivedLat, m.ArrivedLng = &t, in.Lat, in.Lng
		if m.OnSiteDueAt != nil {
			kept := !now.After(*m.OnSiteDueAt) // R-S1: the promise is met by checking in on site
			m.OnSiteKept = &kept
			ev.Data["on_site_kept"] = kept
			ev.Data["minutes"] = int(now.Sub(m.ReceivedAt).Minutes())
		}
		if m.AssigneeID == nil {
			m.AssigneeID = actor.ID
		}
	case Agree:
		switch {
		case in.Recovered == nil:
			errs.Add("recovered_amount", invalid.Required)
		case *in.Recovered < 0:
			errs.Add("recovered_amount", invalid.Negative)
		default:
			m.Recovered, m.Outcome = *in.Recovered, OutcomeAgreement
			ev.Data["recovered_amount"] = in.Recovered.String()
		}
	case Terminate:
		reason, ok := FindReason(TerminateReasons(m.RuleSet), in.ReasonCode)
		if !ok {
			errs.Add("reason_code", invalid.OneOf, "values", reasonCodes(TerminateReasons(m.RuleSet)))
		}
		m.ReasonCode, m.Outcome = reason.Code, OutcomeTerminated
		ev.Data["reason_code"], ev.Data["reason"] = reason.Code, reason.ZH
	case Answer:
		in.Answer = strings.TrimSpace(in.Answer)
		errs.Need("answer", in.Answer)
		errs.MaxLen("answer", in.Answer, 4000)
		m.Answer, m.Outcome = in.Answer, OutcomeAnswered
	case File:
		m.Outcome = OutcomeFiled
	case NotFile:
		m.Outcome = OutcomeNotFiled
	case Close:
		t := now
		m.ClosedAt = &t
	case Withdraw:
		t := now
		m.ClosedAt, m.Outcome = &t, OutcomeWithdrawn
	case Note:
		errs.Need("note", in.Note)
	case SetPlatformNo:
		in.PlatformNo = strings.TrimSpace(in.PlatformNo)
		errs.Need("platform_no", in.PlatformNo)
		errs.MaxLen("platform_no", in.PlatformNo, 40)
		ev.Data["platform_no"] = [2]string{m.PlatformNo, in.PlatformNo}
		m.PlatformNo = in.PlatformNo
	case PublishSummary:
		in.Summary = strings.TrimSpace(in.Summary)
		checkSummary(in.Summary, &errs)
		ev.Data["summary"] = in.Summary
	case Update:
		if in.Changes == nil {
			errs.Add("changes", invalid.Required)
			break
		}
		diff, err := in.Changes.apply(m)
		if err != nil {
			return Event{}, err
		}
		if len(diff) == 0 {
			errs.Add("changes", invalid.Required)
		}
		ev.Data["changes"] = diff
	}
	applyClocks(m, actor, a, &in, now, &ev, &errs)
	if err := errs.Err(); err != nil {
		return Event{}, err
	}
	if len(ev.Data) == 0 {
		ev.Data = nil
	}
	ev.Note = in.Note
	m.State = to
	m.UpdatedAt = now
	return ev, nil
}

func reasonCodes(list []Reason) string {
	codes := make([]string, len(list))
	for i, r := range list {
		codes[i] = r.Code
	}
	return strings.Join(codes, ", ")
}
