package demo

import (
	"fmt"

	"weiquan/internal/casework"
)

// run takes an intake at its received time and then every planned action whose
// time has come, each at its own time. It returns how many matters it created.
func (f *filler) run(j job) (int, error) {
	f.clk.t = *j.in.ReceivedAt
	ms, err := f.bs.Intake(f.ctx, j.taker, j.in)
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
		for _, s := range steps {
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
			if m, err = f.bs.Act(f.ctx, s.who, m.Number, s.action, in); err != nil {
				return len(ms), fmt.Errorf("demo: %s %s at %s: %w", m.Number, s.action, s.at.Format("2006-01-02 15:04"), err)
			}
		}
	}
	return len(ms), nil
}
