package service

import (
	"context"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/deadline"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// courtClocks works out the matter's deadlines of issue 10 from its court and department
// records: the 3 working days to accept a delegation and the delegated period (R-L33), the
// 30 days to apply for judicial confirmation (R-L30), the objection window and the
// enforcement deadline after a ruling (R-L32), the answer of a department asked (C7), a joint
// meeting's decision (C7) and the notice to a real-name reporter (R-L44). Each is a clock
// like every other: synced in the transaction of the change, breached once by the scanner.
func (s *Service) courtClocks(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment) ([]deadline.Deadline, error) {
	var out []deadline.Deadline
	dated := func(k deadline.Kind, start time.Time, due calendar.Date, status deadline.Status) {
		out = append(out, deadline.Dated(env.cal, env.set.Clocks, k, start, due, status))
	}
	if env.newMatter { // no delegation, confirmation, referral or meeting decision refers to it yet
		k, ok, err := s.reporterNoticeClock(ctx, tx, m, env)
		if err != nil || !ok {
			return nil, err
		}
		return []deadline.Deadline{k}, nil
	}
	closed := m.State == casework.Closed
	d, err := tx.CourtDelegation(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	if d != nil {
		st := deadline.Running
		if d.Decision != "" {
			st = deadline.Met
		}
		dated(deadline.CourtAcceptance, d.CreatedAt, d.AcceptDue, st)
		if d.Decision == court.Accept {
			ps, err := d.Period().Status(env.cal)
			if err != nil {
				return nil, err
			}
			st := deadline.Running
			switch {
			case d.Result != "":
				st = deadline.Met
			case closed:
				st = deadline.Cancelled
			}
			start := d.ConfirmedOn.Start()
			k := deadline.Dated(env.cal, env.set.Clocks, deadline.CourtPeriod, start, ps.Due.Date, st)
			if ps.Paused && st == deadline.Running {
				k.Status = deadline.Paused
				for _, a := range d.Appraisals {
					if a.To == nil {
						t := a.From.Start()
						k.PausedAt = &t
					}
				}
			}
			out = append(out, k)
		}
	}
	c, err := tx.Confirmation(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	if c == nil && d != nil && !closed {
		// R-L30: a delegated dispute's agreement in effect has 30 days to go to the court.
		if on, ok, err := agreementInEffect(ctx, tx, m.ID); err != nil {
			return nil, err
		} else if ok {
			due, err := court.ConfirmDue(env.cal, on)
			if err != nil {
				return nil, err
			}
			dated(deadline.ConfirmApply, on.Start(), due.Date, deadline.Running)
		}
	}
	if c != nil {
		dated(deadline.ConfirmApply, c.EffectiveOn.Start(), c.ApplyDue, deadline.Met)
		if c.Ruling != nil && c.After != nil {
			dated(deadline.RulingObjection, c.Ruling.ReceivedOn.Start(), c.After.ObjectionDue.Date, deadline.Running)
			if c.After.EnforcementDue != nil {
				st := deadline.Running
				if c.EnforcementOn != nil {
					st = deadline.Met
				}
				dated(deadline.Enforcement, c.Ruling.PerformanceEnd.Start(), c.After.EnforcementDue.Date, st)
			}
		}
	}
	refs, err := tx.OpenReferrals(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	if k, ok := earliestReferral(refs); ok {
		dated(deadline.ReferralAnswer, k.start, k.due, deadline.Running)
	}
	decs, err := tx.OpenMeetingDecisions(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	var first *court.MeetingDecision
	for i := range decs {
		if first == nil || decs[i].DueOn.Before(first.DueOn) {
			first = &decs[i]
		}
	}
	if first != nil {
		dated(deadline.MeetingDecision, m.ReceivedAt, first.DueOn, deadline.Running)
	}
	if k, ok, err := s.reporterNoticeClock(ctx, tx, m, env); err != nil {
		return nil, err
	} else if ok {
		out = append(out, k)
	}
	return out, nil
}

// agreementInEffect says whether the matter's agreement is in effect (R-L34), and since the day of its last signature.
func agreementInEffect(ctx context.Context, tx *store.Tx, matterID int64) (calendar.Date, bool, error) {
	ag, err := tx.Agreement(ctx, matterID)
	if err != nil || ag == nil {
		return calendar.Date{}, false, err
	}
	imgs, err := tx.Signatures(ctx, ag.ID, false)
	if err != nil {
		return calendar.Date{}, false, err
	}
	sigs := make([]mediation.Signature, len(imgs))
	var last time.Time
	for i, s := range imgs {
		sigs[i] = s.Signature
		if s.SignedAt.After(last) {
			last = s.SignedAt
		}
	}
	if ok, _ := ag.Effective(sigs); !ok {
		return calendar.Date{}, false, nil
	}
	return calendar.DateOf(last), true, nil
}

type referralDue struct {
	start time.Time
	due   calendar.Date
}

func earliestReferral(refs []store.ReferralFlow) (referralDue, bool) {
	var best *store.ReferralFlow
	for i := range refs {
		if refs[i].DueDate != nil && (best == nil || refs[i].DueDate.Before(*best.DueDate)) {
			best = &refs[i]
		}
	}
	if best == nil {
		return referralDue{}, false
	}
	return referralDue{start: best.DueDate.AddDays(-1).Start(), due: *best.DueDate}, true
}

// ReporterNoticeWorkdays is how long after the filing decision a real-name reporter is told (R-L44).
const ReporterNoticeWorkdays = 5

// reporterNoticeClock is R-L44's clock on a report filed or not filed under Order 20 whose
// reporter gave a real name: 5 working days from the decision, met by the notice.
func (s *Service) reporterNoticeClock(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment) (deadline.Deadline, bool, error) {
	if !casework.ReporterNoticeDue(*m) {
		return deadline.Deadline{}, false, nil
	}
	at, err := tx.LastEventAt(ctx, m.ID, casework.File, casework.NotFile)
	if err != nil {
		return deadline.Deadline{}, false, err
	}
	start := m.UpdatedAt
	if at != nil {
		start = *at
	}
	sent, err := tx.ReporterNoticeSent(ctx, m.ID)
	if err != nil {
		return deadline.Deadline{}, false, err
	}
	st := deadline.Running
	if sent != nil {
		st = deadline.Met
	}
	k, err := deadline.Workdays(env.cal, env.set.Clocks, deadline.ReporterNotice, start, ReporterNoticeWorkdays, st)
	return k, true, err
}
