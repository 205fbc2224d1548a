package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/mask"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// MediationFile is everything on record about a complaint's mediation, for the case page and the API.
type MediationFile struct {
	Agent        *mediation.Agent          `json:"agent,omitempty"`
	Consents     []mediation.Consent       `json:"consents"`
	Missing      []mediation.Side          `json:"consent_missing"`
	Delegations  []mediation.Delegation    `json:"delegations"`
	Sessions     []mediation.Session       `json:"sessions"`
	Notices      []store.SessionNotice     `json:"session_notices"`
	Declarations []mediation.Declaration   `json:"declarations"`
	Recusals     []mediation.Recusal       `json:"recusals"`
	Referrals    []mediation.Referral      `json:"referrals"`
	Agreement    *mediation.Agreement      `json:"agreement,omitempty"`
	Signatures   []mediation.Signature     `json:"signatures"`
	Effective    bool                      `json:"effective"`
	Unsigned     []string                  `json:"unsigned,omitempty"`
	Required     mediation.Document        `json:"required_document,omitempty"`
	Documents    []store.DocumentRow       `json:"documents"`
	Answer       *mediation.MerchantAnswer `json:"merchant_answer,omitempty"`
	Callback     *mediation.Callback       `json:"callback,omitempty"`
	Appraisals   []mediation.Appraisal     `json:"appraisals"`                  // R-L17
	Facts        mediation.Facts           `json:"facts"`                       // R-L8, R-L46, R-L47
	Helpers      mediation.Helpers         `json:"helpers"`                     // what the facts come to today
	Codes        []mediation.Challenge     `json:"consent_codes"`               // R-L14: one-time codes a party may still read back
	Offer        *mediation.Offer          `json:"termination_offer,omitempty"` // R-L18: the period ran out, T5 may end it
	Declined     *OfferDeclined            `json:"offer_declined,omitempty"`    // the complainant turned the merchant's offer down on the portal
}

// OfferDeclined is the complainant's refusal of the merchant's offer on the portal, as staff
// read it on the mediation panel: when, and their reason if they gave one.
type OfferDeclined struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// Mediation reads a complaint's mediation file for staff who may see it.
func (s *Service) Mediation(ctx context.Context, p auth.Principal, number string) (f MediationFile, err error) {
	if !p.Staff() {
		return f, ErrForbidden
	}
	_, m, sg, err := s.matterFor(ctx, p, number)
	if err != nil {
		return f, err
	}
	defer func() { // lists answer [] rather than null
		f.Consents, f.Missing, f.Delegations, f.Sessions = orEmpty(f.Consents), orEmpty(f.Missing), orEmpty(f.Delegations), orEmpty(f.Sessions)
		f.Notices, f.Declarations, f.Recusals, f.Referrals = orEmpty(f.Notices), orEmpty(f.Declarations), orEmpty(f.Recusals), orEmpty(f.Referrals)
		f.Signatures, f.Documents, f.Appraisals, f.Codes = orEmpty(f.Signatures), orEmpty(f.Documents), orEmpty(f.Appraisals), orEmpty(f.Codes)
		for i := range f.Sessions {
			f.Sessions[i].Mediators = orEmpty(f.Sessions[i].Mediators)
		}
	}()
	id := m.ID
	steps := []func() error{
		func() (err error) { f.Agent, err = s.store.Agent(ctx, id); return },
		func() (err error) { f.Consents, err = s.store.Consents(ctx, id); return },
		func() (err error) { f.Delegations, err = s.store.Delegations(ctx, id); return },
		func() (err error) { f.Sessions, err = s.store.Sessions(ctx, id); return },
		func() (err error) { f.Notices, err = s.store.SessionNotices(ctx, id); return },
		func() (err error) { f.Declarations, err = s.store.Declarations(ctx, id); return },
		func() (err error) { f.Recusals, err = s.store.Recusals(ctx, id); return },
		func() (err error) { f.Referrals, err = s.store.Referrals(ctx, id); return },
		func() (err error) { f.Agreement, err = s.store.Agreement(ctx, id); return },
		func() (err error) { f.Documents, err = s.store.Documents(ctx, id); return },
		func() (err error) { f.Answer, err = s.store.Answer(ctx, id); return },
		func() (err error) { f.Callback, err = s.store.Callback(ctx, id); return },
		func() (err error) { f.Appraisals, err = s.store.Appraisals(ctx, id); return },
		func() (err error) { f.Facts, err = s.store.Facts(ctx, id); return },
		func() (err error) { f.Codes, err = s.store.OpenChallenges(ctx, id, s.now()); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return f, err
		}
	}
	if f.Answer != nil && f.Answer.Kind == mediation.OfferSettle {
		d, err := s.store.OfferDecline(ctx, f.Answer.ID)
		if err != nil {
			return f, err
		}
		if d != nil {
			f.Declined = &OfferDeclined{At: d.DeclinedAt, Reason: d.Reason}
		}
	}
	f.Missing = mediation.Missing(f.Consents, mediation.ToMediation)
	if f.Agent != nil && !sg.Personal { // the agent's identity as the consumer's (R-P5)
		f.Agent.IDNumber, f.Agent.Phone = mask.IDNumber(f.Agent.IDNumber), mask.Phone(f.Agent.Phone)
	}
	f.Helpers = mediation.HelpersFor(m, f.Facts, calendar.DateOf(s.now()))
	if m.State == casework.Mediating {
		if f.Offer, err = s.terminationOffer(ctx, m); err != nil {
			return f, err
		}
	}

	if f.Agreement != nil {
		sigs, err := s.store.Signatures(ctx, f.Agreement.ID, false)
		if err != nil {
			return f, err
		}
		for _, sg := range sigs {
			f.Signatures = append(f.Signatures, sg.Signature)
		}
		f.Effective, f.Unsigned = f.Agreement.Effective(f.Signatures)
		f.Required = f.Agreement.RequiredDocument()
	}
	return f, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// terminationOffer is the T5 termination the mediator is offered once the mediation period ran
// out with the clock running (R-L18) — offered, never taken by the system.
func (s *Service) terminationOffer(ctx context.Context, m casework.Matter) (*mediation.Offer, error) {
	rows, err := s.store.MatterDeadlines(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Kind != deadline.Mediation || r.MetAt != nil || r.CancelledAt != nil || r.Status == deadline.Paused {
			continue
		}
		d := r.Deadline
		d.Status = deadline.Running // a breached one is still the period that ran out
		if o, ok := mediation.OfferTermination(m, d, s.now()); ok {
			return &o, nil
		}
	}
	return nil, nil
}
