package deadline

import (
	"slices"
	"testing"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

// TestMediationClocks_C12_R_L15 holds the clocks of mediation to their rules: the merchant's
// answer runs 10 working days from acceptance (C12, over the Dragon Boat holiday), is met by the
// answer and cancelled when the complaint ends; the session notice is due at the end of the day
// before; the fulfilment date ends its clock and the record meets it.
func TestMediationClocks_C12_R_L15(t *testing.T) {
	mer := int64(9)
	accepted := func(state casework.State) casework.Matter {
		m := complaint(t, "2026-06-16 09:00")
		acc := at(t, "2026-06-16 10:00")
		m.AcceptedAt, m.State, m.MerchantID = &acc, state, &mer
		return m
	}
	due := calendar.Date{Year: 2026, Month: 7, Day: 1}
	cases := []struct {
		name   string
		f      Facts
		set    func(*Settings)
		kind   Kind
		status Status
		dueDay string
	}{
		{"answer: 10 working days, 06-19 the Dragon Boat festival off", Facts{Matter: accepted(casework.Accepted)}, nil, MerchantAnswer, Running, "2026-07-01"},
		{"answer given", Facts{Matter: accepted(casework.Mediating), AnsweredAt: ptr(at(t, "2026-06-18 10:00"))}, nil, MerchantAnswer, Met, "2026-07-01"},
		{"complaint ended unanswered", Facts{Matter: accepted(casework.Terminated)}, nil, MerchantAnswer, Cancelled, "2026-07-01"},
		{"answer: the office sets 5 working days", Facts{Matter: accepted(casework.Accepted)}, func(s *Settings) { s.MerchantAnswerWorkdays = 5 }, MerchantAnswer, Running, "2026-06-24"},
		{"answer clock switched off", Facts{Matter: accepted(casework.Accepted)}, func(s *Settings) { s.MerchantAnswerWorkdays = 0 }, MerchantAnswer, "", ""},
		{"session notice due the day before", Facts{Matter: accepted(casework.Mediating), Session: &SessionFacts{ScheduledAt: at(t, "2026-06-17 09:00"),
			NoticeBy: calendar.DueAt(calendar.Date{Year: 2026, Month: 6, Day: 21})}}, nil, SessionNotice, Running, "2026-06-21"},
		{"fulfilment by its date", Facts{Matter: accepted(casework.Agreement), Agreement: &AgreementFact{AgreedAt: at(t, "2026-06-20 10:00"), DueDate: due}}, nil, Fulfilment, Running, "2026-07-01"},
		{"fulfilment recorded", Facts{Matter: accepted(casework.Closed), Agreement: &AgreementFact{AgreedAt: at(t, "2026-06-20 10:00"), DueDate: due,
			FulfilledAt: ptr(at(t, "2026-06-25 10:00"))}}, nil, Fulfilment, Met, "2026-07-01"},
	}
	for _, c := range cases {
		set := DefaultSettings()
		if c.set != nil {
			c.set(&set)
		}
		ds, err := Compute(c.f, cal(t), set)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ds, func(d Deadline) bool { return d.Kind == c.kind })
		if c.status == "" {
			if i >= 0 {
				t.Errorf("%s: %+v, want no clock", c.name, ds[i])
			}
			continue
		}
		if i < 0 || ds[i].Status != c.status || ds[i].DueDate.String() != c.dueDay {
			t.Errorf("%s: %+v, want %s due %s", c.name, ds, c.status, c.dueDay)
		}
	}
}
