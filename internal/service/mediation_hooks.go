package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// beforeMediation checks what the rules of mediation ask before a state change: both parties'
// consent before mediation starts (R-L14); an agreement on record before agree (the quick path
// with only an amount records it as one line); the document R-L20 asks for before an agreed
// complaint is closed.
func (s *Service) beforeMediation(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action, in casework.ActionInput, now time.Time) error {
	if m.Kind != casework.Complaint {
		return nil
	}
	switch a {
	case casework.StartMediation:
		if _, err := casework.Next(m.Kind, m.State, a, u.Role); err != nil {
			return nil // the machine names the problem
		}
		consents, err := tx.Consents(ctx, m.ID)
		if err != nil {
			return err
		}
		return mediation.CanStartMediation(consents)
	case casework.Resume:
		if err := noRecusalPending(ctx, tx, m); err != nil {
			return err
		}
		return s.noTestRunning(ctx, tx, m)
	case casework.Agree:
		if m.State != casework.Mediating || in.Recovered == nil || *in.Recovered < 0 {
			return nil
		}
		have, err := tx.Agreement(ctx, m.ID)
		if err != nil || have != nil {
			return err
		}
		ag := plainAgreement(m, in, now)
		if err := ag.Validate(*m, now); err != nil {
			return err
		}
		return tx.InsertAgreement(ctx, ag, nil, &u.ID)
	case casework.Close:
		if m.State != casework.Agreement {
			return nil
		}
		ag, err := tx.Agreement(ctx, m.ID)
		if err != nil {
			return err
		}
		docs, err := tx.Documents(ctx, m.ID)
		if err != nil {
			return err
		}
		var kinds []mediation.Document
		for _, d := range docs {
			kinds = append(kinds, d.Kind)
		}
		return invalid.Conflicting(mediation.CanClose(*m, ag, kinds))
	}
	return nil
}

// afterMediation does what follows a complaint's closing: the outcome notice to the consumer
// into the outbox (R-S5) and, when the complaint is in the callback sample, its callback task (R-L23).
func (s *Service) afterMediation(ctx context.Context, tx *store.Tx, m *casework.Matter, a casework.Action, ev *casework.Event, now time.Time) error {
	if (a == casework.Terminate || a == casework.Withdraw) && m.Kind == casework.Complaint {
		return endTests(ctx, tx, m, ev, now)
	}
	if a != casework.Close || m.Kind != casework.Complaint {
		return nil
	}
	set, office, err := mediationSettings(ctx, tx)
	if err != nil {
		return err
	}
	msg, err := s.noticeParty(ctx, tx, m, mediation.Complainant, "outcome_notice", mediation.OutcomeNotice("zh-CN", *m, office.Name), now)
	if err != nil {
		return err
	}
	if ev.Data == nil {
		ev.Data = map[string]any{}
	}
	ev.Data["outcome_notice"] = msg.ID
	if mediation.NeedsCallback(*m, set) {
		cb := mediation.Callback{MatterID: m.ID, CreatedAt: now}
		if err := tx.InsertCallback(ctx, &cb); err != nil {
			return err
		}
		ev.Data["callback"] = cb.ID
		if err := callbackAlert(ctx, tx, m, cb, now); err != nil {
			return err
		}
	}
	return nil
}
