package demo

import (
	"fmt"
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
)

// run takes an intake at its received time and then every planned action whose
// time has come, each at its own time. It returns how many matters it created.
func (f *filler) run(j job) (int, error) {
	f.clk.t = *j.in.ReceivedAt
	ms, err := f.bs.Intake(f.ctx, as(j.taker), j.in)
	if err != nil {
		return 0, fmt.Errorf("demo: intake received %s: %w", j.in.ReceivedAt.Format("2006-01-02 15:04"), err)
	}
	if j.record != nil {
		*j.record = ms[0].Number
	}
	if len(ms) != len(j.plans) {
		return len(ms), fmt.Errorf("demo: intake made %d matters, planned %d", len(ms), len(j.plans))
	}
	for i, m := range ms {
		steps := j.plans[i]
		if i == 0 && j.cut >= 0 {
			steps = steps[:j.cut]
		}
		steps = f.withDuties(j, steps)
		for k, s := range steps {
			next := f.now
			if k+1 < len(steps) && steps[k+1].at.Before(next) {
				next = steps[k+1].at
			}
			if s.at.After(f.now) {
				break
			}
			f.clk.t = s.at
			in := s.in
			if s.into != nil {
				in.Into = *s.into
			}
			switch {
			case s.term != nil && m.RuleSet == casework.Order20:
				in.ReasonCode = s.term.code20
			case s.term != nil:
				in.ReasonCode = s.term.code121
			case s.ground > 0 && m.RuleSet == casework.Order20:
				in.ReasonCode = fmt.Sprintf("R15-%d", s.ground)
			case s.ground > 0:
				in.ReasonCode = fmt.Sprintf("R16-%d", s.ground)
			}
			if m, err = f.mediate(m, s, in, next); err != nil {
				return len(ms), fmt.Errorf("demo: %s %s at %s: %w", m.Number, s.action, s.at.Format("2006-01-02 15:04"), err)
			}
		}
	}
	return len(ms), nil
}

// withDuties adds the duties the clocks expect of the office besides the planned
// handling: the reply to the 12345 centre (R-L27) and telling both parties that
// mediation ended (R-L19), each a little while after what calls for it.
func (f *filler) withDuties(j job, steps []step) []step {
	var extra []step
	if j.in.Channel == casework.Transfer12345 {
		at := f.office(j.in.ReceivedAt.Add(f.between(2*time.Hour, days(2))))
		extra = append(extra, step{at: at, who: f.operator(j.taker), action: casework.Reply12345,
			in: casework.ActionInput{Note: "已通过12345工单系统回复受理情况和承办单位。"}})
	}
	for _, s := range steps {
		if s.action == casework.Terminate {
			at := f.office(s.at.Add(f.between(time.Hour, days(3))))
			extra = append(extra, step{at: at, who: s.who, action: casework.NotifyParties,
				in: casework.ActionInput{Note: "已电话告知双方终止调解的理由，并告知可依法通过仲裁、诉讼等途径解决。"}})
		}
	}
	if len(extra) == 0 {
		return steps
	}
	out := append(slices.Clone(steps), extra...)
	slices.SortStableFunc(out, func(a, b step) int { return a.at.Compare(b.at) })
	return out
}

// as is the principal a demo step acts as: its person, or the office's own tooling for
// what the public sent through the web.
func as(u *auth.User) auth.Principal {
	if u == nil {
		return auth.System
	}
	return auth.As(u)
}
