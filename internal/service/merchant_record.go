package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/store"
)

// AlertRepeatOffender tells staff that a merchant crossed the repeat-offender threshold.
const AlertRepeatOffender = "repeat_offender"

// MerchantRecord is a merchant's record for staff: its complaints over a period, by month,
// mediation success, money recovered, whether it is a repeat offender, its titles and listings.
type MerchantRecord struct {
	From, To       calendar.Date      `json:"-"`
	Period         credit.Period      `json:"period"`
	Figures        credit.Figures     `json:"figures"`
	Months         []credit.Month     `json:"months"`
	Recent         int                `json:"recent_complaints"` // in the repeat-offender window to today
	RepeatOffender bool               `json:"repeat_offender"`
	MissedAnswers  int                `json:"missed_answers"` // complaints of the period whose answer deadline passed unanswered (C12)
	Rules          credit.RecordRules `json:"rules"`
	Honours        []credit.Honour    `json:"honours"`
	Listings       []credit.Listing   `json:"listings"`
}

// MerchantRecordOf reads a merchant's record over [from, to] (Shanghai days), for staff.
func (s *Service) MerchantRecordOf(ctx context.Context, p auth.Principal, merchantID int64, from, to calendar.Date) (MerchantRecord, error) {
	if !p.System && !p.Staff() {
		return MerchantRecord{}, ErrForbidden
	}
	m, err := s.store.Merchant(ctx, merchantID)
	if err != nil {
		return MerchantRecord{}, err
	}
	set, err := s.CreditSettings(ctx, auth.System)
	if err != nil {
		return MerchantRecord{}, err
	}
	r := MerchantRecord{Period: credit.Period{Name: from.String() + "–" + to.String(), From: from, To: to}, Rules: set.Record,
		Figures: credit.Figures{MerchantID: m.ID, Merchant: m.Name}}
	lo, hi := from.Start(), to.AddDays(1).Start()
	figs, err := s.store.MerchantFigures(ctx, lo, hi, &merchantID)
	if err != nil {
		return r, err
	}
	if len(figs) == 1 {
		r.Figures = figs[0]
	}
	if r.Months, err = s.store.MerchantMonths(ctx, merchantID, lo, hi); err != nil {
		return r, err
	}
	if r.MissedAnswers, err = s.store.MissedAnswersIn(ctx, merchantID, lo, hi); err != nil {
		return r, err
	}
	now := s.now()
	recent, err := s.store.MerchantFigures(ctx, now.AddDate(0, 0, -set.Record.RepeatWindowDays), now.Add(time.Second), &merchantID)
	if err != nil {
		return r, err
	}
	if len(recent) == 1 {
		r.Recent = recent[0].Complaints
	}
	r.RepeatOffender = set.Record.RepeatOffender(r.Recent)
	if r.Honours, err = s.store.Honours(ctx, store.HonourFilter{MerchantID: &merchantID}); err != nil {
		return r, err
	}
	if r.Listings, err = s.store.Listings(ctx, store.ListingFilter{MerchantID: &merchantID}); err != nil {
		return r, err
	}
	return r, nil
}

// repeatOffender raises one standing alert when a complaint takes its merchant to the
// repeat-offender threshold within the window.
func (s *Service) repeatOffender(ctx context.Context, tx *store.Tx, m *casework.Matter, now time.Time) error {
	if m.Kind != casework.Complaint || m.MerchantID == nil {
		return nil
	}
	set, err := creditSettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	n, err := tx.MerchantComplaintsSince(ctx, *m.MerchantID, m.ReceivedAt.AddDate(0, 0, -set.Record.RepeatWindowDays))
	if err != nil || !set.Record.RepeatOffender(n) {
		return err
	}
	payload := map[string]any{"merchant_id": *m.MerchantID, "merchant": m.MerchantName}
	if dup, err := tx.UnreadAlertExists(ctx, AlertRepeatOffender, payload); err != nil || dup {
		return err
	}
	id := m.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertRepeatOffender, MatterID: &id, StationID: m.StationID, CreatedAt: now, Payload: payload})
}

// Disclosure is the per-merchant figures of one period as published (R-L29).
type Disclosure struct {
	Period    credit.Period    `json:"period"`
	Fields    []string         `json:"fields"`
	Merchants []map[string]any `json:"merchants"`
}

// MerchantDisclosure is the public disclosure of complaint figures per merchant: the latest
// period published under the rules, only the configured fields, only merchants with enough
// complaints. The public gets that; staff may ask for the period holding any day (on) and
// see every field. It is what the portal renders.
func (s *Service) MerchantDisclosure(ctx context.Context, p auth.Principal, on *calendar.Date) (Disclosure, error) {
	set, err := s.CreditSettings(ctx, auth.System)
	if err != nil {
		return Disclosure{}, err
	}
	rules := set.Disclosure
	staff := p.System || p.Staff()
	if !rules.Enabled && !staff {
		return Disclosure{Fields: []string{}, Merchants: []map[string]any{}}, nil
	}
	period := rules.Published(calendar.DateOf(s.now()))
	if staff {
		rules.Fields = credit.DisclosureFields
		if on != nil {
			period = credit.PeriodOf(rules.Period, *on)
		}
	}
	figs, err := s.store.MerchantFigures(ctx, period.From.Start(), period.To.AddDays(1).Start(), nil)
	if err != nil {
		return Disclosure{}, err
	}
	d := Disclosure{Period: period, Fields: rules.Fields, Merchants: []map[string]any{}}
	for _, f := range figs {
		if f.Complaints >= rules.MinComplaints {
			d.Merchants = append(d.Merchants, rules.Public(f))
		}
	}
	return d, nil
}
