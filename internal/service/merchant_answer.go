package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// AnswerComplaint records a merchant's answer to a complaint against it, online (SPEC C12):
// accept the request, offer a settlement, or dispute with reasons and evidence. Only the
// merchant's own users may answer, only complaints against that merchant, once. The answer
// lands on the timeline and the consumer is told through the outbox.
func (s *Service) AnswerComplaint(ctx context.Context, p auth.Principal, number string, a mediation.MerchantAnswer) (mediation.MerchantAnswer, error) {
	_, err := s.onMatter(ctx, p, number, []auth.Role{auth.Merchant}, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		have, err := tx.Answer(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		a.MatterID, a.MerchantID, a.AnsweredBy = m.ID, u.MerchantID, &u.ID
		if err := mediation.ValidateAnswer(*m, &a, have, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("state") || hasCode(errs, mediation.Already) {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		for _, id := range a.Evidence {
			if err := attachmentOf(ctx, tx, m.ID, id, "evidence"); err != nil {
				return nil, err
			}
		}
		if err := tx.InsertAnswer(ctx, &a); err != nil {
			return nil, err
		}
		_, office, err := mediationSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		msg, err := s.noticeParty(ctx, tx, m, mediation.Complainant, "merchant_answer", i18n.T("zh-CN", "mediation.answer_notice",
			"office", office.Name, "number", m.Number, "answer", i18n.T("zh-CN", "mediation.answer."+string(a.Kind))), now)
		if err != nil {
			return nil, err
		}
		return event(u, m, casework.MerchantAnswer, now, map[string]any{"answer": string(a.Kind), "text": a.Text, "terms": a.Terms,
			"offered": a.Offered.String(), "evidence": len(a.Evidence), "notice": msg.ID}), nil
	})
	return a, err
}

// AcceptOffer records that the consumer accepted the merchant's offer, as staff record it (told
// by phone; the consumer's own way is AcceptOfferOnPortal): the offer becomes the agreement with its amounts and
// the complaint moves to 调解成功 (R-S6). A complaint not yet being mediated starts mediation
// first, which needs both parties' consent (R-L14). An offer the complainant declined on the
// portal may still be accepted this way — people change their minds by phone — and the
// timeline notes the earlier refusal.
func (s *Service) AcceptOffer(ctx context.Context, p auth.Principal, number string) (mediation.Agreement, error) {
	var ag mediation.Agreement
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		a, err := tx.Answer(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, invalid.Conflicting(invalid.New("answer", invalid.Required))
		}
		if a.Kind != mediation.OfferSettle || a.AcceptedAt != nil {
			_, err := a.AcceptOffer(*m, now)
			return nil, invalid.Conflicting(err)
		}
		if m.State == casework.Accepted || m.State == casework.Dispatched || m.State == casework.OnSite {
			if err := s.actLocked(ctx, tx, u, m, casework.StartMediation, casework.ActionInput{Note: "经营者和解方案 / the merchant's offer"}, now); err != nil {
				return nil, err
			}
		}
		if ag, err = a.AcceptOffer(*m, now); err != nil {
			return nil, invalid.Conflicting(err)
		}
		a.AcceptedBy = &u.ID
		if err := tx.AcceptAnswer(ctx, *a); err != nil {
			return nil, err
		}
		if err := s.agreeLocked(ctx, tx, u, m, &ag, &a.ID, now); err != nil {
			return nil, err
		}
		// The complainant declined this offer on the portal and has since changed their mind (by
		// phone, at the counter): allowed, and the timeline says so beside the agreement.
		d, err := tx.OfferDecline(ctx, a.ID)
		if err != nil || d == nil {
			return nil, err
		}
		ev := event(u, m, casework.Note, now, map[string]any{"answer_id": a.ID, "declined_online_at": d.DeclinedAt.Format(time.RFC3339)})
		ev.Note = "投诉人曾在网上拒绝此和解方案，现由工作人员记录其接受 / the complainant had declined this offer online; the office recorded their acceptance"
		return nil, tx.AppendEvent(ctx, ev)
	})
	return ag, err
}

// Answer is the merchant's answer to a complaint, to whoever may see the complaint; nil when none.
func (s *Service) Answer(ctx context.Context, p auth.Principal, number string) (*mediation.MerchantAnswer, error) {
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	return s.store.Answer(ctx, m.ID)
}
