package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Chooser says who picked the testing or appraisal agency (R-L17).
type Chooser string

// Choosers. The bureau may designate an agency only under Order 121 (Art.22, new).
const (
	ChosenByParties Chooser = "parties"
	Designated      Chooser = "designated"
)

// Payer says who bears the cost of testing, as the parties agreed (Order 121 Art.22).
type Payer string

// Payers.
const (
	PaidByComplainant Payer = "complainant"
	PaidByRespondent  Payer = "respondent"
	PaidShared        Payer = "shared"
	PaidAsLawSays     Payer = "by_law" // "unless law provides otherwise"
)

var payers = []Payer{PaidByComplainant, PaidByRespondent, PaidShared, PaidAsLawSays}

// Appraisal is one testing, inspection or appraisal (检测、检验、鉴定) of a complaint. It may start
// from acceptance, not only while mediating, and the mediation clock stands still from its start
// to its end (R-L17).
type Appraisal struct {
	ID         int64      `json:"id"`
	MatterID   int64      `json:"matter_id"`
	Agency     string     `json:"agency"`
	ChosenBy   Chooser    `json:"chosen_by"`
	Cost       money.Fen  `json:"cost"`
	Payer      Payer      `json:"payer"`
	CostAgreed bool       `json:"cost_agreed"` // both parties agreed on the costs
	StartedAt  time.Time  `json:"started_at"`
	EndedAt    *time.Time `json:"ended_at,omitempty"`
	Result     string     `json:"result,omitempty"`
}

// appraisalStates are where a complaint may be sent for testing: from acceptance on, while handled.
var appraisalStates = []casework.State{casework.Accepted, casework.Dispatched, casework.OnSite, casework.Mediating, casework.Suspended}

// ValidateStart checks an appraisal about to start on a matter at time now, given the ones it
// already has: one at a time, the agency named, who chose it allowed under the rule set, and
// the costs agreed — without that agreement mediation ends instead (see AppraisalFailure).
func (a *Appraisal) ValidateStart(m casework.Matter, existing []Appraisal, now time.Time) error {
	var errs invalid.Errors
	a.Agency = strings.TrimSpace(a.Agency)
	if m.Kind != casework.Complaint || !slices.Contains(appraisalStates, m.State) {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	for _, e := range existing {
		if e.EndedAt == nil {
			errs.Add("started_at", Already)
			break
		}
	}
	errs.Need("agency", a.Agency)
	errs.MaxLen("agency", a.Agency, 200)
	switch a.ChosenBy {
	case ChosenByParties:
	case Designated:
		if m.RuleSet == casework.Order20 {
			errs.Add("chosen_by", RuleSetOnly, "rule_set", string(casework.Order121))
		}
	default:
		errs.Add("chosen_by", invalid.OneOf, "values", "parties, designated")
	}
	if a.Cost < 0 {
		errs.Add("cost", invalid.Negative)
	}
	if !slices.Contains(payers, a.Payer) {
		errs.Add("payer", invalid.OneOf, "values", "complainant, respondent, shared, by_law")
	}
	if !a.CostAgreed {
		errs.Add("cost_agreed", invalid.Required)
	}
	if a.StartedAt.IsZero() {
		a.StartedAt = now
	}
	if a.StartedAt.After(now) {
		errs.Add("started_at", invalid.Future)
	}
	if m.AcceptedAt != nil && a.StartedAt.Before(*m.AcceptedAt) {
		errs.Add("started_at", WrongState, "state", string(casework.Received))
	}
	return errs.Err()
}

// ValidateEnd checks the end of a running appraisal at time end, with its result.
func (a *Appraisal) ValidateEnd(end, now time.Time, result string) error {
	var errs invalid.Errors
	result = strings.TrimSpace(result)
	switch {
	case a.EndedAt != nil:
		errs.Add("ended_at", Already)
	case end.Before(a.StartedAt):
		errs.Add("ended_at", invalid.BeforeStart)
	case end.After(now):
		errs.Add("ended_at", invalid.Future)
	}
	errs.Need("result", result)
	errs.MaxLen("result", result, 4000)
	if err := errs.Err(); err != nil {
		return err
	}
	a.EndedAt, a.Result = &end, result
	return nil
}

// Pause is the stretch the appraisal stops the mediation clock (R-L17), for deadline.Facts.
func (a Appraisal) Pause() deadline.Pause {
	return deadline.Pause{Reason: casework.PauseTesting, From: a.StartedAt, To: a.EndedAt}
}

// AppraisalFailure is what happens when the parties cannot agree on the agency or on its costs
// (R-L17): under Order 121 the bureau designates an agency (no termination), and disagreement on
// costs ends mediation with T4; under Order 20 either disagreement ends it with T2. It returns
// the termination ground, or ok=false when mediation goes on.
func AppraisalFailure(rs casework.RuleSet, onCost bool) (reason casework.Reason, ok bool) {
	code := ""
	switch {
	case rs == casework.Order20:
		code = "T2"
	case onCost:
		code = "T4"
	default:
		return casework.Reason{}, false
	}
	r, _ := casework.FindReason(casework.TerminateReasons(rs), code)
	return r, true
}

// Pauses joins the pauses of a matter — appraisals and recusals — into the stretches the
// mediation clock stood still, overlaps merged so that no day is counted twice (R-L16, R-L17).
// An open pause swallows every later one; the result is sorted by start.
func Pauses(ps ...deadline.Pause) []deadline.Pause {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b deadline.Pause) int { return a.From.Compare(b.From) })
	var out []deadline.Pause
	for _, p := range ps {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.To == nil || !p.From.After(*last.To) {
				if last.To != nil && (p.To == nil || p.To.After(*last.To)) {
					last.To = p.To
				}
				if last.Reason != p.Reason && !strings.Contains(last.Reason, p.Reason) {
					last.Reason += "+" + p.Reason
				}
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
