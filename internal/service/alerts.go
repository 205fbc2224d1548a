package service

import (
	"context"

	"weiquan/internal/auth"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// Kinds of alert in the outbox.
const (
	AlertReminder            = "reminder"             // a deadline comes near
	AlertBreach              = "breach"               // a deadline passed unmet
	AlertEscalated           = "escalated"            // a matter moved up to the station told (R-S3)
	AlertCalendarMissing     = "calendar_missing"     // a year's State Council notice must be loaded (R-L43)
	AlertMerchantUnreachable = "merchant_unreachable" // queue the merchant for the unreachable workflow (R-L40)
	AlertMessageDead         = "message_dead"         // a message of the outbox was given up after its last attempt
	AlertOfferTermination    = "offer_termination"    // R-L18: the mediation period ran out; the mediator may terminate with T5
)

// AlertKinds lists every kind of alert, for documents and filters that name them.
var AlertKinds = []string{AlertReminder, AlertBreach, AlertEscalated, AlertCalendarMissing, AlertMerchantUnreachable, AlertMessageDead,
	AlertCollectiveProposed, AlertRepeatOffender, AlertListingDue, AlertListingRemind, AlertListingSerious, AlertCustodyMany, AlertHonourRevoke,
	AlertOfferTermination, AlertCallbackTask}

// AlertQuery is what a user asks of the outbox.
type AlertQuery struct {
	Unread, Undelivered bool
	Kind                string
	Limit, Offset       int
}

func (s *Service) alertFilter(ctx context.Context, p auth.Principal) (store.AlertFilter, error) {
	if !p.Staff() {
		return store.AlertFilter{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, p.User)
	return store.AlertFilter{Scope: sc, UserID: p.User.ID}, err
}

// Alerts lists the alerts a user may see: those about matters in their scope and those addressed to them,
// newest first, with their total; a total of MaxCounted+1 means "more than MaxCounted", so that the page of
// a province's office never counts its millions of alerts.
func (s *Service) Alerts(ctx context.Context, p auth.Principal, q AlertQuery) ([]notify.Alert, int, error) {
	f, err := s.alertFilter(ctx, p)
	if err != nil {
		return nil, 0, err
	}
	f.Unread, f.Undelivered, f.Kind, f.Limit, f.Offset = q.Unread, q.Undelivered, q.Kind, q.Limit, q.Offset
	f.CountUpTo = MaxCounted // a total above reads "more than MaxCounted"
	return s.store.Alerts(ctx, f)
}

// ReadAlert marks an alert the user may see as read.
func (s *Service) ReadAlert(ctx context.Context, p auth.Principal, id int64) (notify.Alert, error) {
	f, err := s.alertFilter(ctx, p)
	if err != nil {
		return notify.Alert{}, err
	}
	if _, err := s.store.Alert(ctx, id, f); err != nil {
		return notify.Alert{}, err
	}
	if err := s.store.Tx(ctx, func(tx *store.Tx) error { return tx.MarkAlertRead(ctx, id, p.User.ID, s.now()) }); err != nil {
		return notify.Alert{}, err
	}
	return s.store.Alert(ctx, id, f)
}

// DeliverAlert records that a sender delivered an alert; only admins (and the senders acting for them) may.
func (s *Service) DeliverAlert(ctx context.Context, p auth.Principal, id int64) (notify.Alert, error) {
	u := p.User
	if u == nil || u.Role != auth.Admin {
		return notify.Alert{}, ErrForbidden
	}
	f := store.AlertFilter{Scope: store.Scope{All: true}, UserID: u.ID}
	if _, err := s.store.Alert(ctx, id, f); err != nil {
		return notify.Alert{}, err
	}
	if err := s.store.Tx(ctx, func(tx *store.Tx) error { return tx.MarkAlertDelivered(ctx, id, s.now()) }); err != nil {
		return notify.Alert{}, err
	}
	return s.store.Alert(ctx, id, f)
}
