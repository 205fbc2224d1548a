package web

import (
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
	"weiquan/internal/service"
)

// medMore is the rest of the mediation panel (issue 9): the facts and their helpers (R-L8,
// R-L46, R-L47), the agent (R-L4), delegation (R-L14), testing (R-L17) and recusal (R-L16).
type medMore struct {
	Facts        mediation.Facts
	Helpers      mediation.Helpers
	Appraisals   []mediation.Appraisal
	Running      *mediation.Appraisal // the test under way
	CanAppraise  bool                 // a test may start: from acceptance, none running
	CanRecuse    bool                 // mediating: a party may apply for a mediator's recusal
	Pending      []mediation.Recusal  // applications not yet decided
	Decided      []mediation.Recusal
	CanDecide    bool // a head decides on recusals
	Delegation   *mediation.Delegation
	CanDelegate  bool
	DelegMissing []mediation.Side // parties whose consent to delegation is missing (Order 121)
	Order20      bool
	Agent        *mediation.Agent
	CanAgent     bool
	IDTypes      []mediation.IDType
	Exclusions   []mediation.Exclusion
	Choosers     []mediation.Chooser
	Payers       []mediation.Payer
	Sides        []mediation.Side
	Open         bool              // the complaint is still being handled
	Val          map[string]string // the facts form's recorded values
	FraudPrice   money.Fen         // the amount in dispute, taken as the price for the fraud helper
	FraudComp    money.Fen         // R-L45: max(3 × price, ¥500)
	CostFail     casework.Reason   // R-L17: the ground when the parties cannot agree on the costs (T4; T2 under Order 20)
}

// handled are the states in which the panel's forms of this file are offered.
var handled = []casework.State{casework.Accepted, casework.Dispatched, casework.OnSite, casework.Mediating, casework.Suspended}

// mediationMore works out the rest of the panel from the mediation file.
func mediationMore(u *auth.User, m casework.Matter, f service.MediationFile, canMediate bool) medMore {
	open := slices.Contains(handled, m.State)
	v := medMore{Facts: f.Facts, Helpers: f.Helpers, Appraisals: f.Appraisals, Agent: f.Agent, Open: open,
		CanDecide: u.Role == auth.Admin || u.Role == auth.Supervisor, Order20: m.RuleSet == casework.Order20,
		IDTypes: mediation.IDTypes, Exclusions: []mediation.Exclusion{mediation.MadeToOrder, mediation.Perishable,
			mediation.DigitalUnsealed, mediation.Periodicals, mediation.ConfirmedAtSale},
		Choosers: []mediation.Chooser{mediation.ChosenByParties, mediation.Designated},
		Payers:   []mediation.Payer{mediation.PaidByRespondent, mediation.PaidByComplainant, mediation.PaidShared, mediation.PaidAsLawSays},
		Sides:    []mediation.Side{mediation.Complainant, mediation.Respondent},
		CanAgent: m.State != casework.Closed}
	v.Val = factValues(f.Facts)
	if m.State == casework.Mediating && canMediate {
		v.CostFail, _ = mediation.AppraisalFailure(m.RuleSet, true)
	}
	if fr := f.Helpers.Fraud; fr != nil { // R-L45
		v.FraudPrice, v.FraudComp = fr.Price, fr.Compensation
	}
	for i := range f.Appraisals {
		if f.Appraisals[i].EndedAt == nil {
			v.Running = &f.Appraisals[i]
		}
	}
	v.CanAppraise = canMediate && open && v.Running == nil
	v.CanRecuse = canMediate && m.State == casework.Mediating
	for _, r := range f.Recusals {
		if r.DecidedAt == nil {
			v.Pending = append(v.Pending, r)
		} else {
			v.Decided = append(v.Decided, r)
		}
	}
	if len(f.Delegations) > 0 {
		v.Delegation = &f.Delegations[0]
	}
	v.CanDelegate = canMediate && open && v.Delegation == nil
	if !v.Order20 {
		v.DelegMissing = mediation.Missing(f.Consents, mediation.ToDelegation)
	}
	return v
}

// factValues are the recorded facts as the form's fields show them.
func factValues(f mediation.Facts) map[string]string {
	out := map[string]string{}
	date := func(k string, d *calendar.Date) {
		if d != nil && !d.IsZero() {
			out[k] = d.String()
		}
	}
	date("known_on", f.KnownOn)
	if f.Override != nil {
		out["override.note"] = f.Override.Note
	}
	if p := f.Purchase; p != nil {
		date("purchase.received_on", &p.ReceivedOn)
		date("purchase.return_received_on", p.ReturnReceivedOn)
	}
	if c := f.Prepaid; c != nil {
		date("prepaid.paid_on", &c.PaidOn)
		date("prepaid.requested_on", &c.RequestedOn)
		out["prepaid.paid"], out["prepaid.consumed"] = c.Paid.String(), c.Consumed.String()
	}
	return out
}
