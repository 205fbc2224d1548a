package service

import (
	"context"
	"errors"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Intake registers what arrived through any channel and returns the matters
// created — two linked ones when a complaint also reports a violation (R-L1).
// The numbers are only returned once the transaction is committed (R-P1).
func (s *Service) Intake(ctx context.Context, p auth.Principal, in casework.IntakeInput) ([]casework.Matter, error) {
	u := p.User
	if u != nil && !(u.Role.Staff()) {
		return nil, ErrForbidden
	}
	if u == nil && !p.System && p.APIKeyID == 0 {
		return nil, ErrForbidden
	}
	now := s.now()
	in.Normalize()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var ms []casework.Matter
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		ms, err = s.intakeTx(ctx, tx, u, in, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ms, nil
}

// intakeTx registers a validated intake in tx and returns its matters with their numbers.
func (s *Service) intakeTx(ctx context.Context, tx *store.Tx, u *auth.User, in casework.IntakeInput, now time.Time) ([]casework.Matter, error) {
	var takenBy *int64
	if u != nil {
		takenBy = &u.ID // R-L3: the operator who took it down
	}
	ms := casework.NewMatters(in, takenBy, now)
	ac := actor(u)
	routes := make([]intakeRoute, len(ms))
	env, err := s.clockEnv(ctx, tx)
	if err != nil {
		return nil, err
	}
	candidates := make([][]collective.Matter, len(ms))
	asked := make([]bool, len(ms))
	for i := range ms {
		if err := s.place(ctx, tx, &ms[i]); err != nil {
			return nil, err
		}
		if routes[i], err = s.beforeInsert(ctx, tx, &ms[i], env); err != nil {
			return nil, err
		}
		// Detection's candidates are read with the insert (one round trip on
		// PostgreSQL): they are the merchant's complaints, which nothing
		// between here and detection writes.
		if ask, ok := collectiveAsk(&ms[i], env); ok {
			if candidates[i], err = tx.InsertMatterThenCandidates(ctx, &ms[i], ask); err != nil {
				return nil, err
			}
			asked[i] = true
		} else if err := tx.InsertMatter(ctx, &ms[i]); err != nil {
			return nil, err
		}
		if err := s.afterInsert(ctx, tx, &ms[i], env, routes[i], now); err != nil {
			return nil, err
		}
	}
	if len(ms) == 2 {
		ms[0].LinkedID, ms[1].LinkedID = &ms[1].ID, &ms[0].ID
		for i := range ms {
			if err := tx.UpdateMatter(ctx, &ms[i]); err != nil {
				return nil, err
			}
		}
	}
	for i, m := range ms {
		data := map[string]any{"channel": string(m.Channel), "kind": string(m.Kind), "rule_set": string(m.RuleSet)}
		for k, v := range routes[i].data {
			data[k] = v
		}
		if len(ms) == 2 {
			data["linked_number"] = ms[1-i].Number
		}
		ev := casework.Event{MatterID: m.ID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.Intake, To: m.State, Data: data}
		if err := tx.AppendEventLater(ctx, ev); err != nil { // with the commit where the store can: nobody reads its id
			return nil, err
		}
	}
	for i := range ms { // after the intake entry, so the timeline starts with it
		if err := s.detectCollective(ctx, tx, &ms[i], env, now, candidates[i], asked[i]); err != nil {
			return nil, err
		}
		if err := s.repeatOffender(ctx, tx, &ms[i], now); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

// place resolves the merchant and area ids a matter names, copying the merchant's
// name and address as they stand today so the record does not change if the
// registry does later.
func (s *Service) place(ctx context.Context, tx *store.Tx, m *casework.Matter) error {
	var errs invalid.Errors
	if m.MerchantID != nil {
		mer, err := tx.Merchant(ctx, *m.MerchantID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs.Add("merchant_id", invalid.NotFound)
		case err != nil:
			return err
		default:
			if m.MerchantName == "" {
				m.MerchantName = mer.Name
			}
			if m.MerchantAddress == "" {
				m.MerchantAddress = mer.Address
			}
		}
	}
	if m.AreaID != nil {
		a, err := tx.Area(ctx, *m.AreaID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs.Add("area_id", invalid.NotFound)
		case err != nil:
			return err
		default:
			m.AreaPath = a.Path
		}
	} else {
		m.AreaPath = ""
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return nil
}
