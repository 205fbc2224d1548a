package deadline

import (
	"errors"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

// Pause is one stretch during which the mediation clock stood still (R-L16, R-L17).
type Pause struct {
	Reason string
	From   time.Time
	To     *time.Time // nil while it lasts
}

// Facts are what the clocks of one matter are worked out from.
type Facts struct {
	Matter         casework.Matter
	Pauses         []Pause
	PromiseMinutes int // the area's on-site promise (R-S1), used when the matter has no on-site due time yet
	// What mediation recorded (issue 9): the merchant's answer, the next session and the agreement.
	AnsweredAt *time.Time     // the merchant answered online (C12)
	Session    *SessionFacts  // the next session not yet held (R-L15)
	Agreement  *AgreementFact // the agreement when it is performed by a date
}

// SessionFacts are what the notice clock of a session needs (R-L15).
type SessionFacts struct {
	ScheduledAt time.Time // when it was scheduled: the clock starts
	NoticeBy    time.Time // the last instant both parties may be told
	Notified    bool      // both parties were told in time
}

// AgreementFact is an agreement performed by a fulfilment date.
type AgreementFact struct {
	AgreedAt    time.Time
	DueDate     calendar.Date
	RemindAt    *time.Time // when staff are reminded to check
	FulfilledAt *time.Time // the fulfilment record
}

// Compute returns every deadline that applies to the matter, in Kinds order, each
// running, paused, met or cancelled. A working-day deadline that would reach into a
// year with no official calendar is returned with MissingYear set and no due time:
// it is flagged, never guessed (R-L43).
func Compute(f Facts, cal *calendar.Calendar, set Settings) ([]Deadline, error) {
	m := &f.Matter
	var out []Deadline
	add := func(d Deadline, err error) error {
		if err != nil {
			return err
		}
		out = append(out, d)
		return nil
	}
	c := &counter{cal: cal, set: set}
	if m.Kind == casework.Complaint {
		if m.NeedsVisit || m.ArrivedAt != nil && m.OnSiteDueAt != nil {
			out = append(out, onSite(m, f.PromiseMinutes, set))
		}
		if err := add(c.acceptance(m)); err != nil {
			return nil, err
		}
		if m.AcceptedAt != nil {
			if err := add(c.mediation(m, f.Pauses)); err != nil {
				return nil, err
			}
		}
		if m.TerminatedAt != nil {
			status := Running
			if m.NotifiedAt != nil {
				status = Met
			}
			if err := add(c.workdays(TerminationNotice, *m.TerminatedAt, 7, status)); err != nil {
				return nil, err
			}
		}
		if m.ClueAt != nil {
			status, n := Running, 15
			if m.ClueDoneAt != nil {
				status = Met
			}
			if m.Extended() {
				n += 15 // R-L22: the one extension a department head approved
			}
			if err := add(c.workdays(ViolationClue, *m.ClueAt, n, status)); err != nil {
				return nil, err
			}
		}
	}
	if m.Kind == casework.Complaint {
		out = append(out, mediationClocks(f, c)...)
		if err := c.err; err != nil {
			return nil, err
		}
	}
	if m.Kind == casework.Report {
		status, n := Running, 15
		switch {
		case m.Outcome == casework.OutcomeFiled || m.Outcome == casework.OutcomeNotFiled:
			status = Met
		case m.State == casework.Closed:
			status = Cancelled
		}
		if m.Extended() {
			n += 15
		}
		if err := add(c.workdays(ReportVerification, m.ReportStart(), n, status)); err != nil {
			return nil, err
		}
	}
	if m.Channel == casework.Transfer12345 && set.Reply12345Workdays > 0 {
		status := Running
		if m.RepliedAt != nil {
			status = Met
		}
		if err := add(c.workdays(Reply12345, m.ReceivedAt, set.Reply12345Workdays, status)); err != nil {
			return nil, err
		}
	}
	if m.DisputeAt != nil {
		status := Running
		switch {
		case m.DisputeDoneAt != nil:
			status = Met
		case m.State == casework.Closed:
			status = Cancelled
		}
		if err := add(c.workdays(Jurisdiction, *m.DisputeAt, 7, status)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// onSite is the promise in minutes (R-S1): met by checking in, moot once the complaint
// ended without a visit.
func onSite(m *casework.Matter, promise int, set Settings) Deadline {
	due := m.ReceivedAt.Add(time.Duration(promise) * time.Minute)
	if m.OnSiteDueAt != nil {
		due = *m.OnSiteDueAt
	}
	d := Deadline{Kind: OnSite, Status: Running, Start: m.ReceivedAt, DueAt: &due}
	switch {
	case m.ArrivedAt != nil:
		d.Status = Met
	case !m.NeedsVisit || ended(m):
		d.Status = Cancelled
	}
	if set.RemindOnSiteMinutes > 0 {
		r := due.Add(-time.Duration(set.RemindOnSiteMinutes) * time.Minute)
		if r.After(d.Start) {
			d.RemindAt = &r
		}
	}
	return d
}

// ended reports whether a complaint's handling is over: decided against, settled, or closed.
func ended(m *casework.Matter) bool {
	switch m.State {
	case casework.Rejected, casework.Agreement, casework.Terminated, casework.Closed:
		return true
	}
	return false
}

type counter struct {
	cal *calendar.Calendar
	set Settings
	err error
}

// acceptance is the 7-working-day decision (R-L6, CRPL Art.46): met by accepting or rejecting.
func (c counter) acceptance(m *casework.Matter) (Deadline, error) {
	status := Running
	switch {
	case m.AcceptedAt != nil, m.Outcome == casework.OutcomeRejected:
		status = Met
	case m.State == casework.Closed:
		status = Cancelled
	}
	return c.workdays(Acceptance, m.ReceivedAt, 7, status)
}

// mediation runs from acceptance: 45 working days under Order 20, 60 days under Order 121
// moved past an official holiday (R-L18), and longer by the time paused (R-L16, R-L17).
func (c counter) mediation(m *casework.Matter, pauses []Pause) (Deadline, error) {
	start := *m.AcceptedAt
	d := Deadline{Kind: Mediation, Status: Running, Start: start}
	switch {
	case m.Outcome == casework.OutcomeAgreement || m.Outcome == casework.OutcomeTerminated ||
		m.State == casework.Agreement || m.State == casework.Terminated:
		d.Status = Met
	case m.State == casework.Closed:
		d.Status = Cancelled
	}
	order20 := m.RuleSet == casework.Order20
	extra := 0
	for _, p := range pauses {
		if p.To == nil {
			if d.Status == Running {
				from := p.From
				d.Status, d.PausedAt = Paused, &from
			}
			continue
		}
		a, b := calendar.DateOf(p.From), calendar.DateOf(*p.To)
		if order20 {
			n, err := c.cal.WorkdaysBetween(a, b)
			if err != nil {
				return c.missing(d, a, err)
			}
			extra += n
		} else if b.After(a) {
			extra += int(b.Start().Sub(a.Start()).Hours()+12) / 24
		}
	}
	from := calendar.DateOf(start)
	var due calendar.Date
	var err error
	if order20 {
		due, err = c.cal.AddWorkdays(from, 45+extra)
	} else {
		due, err = c.cal.AddCalendarDays(from, 60+extra, c.set.WeekendsAreOff)
	}
	if err != nil {
		return c.missing(d, from, err)
	}
	return c.finish(d, due), nil
}

// workdays is a deadline n working days after the day of start, which is not counted (R-L42).
func (c counter) workdays(k Kind, start time.Time, n int, status Status) (Deadline, error) {
	d := Deadline{Kind: k, Status: status, Start: start}
	from := calendar.DateOf(start)
	due, err := c.cal.AddWorkdays(from, n)
	if err != nil {
		return c.missing(d, from, err)
	}
	return c.finish(d, due), nil
}

// finish sets the due instant — the end of the due date in Asia/Shanghai — and the reminder,
// at the start of the working day from which RemindWorkdays working days are left.
func (c counter) finish(d Deadline, due calendar.Date) Deadline {
	at := calendar.DueAt(due)
	d.DueDate, d.DueAt = due, &at
	if n := c.set.RemindWorkdays; n > 0 {
		if r, ok := c.remindDay(due, n); ok {
			t := r.Start()
			if t.After(d.Start) {
				d.RemindAt = &t
			}
		}
	}
	return d
}

// remindDay counts back n working days from the due date, the due date itself first.
func (c counter) remindDay(due calendar.Date, n int) (calendar.Date, bool) {
	d := due
	for i := 0; i < 366; i++ {
		ok, err := c.cal.IsWorkday(d)
		if err != nil {
			return calendar.Date{}, false
		}
		if ok {
			if n--; n == 0 {
				return d, true
			}
		}
		d = d.AddDays(-1)
	}
	return calendar.Date{}, false
}

// missing flags a deadline the calendar cannot count (R-L43) with the first uncovered year.
func (c counter) missing(d Deadline, from calendar.Date, err error) (Deadline, error) {
	if !errors.Is(err, calendar.ErrNoCalendar) {
		return d, fmt.Errorf("deadline: %s: %w", d.Kind, err)
	}
	y := from.AddDays(1).Year
	for c.cal.Covers(y) {
		y++
	}
	d.MissingYear = y
	return d, nil
}

// Earliest is the open deadline due first, the one that orders the queue and drives
// alerts when several run (R-L27); nil when none is running with a due time.
func Earliest(ds []Deadline) *Deadline {
	var best *Deadline
	for i := range ds {
		d := &ds[i]
		if d.Status != Running || d.DueAt == nil {
			continue
		}
		if best == nil || d.DueAt.Before(*best.DueAt) {
			best = d
		}
	}
	return best
}

// mediationClocks are the clocks of mediation (issue 9): the merchant's answer online (C12), the
// notice of the next session (R-L15) and the agreement's fulfilment by its date.
func mediationClocks(f Facts, c *counter) []Deadline {
	m := &f.Matter
	var out []Deadline
	if n := c.set.MerchantAnswerWorkdays; n > 0 && m.MerchantID != nil && m.AcceptedAt != nil {
		status := Running
		switch {
		case f.AnsweredAt != nil:
			status = Met
		case ended(m):
			status = Cancelled
		}
		d, err := c.workdays(MerchantAnswer, *m.AcceptedAt, n, status)
		if err != nil {
			c.err = err
			return nil
		}
		out = append(out, d)
	}
	if s := f.Session; s != nil {
		due := s.NoticeBy
		d := Deadline{Kind: SessionNotice, Status: Running, Start: s.ScheduledAt, DueAt: &due, DueDate: calendar.DateOf(due.Add(-time.Nanosecond))}
		switch {
		case s.Notified:
			d.Status = Met
		case ended(m):
			d.Status = Cancelled
		}
		out = append(out, d)
	}
	if a := f.Agreement; a != nil {
		due := calendar.DueAt(a.DueDate)
		d := Deadline{Kind: Fulfilment, Status: Running, Start: a.AgreedAt, DueAt: &due, DueDate: a.DueDate, RemindAt: a.RemindAt}
		if a.FulfilledAt != nil {
			d.Status = Met
		}
		out = append(out, d)
	}
	return out
}
