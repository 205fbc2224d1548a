package mediation

import (
	"slices"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Facts are what staff record about a complaint for the case page's helpers: the day the
// complainant knew of the infringement (R-L8) and an override of the three-year suggestion,
// the purchase (return windows, R-L46) and, for a prepaid card, the card (R-L47).
type Facts struct {
	KnownOn  *calendar.Date `json:"known_on,omitempty"`
	Override *Override      `json:"override,omitempty"`
	Purchase *Purchase      `json:"purchase,omitempty"`
	Prepaid  *Prepaid       `json:"prepaid,omitempty"`
}

// Helpers are what the case page shows from the facts, worked out on a day.
type Helpers struct {
	Limitation *Limitation    `json:"limitation,omitempty"` // R-L8, while the acceptance is being decided or later
	Returns    []ReturnWindow `json:"returns,omitempty"`    // R-L46
	Prepaid    *PrepaidView   `json:"prepaid,omitempty"`    // R-L47
	Fraud      *FraudHelper   `json:"fraud,omitempty"`      // R-L45, on a complaint's amount in dispute
}

// FraudHelper is what CRPL Art.55 would add for fraud on the price in dispute (R-L45): three
// times the price, at least ¥500 — beside the agreement's compensation, a suggestion only;
// shown once the complaint names an amount in dispute.
type FraudHelper struct {
	Price        money.Fen `json:"price"`
	Compensation money.Fen `json:"compensation"`
}

var exclusions = []Exclusion{MadeToOrder, Perishable, DigitalUnsealed, Periodicals, ConfirmedAtSale}

// Validate checks the facts of a complaint received on day received, recorded on day today:
// no day in the future, none before the purchase it follows, amounts not negative, an override
// naming its law (R-L8), a fault one of two (R-L47).
func (f *Facts) Validate(m casework.Matter, today calendar.Date) error {
	var errs invalid.Errors
	if m.Kind != casework.Complaint {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	future := func(field string, d *calendar.Date) {
		if d != nil && !d.IsZero() && d.After(today) {
			errs.Add(field, invalid.Future)
		}
	}
	future("known_on", f.KnownOn)
	if o := f.Override; o != nil {
		if err := o.Validate(); err != nil {
			e, _ := invalid.As(err)
			for _, x := range e {
				errs = append(errs, invalid.Field{Field: "override." + x.Field, Code: x.Code, Args: x.Args})
			}
		}
	}
	if p := f.Purchase; p != nil {
		if p.ReceivedOn.IsZero() {
			errs.Add("purchase.received_on", invalid.Required)
		}
		future("purchase.received_on", &p.ReceivedOn)
		future("purchase.return_received_on", p.ReturnReceivedOn)
		if p.ReturnReceivedOn != nil && p.ReturnReceivedOn.Before(p.ReceivedOn) {
			errs.Add("purchase.return_received_on", invalid.Conflict)
		}
		if p.Excluded != "" && !slices.Contains(exclusions, p.Excluded) {
			errs.Add("purchase.excluded", invalid.OneOf, "values", "made_to_order, perishable, digital_unsealed, periodicals, confirmed")
		}
	}
	if c := f.Prepaid; c != nil {
		c.RefundClause, c.AgreedRate = strings.TrimSpace(c.RefundClause), strings.TrimSpace(c.AgreedRate)
		errs.MaxLen("prepaid.refund_clause", c.RefundClause, 2000)
		errs.MaxLen("prepaid.agreed_rate", c.AgreedRate, 100)
		if c.PaidOn.IsZero() {
			errs.Add("prepaid.paid_on", invalid.Required)
		}
		future("prepaid.paid_on", &c.PaidOn)
		future("prepaid.requested_on", &c.RequestedOn)
		if !c.RequestedOn.IsZero() && c.RequestedOn.Before(c.PaidOn) {
			errs.Add("prepaid.requested_on", invalid.Conflict)
		}
		if c.Paid < 0 {
			errs.Add("prepaid.paid", invalid.Negative)
		}
		if c.Consumed < 0 {
			errs.Add("prepaid.consumed", invalid.Negative)
		}
		if c.Fault != "" && c.Fault != BusinessFault && c.Fault != ConsumerFault {
			errs.Add("prepaid.fault", invalid.OneOf, "values", "business, consumer")
		}
	}
	return errs.Err()
}

// HelpersFor works out what the case page shows for a complaint's facts on day today: the
// three-year suggestion unless overridden (R-L8), the return windows (R-L46) and the prepaid
// card's refund, interest and notice (R-L47).
func HelpersFor(m casework.Matter, f Facts, today calendar.Date) Helpers {
	var h Helpers
	if f.KnownOn != nil && f.Override == nil {
		l := LimitationFor(m.RuleSet, f.KnownOn, calendar.DateOf(m.ReceivedAt))
		if l.Suggest {
			h.Limitation = &l
		}
	}
	if f.Purchase != nil {
		h.Returns = ReturnWindows(*f.Purchase, today)
	}
	if f.Prepaid != nil {
		v := PrepaidFor(*f.Prepaid)
		h.Prepaid = &v
	}
	if m.Kind == casework.Complaint && m.AmountInDispute > 0 {
		h.Fraud = &FraudHelper{Price: m.AmountInDispute, Compensation: FraudCompensation(m.AmountInDispute)}
	}
	return h
}
