package demo

import (
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// What parties said when they consented by phone, as operators note it (R-L14).
var consentWords = []string{
	"同意由市场监管部门组织调解。",
	"表示愿意调解，希望尽快解决。",
	"同意调解，要求商家到场。",
	"经营者负责人表示同意调解。",
}

// Callback comments, by satisfaction.
var callbackWords = map[int]string{
	5: "对处理结果满意，感谢工作人员。",
	4: "基本满意，退款已收到。",
	3: "结果可以接受，但处理时间有点长。",
	2: "不太满意，赔偿偏少。",
}

// mediate takes one planned step the way the office does it since mediation is recorded in full:
// both parties' consent by phone before mediation starts (R-L14); an agreement with its amount as
// a refund, performed on the spot; its 调解记录 issued before closing (R-L20); the callback with a
// satisfaction after closing (R-L23).
// next is when the matter's next step (or the present) comes; the callback falls before it.
func (f *filler) mediate(m casework.Matter, s step, in casework.ActionInput, next time.Time) (casework.Matter, error) {
	p := as(s.who)
	switch {
	case s.action == casework.StartMediation:
		for i, side := range mediation.Sides {
			f.clk.t = s.at.Add(time.Duration(i) * time.Second)
			if _, err := f.bs.RecordConsent(f.ctx, p, m.Number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
				Method: mediation.ByPhone, Said: consentWords[f.rnd.IntN(len(consentWords))]}); err != nil {
				return m, err
			}
		}
		f.clk.t = s.at.Add(2 * time.Second)
	case s.action == casework.Agree && in.Recovered != nil:
		terms := in.Note
		if terms == "" {
			terms = "经调解，双方自愿达成协议，被投诉人当场履行。"
		}
		ag := mediation.Agreement{Terms: terms, Mode: mediation.OnSite, PerformedOnSpot: true, Recovered: *in.Recovered}
		if *in.Recovered > 0 {
			ag.Amounts = []mediation.Amount{{Kind: mediation.Refund, Amount: *in.Recovered}}
		}
		if _, err := f.bs.RecordAgreement(f.ctx, p, m.Number, ag); err != nil {
			return m, err
		}
		return f.bs.MatterFor(f.ctx, p, m.Number)
	case s.action == casework.Close && m.State == casework.Agreement:
		if _, err := f.bs.IssueDocument(f.ctx, p, m.Number, service.IssueInput{Kind: mediation.MediationRecord}); err != nil {
			return m, err
		}
	}
	m, err := f.bs.Act(f.ctx, p, m.Number, s.action, in)
	if err != nil || s.action != casework.Close || m.Kind != casework.Complaint || m.Outcome != casework.OutcomeAgreement {
		return m, err
	}
	if f.rnd.IntN(10) == 0 {
		return m, nil // not yet called back
	}
	f.clk.t = s.at.Add(min(days(2), next.Sub(s.at)/2))
	if !f.clk.t.After(s.at) {
		return m, nil
	}
	sat := 5 - min(f.rnd.IntN(8), 3) // mostly 5, some 4, a few 3 and 2
	if _, err := f.bs.RecordCallback(f.ctx, p, m.Number, service.CallbackInput{Reached: true, Satisfaction: &sat, Comment: callbackWords[sat]}); err != nil {
		return m, err
	}
	return f.bs.MatterFor(f.ctx, p, m.Number)
}
