package mediation

import (
	"testing"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
)

func calFor(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestOfferTermination_R_L18: at the breach of the mediation period the mediator is offered T5;
// nothing is offered before it, while the clock is paused, or once mediation ended — and the
// matter itself never changes (the offer is only an offer).
func TestOfferTermination_R_L18(t *testing.T) {
	cal := calFor(t)
	clock := func(m casework.Matter, pauses ...deadline.Pause) deadline.Deadline {
		ds, err := deadline.Compute(deadline.Facts{Matter: m, Pauses: pauses}, cal, deadline.DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		return *find(ds, deadline.Mediation)
	}
	// Accepted 2026-05-07 under Order 121: 60 days → due 2026-07-06, missed from 2026-07-07 00:00.
	m121 := complaint(t, casework.Mediating)
	// Order 20: 45 working days from 2026-05-07 → due 2026-07-09.
	m20 := order20(t, casework.Mediating)
	open := deadline.Pause{Reason: casework.PauseTesting, From: at(t, "2026-06-01 09:00")}
	suspended := complaint(t, casework.Suspended)
	cases := []struct {
		name string
		m    casework.Matter
		d    deadline.Deadline
		now  string
		want string
	}{
		{"Order 121, the last day", m121, clock(m121), "2026-07-06 23:59", ""},
		{"Order 121, breached: T5 (60 days)", m121, clock(m121), "2026-07-07 00:00", "T5"},
		{"Order 20, the last working day", m20, clock(m20), "2026-07-09 23:59", ""},
		{"Order 20, breached: T5 (45 working days)", m20, clock(m20), "2026-07-10 00:00", "T5"},
		{"paused for testing: no breach", suspended, clock(suspended, open), "2026-08-01 09:00", ""},
		{"agreement reached", complaint(t, casework.Agreement), clock(complaint(t, casework.Agreement)), "2026-08-01 09:00", ""},
		{"accepted, not mediating: nothing to terminate", complaint(t, casework.Accepted), clock(complaint(t, casework.Accepted)), "2026-08-01 09:00", ""},
	}
	for _, c := range cases {
		before := c.m
		o, ok := OfferTermination(c.m, c.d, at(t, c.now))
		if ok != (c.want != "") || o.Reason.Code != c.want {
			t.Errorf("%s: %+v %v, want %q (due %v)", c.name, o, ok, c.want, c.d.DueAt)
		}
		if ok && o.Action != casework.Terminate {
			t.Errorf("%s: action %s", c.name, o.Action)
		}
		if c.m.State != before.State || c.m.Outcome != before.Outcome {
			t.Errorf("%s: the matter changed", c.name)
		}
	}
	if d := clock(m20); d.DueDate.String() != "2026-07-09" {
		t.Errorf("Order 20 due %s (check the case above)", d.DueDate)
	}
}
