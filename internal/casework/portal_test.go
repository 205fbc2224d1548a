package casework

import (
	"testing"
	"time"

	"weiquan/internal/auth"
)

func TestSamePhone(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"13800138000", "138 0013 8000", true},
		{"+8613800138000", "13800138000", true},
		{"１３８００１３８０００", "13800138000", true},
		{"13800138000", "13800138001", false},
		{"", "", false},
	} {
		if got := SamePhone(c.a, c.b); got != c.want {
			t.Errorf("SamePhone(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// The consumer proved on the portal may withdraw a complaint until it is concluded, and nothing else.
func TestWithdrawByTheConsumerOnly(t *testing.T) {
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	consumer := Actor{Name: "consumer", Role: auth.ConsumerRole}
	for _, c := range []struct {
		kind  Kind
		state State
		actor Actor
		ok    bool
	}{
		{Complaint, Received, consumer, true},
		{Complaint, Mediating, consumer, true},
		{Complaint, Agreement, consumer, false},
		{Complaint, Closed, consumer, false},
		{Report, Received, consumer, false},
		{Inquiry, Received, consumer, false},
		{Complaint, Received, Actor{Name: "op", Role: auth.Operator}, false},
	} {
		m := Matter{Kind: c.kind, State: c.state}
		_, err := Apply(&m, c.actor, Withdraw, ActionInput{}, now)
		if (err == nil) != c.ok {
			t.Errorf("%s %s by %s: err %v", c.kind, c.state, c.actor.Role, err)
		}
		if c.ok && (m.State != Closed || m.Outcome != OutcomeWithdrawn || m.ClosedAt == nil) {
			t.Errorf("%s %s: withdrawn to %s %s", c.kind, c.state, m.State, m.Outcome)
		}
	}
	// The consumer may take no other action.
	for _, a := range Allowed(Complaint, Received, auth.ConsumerRole) {
		if a != Withdraw {
			t.Errorf("consumer may %s", a)
		}
	}
}
