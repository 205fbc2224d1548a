package service

import (
	"context"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// PortalOffer is a merchant's offer as the complainant reads it on the portal: what the merchant
// will do, the money by kind and in all, by when — and whether it is still open.
type PortalOffer struct {
	Terms      string
	Text       string
	Amounts    []PortalAmount
	Offered    string // yuan with thousands separators, e.g. "1,200.00"
	DueDate    string // empty: performed on the spot
	AnsweredAt time.Time
	Status     string // "open", "accepted", "declined"
}

// PortalAmount is one line of money of an offer: its kind and the yuan, e.g. "1,000.00".
type PortalAmount struct {
	Kind mediation.AmountKind
	Yuan string
}

// portalOffer fills the offer side of a complainant's view: the offer, whether it may still be
// answered, and the rating. A report's filer never reaches here (R-L25).
func (s *Service) portalOffer(ctx context.Context, m casework.Matter, c *PortalCase) error {
	a, err := s.store.Answer(ctx, m.ID)
	if err != nil {
		return err
	}
	if a != nil && a.Kind == mediation.OfferSettle {
		o := PortalOffer{Terms: a.Terms, Text: a.Text, Offered: document.Figures(a.Offered), AnsweredAt: a.AnsweredAt, Status: "open"}
		for _, x := range a.Amounts {
			o.Amounts = append(o.Amounts, PortalAmount{Kind: x.Kind, Yuan: document.Figures(x.Amount)})
		}
		if a.DueDate != nil {
			o.DueDate = a.DueDate.String()
		}
		d, err := s.store.OfferDecline(ctx, a.ID)
		if err != nil {
			return err
		}
		switch {
		case a.AcceptedAt != nil:
			o.Status = "accepted"
		case d != nil:
			o.Status = "declined"
		}
		c.Offer = &o
		c.CanAnswerOffer = o.Status == "open" && offerOpenStates[m.State]
	}
	cb, err := s.store.Callback(ctx, m.ID)
	if err != nil {
		return err
	}
	done := cb != nil && cb.DoneAt != nil // rated here, or called back by the office (reached or not)
	c.Rated, c.Rating = done && cb.Satisfaction != nil, nil
	if c.Rated {
		c.Rating = cb.Satisfaction
	}
	c.CanRate = m.State == casework.Closed && !done
	return nil
}

// offerOpenStates are where an offer can still become the agreement.
var offerOpenStates = map[casework.State]bool{casework.Accepted: true, casework.Dispatched: true, casework.OnSite: true, casework.Mediating: true}

// complainantTx runs fn on the proved consumer's matter, locked, when that consumer is the
// complainant: a report's filer may not answer offers or rate (403), nor may a stranger.
func (s *Service) complainantTx(ctx context.Context, p auth.Principal, fn func(tx *store.Tx, m *casework.Matter, now time.Time) error) error {
	if p.Consumer == nil {
		return ErrNotProved
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatterID(ctx, p.Consumer.MatterID)
		if err != nil {
			return err
		}
		if m.Kind != casework.Complaint {
			return ErrForbidden
		}
		return fn(tx, &m, now)
	})
}

// openOffer is the matter's merchant offer the consumer may still answer, or a 409.
func openOffer(ctx context.Context, tx *store.Tx, m *casework.Matter) (*mediation.MerchantAnswer, error) {
	a, err := tx.Answer(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	if a == nil || a.Kind != mediation.OfferSettle {
		return nil, invalid.Conflicting(invalid.New("offer", invalid.Required))
	}
	if a.AcceptedAt != nil {
		return nil, invalid.Conflicting(invalid.New("offer", mediation.Already))
	}
	d, err := tx.OfferDecline(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if d != nil {
		return nil, invalid.Conflicting(invalid.New("offer", mediation.Already))
	}
	if !offerOpenStates[m.State] {
		return nil, invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
	}
	return a, nil
}

// AcceptOfferOnPortal is the complainant accepting the merchant's offer themselves, proved by
// the code sent to their phone (SPEC C12): as when staff record it, mediation starts first if it
// has not — which needs both parties' consent on record (R-L14) — and the offer becomes the
// agreement with its amounts (R-S6), on the timeline as the consumer's doing. The consumer is
// told through the outbox like any step.
func (s *Service) AcceptOfferOnPortal(ctx context.Context, p auth.Principal) (mediation.Agreement, error) {
	var ag mediation.Agreement
	u := consumerUser
	err := s.complainantTx(ctx, p, func(tx *store.Tx, m *casework.Matter, now time.Time) error {
		a, err := openOffer(ctx, tx, m)
		if err != nil {
			return err
		}
		if m.State != casework.Mediating {
			if err := s.actLocked(ctx, tx, &u, m, casework.StartMediation, casework.ActionInput{Note: "投诉人在网上接受经营者和解方案 / the consumer accepted the merchant's offer online"}, now); err != nil {
				return conflictOnConsent(err)
			}
		}
		if ag, err = a.AcceptOffer(*m, now); err != nil {
			return invalid.Conflicting(err)
		}
		a.AcceptedBy = nil // the consumer, not a member of staff
		if err := tx.AcceptAnswer(ctx, *a); err != nil {
			return err
		}
		if err := s.agreeLocked(ctx, tx, &u, m, &ag, &a.ID, now); err != nil {
			return err
		}
		return s.record(ctx, tx, "portal_accept_offer", "matter", m.Number, map[string]any{"addr": p.Addr, "answer_id": a.ID, "offered": a.Offered.String()})
	})
	return ag, err
}

// conflictOnConsent makes the missing consents of R-L14 a 409: the request is right, the
// matter is not ready for it.
func conflictOnConsent(err error) error {
	if errs, ok := invalid.As(err); ok && hasCode(errs, mediation.NoConsent) {
		return invalid.Conflicting(err)
	}
	return err
}

// DeclineOfferOnPortal records that the complainant turned the merchant's offer down, with
// their reason if they give one; the complaint goes on and the office sees it on the timeline.
func (s *Service) DeclineOfferOnPortal(ctx context.Context, p auth.Principal, reason string) error {
	reason = strings.TrimSpace(reason)
	var errs invalid.Errors
	errs.MaxLen("reason", reason, 2000)
	if err := errs.Err(); err != nil {
		return err
	}
	u := consumerUser
	return s.complainantTx(ctx, p, func(tx *store.Tx, m *casework.Matter, now time.Time) error {
		a, err := openOffer(ctx, tx, m)
		if err != nil {
			return err
		}
		if err := tx.DeclineOffer(ctx, store.OfferDecline{AnswerID: a.ID, MatterID: m.ID, Reason: reason, DeclinedAt: now}); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, event(&u, m, casework.DeclineOffer, now, map[string]any{"answer_id": a.ID, "reason": reason, "portal": true})); err != nil {
			return err
		}
		return s.record(ctx, tx, "portal_decline_offer", "matter", m.Number, map[string]any{"addr": p.Addr, "answer_id": a.ID})
	})
}

// RateOnPortal is the complainant rating the handling 1–5 once the complaint is closed, with an
// optional comment (SPEC C12). The rating is the matter's callback result (R-L23): one per
// matter, whoever records it first — the consumer here or staff on the phone — and it is the
// matter's satisfaction, so the report's satisfaction figures count it.
func (s *Service) RateOnPortal(ctx context.Context, p auth.Principal, stars *int, comment string) error {
	if stars == nil {
		return invalid.New("satisfaction", invalid.Required)
	}
	u := consumerUser
	return s.complainantTx(ctx, p, func(tx *store.Tx, m *casework.Matter, now time.Time) error {
		if m.State != casework.Closed {
			return invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
		}
		cb, err := tx.Callback(ctx, m.ID)
		if err != nil {
			return err
		}
		if cb == nil {
			cb = &mediation.Callback{MatterID: m.ID, CreatedAt: now}
			if err := tx.InsertCallback(ctx, cb); err != nil {
				return err
			}
		}
		if err := cb.Record(true, stars, comment, nil, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("callback") {
				return invalid.Conflicting(invalid.New("rating", mediation.Already))
			}
			return err
		}
		if err := tx.UpdateCallback(ctx, *cb); err != nil {
			return err
		}
		v := *stars
		m.Satisfaction, m.UpdatedAt = &v, now
		if err := tx.UpdateMatter(ctx, m); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, event(&u, m, casework.Callback, now, map[string]any{"reached": true, "satisfaction": v, "portal": true})); err != nil {
			return err
		}
		return s.record(ctx, tx, "portal_rate", "matter", m.Number, map[string]any{"addr": p.Addr, "satisfaction": v})
	})
}

// staffID is the user who recorded something, nil for the consumer proved on the portal (no
// user stands behind them).
func staffID(u *auth.User) *int64 {
	if u == nil || u.ID == 0 {
		return nil
	}
	return &u.ID
}
