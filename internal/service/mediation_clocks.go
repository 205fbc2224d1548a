package service

import (
	"context"

	"weiquan/internal/deadline"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// mediationFacts adds to a complaint's clock facts what mediation recorded: the merchant's
// answer (C12), the next session not yet held and whether both parties were told of it in time
// (R-L15), and an agreement performed by a date with its reminder and fulfilment.
func mediationFacts(ctx context.Context, tx *store.Tx, f *deadline.Facts, set mediation.Settings) error {
	id := f.Matter.ID
	a, err := tx.Answer(ctx, id)
	if err != nil {
		return err
	}
	if a != nil {
		t := a.AnsweredAt
		f.AnsweredAt = &t
	}
	sessions, err := tx.Sessions(ctx, id)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		if s.HeldAt != nil {
			continue
		}
		notices, err := tx.SessionNotices(ctx, id)
		if err != nil {
			return err
		}
		var ns []mediation.Notice
		var scheduled = s.At
		for _, n := range notices {
			ns = append(ns, n.Notice)
			if n.SessionID == s.ID && n.SentAt.Before(scheduled) {
				scheduled = n.SentAt
			}
		}
		f.Session = &deadline.SessionFacts{ScheduledAt: scheduled, NoticeBy: mediation.NoticeBy(s.At, set),
			Notified: mediation.CheckNotices(s, ns, set) == nil}
		break
	}
	ag, err := tx.Agreement(ctx, id)
	if err != nil || ag == nil || ag.DueDate == nil {
		return err
	}
	fact := &deadline.AgreementFact{AgreedAt: ag.AgreedAt, DueDate: *ag.DueDate}
	if ag.Fulfilment != nil {
		t := ag.Fulfilment.At
		fact.FulfilledAt = &t
	}
	if r, ok := ag.FulfilmentRemindAt(set); ok {
		fact.RemindAt = &r
	}
	f.Agreement = fact
	return nil
}
