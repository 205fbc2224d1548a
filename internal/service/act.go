package service

import (
	"context"
	"errors"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Act takes an action on a matter: state machine, input checks, the change and
// its timeline event, all in one transaction.
func (s *Service) Act(ctx context.Context, p auth.Principal, number string, a casework.Action, in casework.ActionInput) (casework.Matter, error) {
	u := p.User
	if u == nil {
		return casework.Matter{}, ErrForbidden
	}
	// A file comes with its content through Attach; taken bare, attach would record a file that is not there.
	if !casework.KnownAction(a) || a == casework.Attach {
		return casework.Matter{}, invalid.New("action", invalid.OneOf, "values", casework.ActionList())
	}
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return casework.Matter{}, err
	}
	sc, now := v.scope, s.now()
	var m casework.Matter
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		m, err = tx.LockMatter(ctx, number)
		if err != nil {
			return err
		}
		if !Visible(sc, &m) {
			return store.ErrNotFound
		}
		return s.actLocked(ctx, tx, u, &m, a, in, now)
	})
	if err != nil {
		return casework.Matter{}, err
	}
	// The answer is masked like a read; callers that show the whole case read it through Case, which logs.
	return maskMatter(m, v.sight(&m), false), nil
}

// actLocked takes an action on a matter locked and found visible in tx: the checks, the
// state machine, the change, its clocks and its timeline entries.
func (s *Service) actLocked(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action, in casework.ActionInput, now time.Time) error {
	return s.actLockedWith(ctx, tx, u, m, a, in, now, nil)
}

// actLockedWith is actLocked with more data for the action's timeline entry: what a mediation
// command recorded alongside the state change (the agreement's amounts, the recusal's grounds).
func (s *Service) actLockedWith(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action, in casework.ActionInput, now time.Time, extra map[string]any) error {
	if err := s.checkRefs(ctx, tx, u, m, a, &in); err != nil {
		return err
	}
	p, err := s.prepareAction(ctx, tx, u, m, a, &in)
	if err != nil {
		return err
	}
	if err := s.beforeMediation(ctx, tx, u, m, a, in, now); err != nil {
		return err
	}
	ev, err := casework.Apply(m, actor(u), a, in, now)
	if err != nil {
		return err
	}
	if err := s.afterMediation(ctx, tx, m, a, &ev, now); err != nil {
		return err
	}
	if len(extra) > 0 && ev.Data == nil {
		ev.Data = map[string]any{}
	}
	for k, v := range extra {
		ev.Data[k] = v
	}
	if a == casework.Update {
		if err := s.place(ctx, tx, m); err != nil {
			return err
		}
	}
	more, err := s.afterAction(ctx, tx, u, m, a, in, &ev, p, now)
	if err != nil {
		return err
	}
	if err := tx.UpdateMatter(ctx, m); err != nil {
		return err
	}
	if a == casework.PublishSummary {
		if err := tx.SetPublicSummary(ctx, m.ID, ev.Data["summary"].(string), &u.ID, now); err != nil {
			return err
		}
	}
	for _, e := range append([]casework.Event{ev}, more...) {
		if err := tx.AppendEvent(ctx, &e); err != nil {
			return err
		}
	}
	if err := s.tellDecision(ctx, tx, m, a, now); err != nil { // decision_notice.go
		return err
	}
	return s.tellProgress(ctx, tx, m, a, now)
}

// checkRefs verifies what an action points at exists: the station and mediator of
// a dispatch, the merchant and area of a correction.
func (s *Service) checkRefs(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action, in *casework.ActionInput) error {
	var errs invalid.Errors
	switch a {
	case casework.Dispatch:
		if in.StationID != nil {
			st, err := tx.Station(ctx, *in.StationID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && !st.Active) {
				errs.Add("station_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
		}
		if in.AssigneeID != nil {
			as, err := tx.User(ctx, *in.AssigneeID)
			switch {
			case errors.Is(err, store.ErrNotFound):
				errs.Add("assignee_id", invalid.NotFound)
			case err != nil:
				return err
			case !as.Active || !(as.Role == auth.Mediator || as.Role == auth.Supervisor): // not a judge: a judge sees only the court's own matters (issue 10 item 8)
				errs.Add("assignee_id", invalid.Conflict)
			}
		}
	case casework.Update:
		if in.Changes != nil && in.Changes.MerchantID != nil {
			mer, err := tx.Merchant(ctx, *in.Changes.MerchantID)
			if errors.Is(err, store.ErrNotFound) {
				errs.Add("changes.merchant_id", invalid.NotFound)
			} else if err != nil {
				return err
			} else {
				if in.Changes.MerchantName == nil {
					in.Changes.MerchantName = &mer.Name
				}
				if in.Changes.MerchantAddress == nil && mer.Address != "" {
					in.Changes.MerchantAddress = &mer.Address
				}
			}
		}
		if in.Changes != nil && in.Changes.AreaID != nil {
			if _, err := tx.Area(ctx, *in.Changes.AreaID); errors.Is(err, store.ErrNotFound) {
				errs.Add("changes.area_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
		}
	}
	return errs.Err()
}
