package service

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// AlertHonourRevoke asks a supervisor to decide on revoking an honour (R-S8).
const AlertHonourRevoke = "honour_revoke"

// honourReviewEvery spaces the honours' reviews: a substantiated complaint is a closed matter,
// and a title revoked ten minutes later is revoked in time.
const honourReviewEvery = 10 * time.Minute

var honourReviews sync.Map // *Service → time.Time of its last review

// GrantHonour puts a merchant on an honour roll for a period, with its criteria and the
// deciding document (R-S8); a supervisor's or admin's command.
func (s *Service) GrantHonour(ctx context.Context, p auth.Principal, h credit.Honour) (credit.Honour, error) {
	if !creditDecider(p) {
		return credit.Honour{}, ErrForbidden
	}
	if err := h.Validate(); err != nil {
		return credit.Honour{}, err
	}
	now := s.now()
	h.Status, h.GrantedAt, h.ID = credit.HonourActive, now, 0
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.Merchant(ctx, h.MerchantID)
		if errors.Is(err, store.ErrNotFound) {
			return invalid.New("merchant_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
		h.MerchantName = m.Name
		if err := tx.InsertHonour(ctx, &h); err != nil {
			return err
		}
		return s.recordAs(ctx, tx, p, "honour_grant", "merchant", strconv.FormatInt(h.MerchantID, 10), map[string]any{"honour_id": h.ID, "title": string(h.Title)})
	})
	return h, err
}

// DecideHonour answers a revocation proposal: revoked with its document, or kept with a note.
func (s *Service) DecideHonour(ctx context.Context, p auth.Principal, id int64, revoke bool, ref, note string) (credit.Honour, error) {
	if !creditDecider(p) {
		return credit.Honour{}, ErrForbidden
	}
	now := s.now()
	var h credit.Honour
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if h, err = tx.LockHonour(ctx, id); err != nil {
			return err
		}
		from := h.Status
		if err := h.Decide(revoke, ref, note, now); err != nil {
			return err
		}
		if ok, err := tx.UpdateHonour(ctx, &h, from, now); err != nil || !ok {
			if err == nil {
				err = invalid.New("status", invalid.Conflict)
			}
			return err
		}
		return s.recordAs(ctx, tx, p, "honour_decide", "merchant", strconv.FormatInt(h.MerchantID, 10),
			map[string]any{"honour_id": h.ID, "revoked": revoke})
	})
	return h, err
}

// Honours lists honours for staff.
func (s *Service) Honours(ctx context.Context, p auth.Principal, f store.HonourFilter) ([]credit.Honour, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Honours(ctx, f)
}

// RollEntry is one line of an honour roll as the public sees it.
type RollEntry struct {
	Title       string `json:"title"`
	TitleText   string `json:"title_text"`
	Merchant    string `json:"merchant"`
	From        string `json:"from"`
	To          string `json:"to"`
	DocumentRef string `json:"document_ref"`
}

// HonourRoll is today's honour rolls for anyone, the public included: every title held today,
// by title and merchant. No person's data.
func (s *Service) HonourRoll(ctx context.Context, _ auth.Principal) ([]RollEntry, error) {
	today := calendar.DateOf(s.now())
	hs, err := s.store.Honours(ctx, store.HonourFilter{On: &today})
	if err != nil {
		return nil, err
	}
	out := make([]RollEntry, 0, len(hs))
	for _, h := range hs {
		out = append(out, RollEntry{Title: string(h.Title), TitleText: h.Title.Chinese(), Merchant: h.MerchantName,
			From: h.From.String(), To: h.To.String(), DocumentRef: h.DocumentRef})
	}
	return out, nil
}

// reviewHonours counts substantiated complaints against every active honour's merchant in its
// period and proposes revocation where the threshold is crossed (R-S8), with an alert to decide.
// The conditional update makes the proposal once, across instances too.
func (s *Service) reviewHonours(ctx context.Context, now time.Time) error {
	if last, ok := honourReviews.Load(s); ok && now.Sub(last.(time.Time)) < honourReviewEvery && !now.Before(last.(time.Time)) {
		return nil
	}
	set, err := s.CreditSettings(ctx, auth.System)
	if err != nil {
		return err
	}
	counts, err := s.store.SubstantiatedCounts(ctx, set.Honours.Substantiated)
	if err != nil {
		return err
	}
	hs, err := s.store.Honours(ctx, store.HonourFilter{Statuses: []credit.HonourStatus{credit.HonourActive}})
	if err != nil {
		return err
	}
	for _, h := range hs {
		if !h.Review(counts[h.ID], set.Honours, now) {
			continue
		}
		err := s.store.Tx(ctx, func(tx *store.Tx) error {
			ok, err := tx.UpdateHonour(ctx, &h, credit.HonourActive, now)
			if err != nil || !ok {
				return err
			}
			return tx.AddAlert(ctx, &store.Alert{Kind: AlertHonourRevoke, CreatedAt: now, Payload: map[string]any{"honour_id": h.ID,
				"merchant_id": h.MerchantID, "merchant": h.MerchantName, "title": string(h.Title), "substantiated": h.Substantiated}})
		})
		if err != nil {
			return err
		}
	}
	honourReviews.Store(s, now)
	return nil
}
