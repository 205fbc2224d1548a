package service

import (
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mask"
)

// Sight is what of one matter its viewer sees in full (R-L25, R-P4, R-P5); the
// rest comes masked. docs/SECURITY.md holds the table this code follows.
type Sight struct {
	// Personal: the consumer's full phone, ID number and address.
	Personal bool `json:"personal"`
	// Reporter: who filed a report — name, phone, address, ID number.
	Reporter bool `json:"reporter"`
	// Merchant: the merchant's side — no office names, notes, linked reports or locations.
	Merchant bool `json:"-"`
	// Reveal lists the fields the viewer may still show, one at a time, with a reason (break-glass).
	Reveal []string `json:"revealable,omitempty"`
}

// Fields that may be shown with a reason by staff who do not work the matter.
const (
	FieldPhone    = "consumer.phone"
	FieldIDNumber = "consumer.id_number"
	FieldAddress  = "consumer.address"
)

// RevealFields lists every field break-glass may show.
var RevealFields = []string{FieldPhone, FieldIDNumber, FieldAddress}

// intakeReadBack is how long the operator who took a report down may still see the
// reporter, to read the record back while the call is on.
const intakeReadBack = time.Hour

// sight decides what the viewer sees of a matter in its scope:
//   - the whole of it: admins, supervisors of the area, the head of the matter's
//     station and its assigned handler;
//   - a consumer's personal data: also the operator who took the matter down and the
//     mediators and judges of the station it is dispatched to (staff working it);
//   - a reporter's identity: only the first group, and the operator who took the
//     report down while the call is on — never by break-glass (R-L25);
//   - everyone else in scope: masked, with break-glass for a consumer's phone, ID
//     number and address (audited); merchants and the public never.
func (v *viewer) sight(m *casework.Matter) Sight {
	p := v.p
	switch {
	case p.System:
		return Sight{Personal: true, Reporter: true}
	case p.User == nil || !p.User.Role.Staff():
		return Sight{Merchant: p.Role() == auth.Merchant}
	}
	u := p.User
	if u.Role == auth.Admin || u.Role == auth.Supervisor || (m.StationID != nil && v.heads[*m.StationID]) || eqID(m.AssigneeID, u.ID) {
		return Sight{Personal: true, Reporter: true}
	}
	took := eqID(m.TakenBy, u.ID)
	if m.Kind == casework.Report {
		if took && v.now.Sub(m.CreatedAt) < intakeReadBack {
			return Sight{Personal: true, Reporter: true}
		}
		return Sight{}
	}
	onStation := m.StationID != nil && u.StationID != nil && *m.StationID == *u.StationID && (u.Role == auth.Mediator || u.Role == auth.Judge)
	if took || onStation {
		return Sight{Personal: true}
	}
	var reveal []string
	for _, f := range RevealFields {
		if personalValue(m, f) != "" {
			reveal = append(reveal, f)
		}
	}
	return Sight{Reveal: reveal}
}

func eqID(p *int64, id int64) bool { return p != nil && *p == id }

// personalValue is one personal field of a matter's consumer.
func personalValue(m *casework.Matter, field string) string {
	switch field {
	case FieldPhone:
		return m.Consumer.Phone
	case FieldIDNumber:
		return m.Consumer.IDNumber
	case FieldAddress:
		return m.Consumer.Address
	}
	return ""
}

// hasPersonal reports whether a matter holds personal data that a sight would show in full.
func hasPersonal(m *casework.Matter, sg Sight) bool {
	c := m.Consumer
	if !sg.Personal && !sg.Reporter {
		return false
	}
	return c.Phone != "" || c.IDNumber != "" || c.Address != "" || (m.Kind == casework.Report && sg.Reporter && c.Name != "")
}

// maskMatter applies a sight to a matter; list views mask personal data whatever the sight (R-P5).
func maskMatter(m casework.Matter, sg Sight, list bool) casework.Matter {
	c := m.Consumer
	if list || !sg.Personal {
		m.Consumer.Phone, m.Consumer.IDNumber, m.Consumer.Address = mask.Phone(c.Phone), mask.IDNumber(c.IDNumber), mask.Address(c.Address)
	}
	if m.Kind == casework.Report && !sg.Reporter {
		m.Consumer.Name = mask.Name(c.Name)
	}
	if sg.Merchant {
		m.Consumer.Name = mask.Name(c.Name)
		m.Facts = mask.Own(m.Facts, c.Name, c.Phone, c.Address, c.IDNumber)
		m.Request = mask.Own(m.Request, c.Name, c.Phone, c.Address, c.IDNumber)
		// Ids are drawn from one sequence for every kind, so their gaps would show where
		// reports are; the version and the last change would show the office's unseen work,
		// and the clocks its internal ones — a violation clue, a dispute with a bureau (R-L25).
		m.ID, m.LinkedID, m.Version = 0, nil, 0
		m.TakenBy, m.AssigneeID, m.SourceID, m.AreaText = nil, nil, "", ""
		m.Lat, m.Lng, m.ArrivedLat, m.ArrivedLng = nil, nil, nil, nil
		m.DueAt, m.DueKind, m.OnSiteDueAt = nil, "", nil
		m.ClockFacts = casework.ClockFacts{TerminatedAt: m.TerminatedAt, NotifiedAt: m.NotifiedAt}
		m.UpdatedAt = lastSeen(&m)
	}
	return m
}

// merchantActions are the steps of a complaint its merchant is shown: what happened
// to the complaint, never the office's internal work on it.
var merchantActions = []casework.Action{casework.Intake, casework.Import, casework.Accept, casework.Reject, casework.Dispatch,
	casework.CheckIn, casework.StartMediation, casework.Pause, casework.Resume, casework.Agree, casework.Terminate,
	casework.NotifyParties, casework.Close}

// maskEvents applies a sight to a timeline: merchants see what happened and when,
// not who in the office did it, notes or data; corrections of personal data are
// masked for staff who may not see it.
func maskEvents(m *casework.Matter, evs []casework.Event, sg Sight) []casework.Event {
	out := make([]casework.Event, 0, len(evs))
	for _, ev := range evs {
		if sg.Merchant {
			if !slices.Contains(merchantActions, ev.Action) {
				continue
			}
			ev.ID, ev.ActorID, ev.ActorName, ev.Note, ev.Data = 0, nil, "", "", nil
			out = append(out, ev)
			continue
		}
		if changes, ok := ev.Data["changes"].(map[string]any); ok && (!sg.Personal || (m.Kind == casework.Report && !sg.Reporter)) {
			ev.Data = maps(ev.Data)
			ev.Data["changes"] = maskChanges(changes, sg, m.Kind)
		}
		out = append(out, ev)
	}
	return out
}

func maps(d map[string]any) map[string]any {
	c := make(map[string]any, len(d))
	for k, v := range d {
		c[k] = v
	}
	return c
}

// maskChanges masks the old and new values of personal fields in a correction.
func maskChanges(changes map[string]any, sg Sight, kind casework.Kind) map[string]any {
	out := maps(changes)
	masks := map[string]func(string) string{}
	if !sg.Personal {
		masks["consumer_phone"], masks["consumer_id_number"], masks["consumer_address"] = mask.Phone, mask.IDNumber, mask.Address
	}
	if kind == casework.Report && !sg.Reporter {
		masks["consumer_name"] = mask.Name
	}
	for field, f := range masks {
		pair, ok := out[field].([]any)
		if !ok {
			continue
		}
		masked := make([]any, len(pair))
		for i, v := range pair {
			if s, ok := v.(string); ok {
				masked[i] = f(s)
			} else {
				masked[i] = v
			}
		}
		out[field] = masked
	}
	return out
}

// lastSeen is when a merchant last saw its complaint move: intake, acceptance,
// arrival, the end of mediation, closing — not the office's notes and corrections.
func lastSeen(m *casework.Matter) time.Time {
	t := m.CreatedAt
	for _, p := range []*time.Time{m.AcceptedAt, m.ArrivedAt, m.TerminatedAt, m.NotifiedAt, m.ClosedAt} {
		if p != nil && p.After(t) {
			t = *p
		}
	}
	return t
}
