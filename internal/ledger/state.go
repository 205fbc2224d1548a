package ledger

import (
	"slices"
	"time"

	"weiquan/internal/casework"
)

// kindStates and kindClosing are read once from the state machine.
var kindStates, kindClosing = func() (map[casework.Kind][]casework.State, map[casework.Kind][]casework.Outcome) {
	st, cl := map[casework.Kind][]casework.State{}, map[casework.Kind][]casework.Outcome{}
	for _, k := range casework.Kinds {
		st[k], cl[k] = machineStates(k), machineClosing(k)
	}
	return st, cl
}()

// statesOf lists the states a matter of kind k passes through.
func statesOf(k casework.Kind) []casework.State { return kindStates[k] }

// closingOutcomes lists the outcomes a closed matter of kind k may have.
func closingOutcomes(k casework.Kind) []casework.Outcome { return kindClosing[k] }

func machineStates(k casework.Kind) []casework.State {
	out := []casework.State{casework.Received}
	for _, t := range casework.Machine {
		if t.Kind != k {
			continue
		}
		for _, s := range append(slices.Clone(t.From), t.To) {
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// machineClosing lists the outcomes of the states the machine closes a matter of kind k from.
func machineClosing(k casework.Kind) []casework.Outcome {
	var out []casework.Outcome
	for _, t := range casework.Machine {
		if t.Kind == k && t.Action == casework.Close {
			for _, s := range t.From {
				if o := outcomeOf(s); o != "" {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// outcomeOf is the outcome a state records; the states that end handling share the outcome's name.
func outcomeOf(s casework.State) casework.Outcome {
	o := casework.Outcome(s)
	if o != "" && o.Valid() {
		return o
	}
	return ""
}

// settle decides where a historical matter stands from what the ledger says:
// its status, outcome and whether it has a closing time. It returns the state
// and outcome to store, or the code and column of the contradiction.
func settle(k casework.Kind, status casework.State, outcome casework.Outcome, hasClosedAt bool) (casework.State, casework.Outcome, string, string) {
	if status == "" {
		switch {
		case hasClosedAt:
			status = casework.Closed
		case outcome != "":
			status = casework.State(outcome)
		default:
			status = casework.Received
		}
	}
	if !slices.Contains(statesOf(k), status) {
		return "", "", "status_kind", Status
	}
	if status == casework.Closed {
		if outcome == "" && k == casework.Inquiry {
			outcome = casework.OutcomeAnswered
		}
		switch {
		case outcome == "":
			return "", "", "outcome_required", Outcome
		case !slices.Contains(closingOutcomes(k), outcome):
			return "", "", "outcome_kind", Outcome
		case !hasClosedAt:
			return "", "", "closed_at_required", ClosedAt
		}
		return status, outcome, "", ""
	}
	if hasClosedAt {
		return "", "", "closed_at_open", ClosedAt
	}
	want := outcomeOf(status)
	if outcome == "" {
		outcome = want
	}
	if outcome != want {
		return "", "", "status_outcome", Outcome
	}
	return status, outcome, "", ""
}

// Matter builds the matter a record imports as, at time now. Area, merchant,
// number and ids are the caller's to set.
func (r *Record) Matter(now time.Time) casework.Matter {
	return casework.Matter{
		Kind: r.Kind, Channel: r.Channel, State: r.State, Outcome: r.Outcome,
		RuleSet: casework.RuleSetFor(r.ReceivedAt), ReceivedAt: r.ReceivedAt, CreatedAt: now, UpdatedAt: now,
		ClosedAt: r.ClosedAt, Version: 1,
		Consumer:     casework.Party{Name: r.ConsumerName, Phone: r.ConsumerPhone},
		MerchantName: r.MerchantName, Category: r.Category, Subcategory: r.Subcategory,
		AmountInDispute: r.AmountInDispute, Recovered: r.Recovered, Consumers: 1,
		Facts: r.Facts, Request: r.Request, SourceID: r.SourceID,
	}
}
