package demo

import (
	"fmt"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
)

// heads names each station's head — the township's own mediator, the office's
// secretary-general, the centre's judge — who may know the reporters of the
// station's matters (R-L25).
func (f *filler) heads() error {
	set := func(st *dispatch.Station, head auth.User) error {
		id := head.ID
		st.HeadID = &id
		return f.bs.SaveStation(f.ctx, st)
	}
	if err := set(&f.hq, f.supervisors[0]); err != nil {
		return fmt.Errorf("demo: head of %s: %w", f.hq.Name, err)
	}
	if err := set(&f.court, f.judge); err != nil {
		return fmt.Errorf("demo: head of %s: %w", f.court.Name, err)
	}
	for _, tw := range f.towns {
		if err := set(&tw.station, f.mediators[tw.mediator]); err != nil {
			return fmt.Errorf("demo: head of %s: %w", tw.station.Name, err)
		}
	}
	return nil
}

// summaries has the secretary-general approve what the public may read of the
// latest settled complaints (Open311), in the office's words, never the consumer's.
func (f *filler) summaries() error {
	f.clk.t = f.now
	q, err := f.svc.ListFilter(f.ctx, map[string][]string{"kind": {"complaint"}, "outcome": {"agreement"}}, nil)
	if err != nil {
		return err
	}
	ms, _, err := f.svc.Matters(f.ctx, auth.System, q.Page(20, 0))
	if err != nil {
		return err
	}
	sup := f.supervisors[0]
	for _, m := range ms {
		kind := map[casework.Category]string{casework.Goods: "商品", casework.Services: "服务"}[m.Category]
		if kind == "" {
			kind = "消费"
		}
		text := fmt.Sprintf("消费者反映与%s之间的%s纠纷，经调解双方达成协议，为消费者挽回经济损失%s元。", m.MerchantName, kind, m.Recovered.String())
		if _, err := f.bs.Act(f.ctx, auth.As(&sup), m.Number, casework.PublishSummary, casework.ActionInput{Summary: text}); err != nil {
			return fmt.Errorf("demo: summary of %s: %w", m.Number, err)
		}
	}
	return nil
}
