package mediation

import (
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/deadline"
)

// Offer is a termination the mediator is offered, never one the system takes: at the breach
// of the mediation period the mediator may end it with T5, or keep going (R-L18).
type Offer struct {
	Action casework.Action `json:"action"` // casework.Terminate
	Reason casework.Reason `json:"reason"` // T5 of the matter's rule set
	DueAt  time.Time       `json:"due_at"` // when the period ran out
}

// OfferTermination says whether to offer terminating mediation with T5 at time now, given the
// matter's mediation deadline as deadline.Compute returns it: only while the matter is being
// mediated, the clock running (not paused), and its due instant passed (R-L18). Order 20's T5
// is 45 working days, Order 121's 60 days; the deadline already counts the right one.
func OfferTermination(m casework.Matter, d deadline.Deadline, now time.Time) (Offer, bool) {
	if m.Kind != casework.Complaint || m.State != casework.Mediating {
		return Offer{}, false
	}
	if d.Kind != deadline.Mediation || d.Status != deadline.Running || d.DueAt == nil || now.Before(*d.DueAt) {
		return Offer{}, false
	}
	r, ok := casework.FindReason(casework.TerminateReasons(m.RuleSet), "T5")
	if !ok {
		return Offer{}, false
	}
	return Offer{Action: casework.Terminate, Reason: r, DueAt: *d.DueAt}, true
}
