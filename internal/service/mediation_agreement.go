package service

import (
	"context"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// RecordAgreement records what the parties agreed — terms, amounts by kind adding up to the
// recovered amount (R-S6), performed on the spot or by a date — and moves the complaint to
// 调解成功 with that amount, in one transaction.
func (s *Service) RecordAgreement(ctx context.Context, p auth.Principal, number string, a mediation.Agreement) (mediation.Agreement, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		return nil, s.agreeLocked(ctx, tx, u, m, &a, nil, now)
	})
	return a, err
}

// agreeLocked stores an agreement and applies agree to the matter; answerID names the merchant's
// offer it came from, if any.
func (s *Service) agreeLocked(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a *mediation.Agreement, answerID *int64, now time.Time) error {
	have, err := tx.Agreement(ctx, m.ID)
	if err != nil {
		return err
	}
	a.MatterID = m.ID
	if err := a.Validate(*m, now); err != nil {
		if errs, _ := invalid.As(err); errs.Has("state") {
			return invalid.Conflicting(err)
		}
		return err
	}
	if have != nil {
		return invalid.Conflicting(invalid.New("agreement", mediation.Already))
	}
	if err := tx.InsertAgreement(ctx, a, answerID, staffID(u)); err != nil {
		return err
	}
	amounts := map[string]any{}
	for _, x := range a.Amounts {
		amounts[string(x.Kind)] = x.Amount.String()
	}
	extra := map[string]any{"agreement_id": a.ID, "amounts": amounts, "performed_on_spot": a.PerformedOnSpot, "mode": string(a.Mode)}
	if a.DueDate != nil {
		extra["due_date"] = a.DueDate.String()
	}
	if answerID != nil {
		extra["answer_id"] = *answerID
	}
	return s.actLockedWith(ctx, tx, u, m, casework.Agree, a.ActionInput(a.Terms), now, extra)
}

// plainAgreement is the agreement an agree action taken with only an amount stands for: the
// amount as one line of kind other, the note as its terms, reached and performed on the spot.
// It keeps R-S6 true for the quick path: the recovered amount is the sum of the agreement's lines.
func plainAgreement(m *casework.Matter, in casework.ActionInput, now time.Time) *mediation.Agreement {
	terms := strings.TrimSpace(in.Note)
	if terms == "" {
		terms = "见挽回经济损失金额 / see the amount recovered"
	}
	var amounts []mediation.Amount
	var rec = in.Recovered
	if rec != nil && *rec > 0 {
		amounts = []mediation.Amount{{Kind: mediation.OtherAmount, Amount: *rec}}
	}
	a := &mediation.Agreement{MatterID: m.ID, Terms: terms, Amounts: amounts, AgreedAt: now, Mode: mediation.OnSite, PerformedOnSpot: true}
	if rec != nil {
		a.Recovered = *rec
	}
	return a
}

// Sign records a party's signature on the agreement: drawn on the mediator's phone or tablet
// (the PNG kept with its SHA-256 and time) or the signed paper scanned and attached. Someone who
// is not a party, nor its agent entitled to settle, is refused (R-L4, R-L34).
func (s *Service) Sign(ctx context.Context, p auth.Principal, number string, sig mediation.Signature, png []byte) (mediation.Signature, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		a, err := tx.Agreement(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, invalid.Conflicting(invalid.New("agreement", invalid.Required))
		}
		parties, err := s.signatories(ctx, tx, m)
		if err != nil {
			return nil, err
		}
		rep, err := s.representativeSignatory(ctx, tx, m, sig) // a joint complaint's representative (R-L5)
		if err != nil {
			return nil, err
		}
		if rep != nil {
			parties = append(parties, *rep)
		}
		have, err := tx.Signatures(ctx, a.ID, false)
		if err != nil {
			return nil, err
		}
		var existing []mediation.Signature
		for _, h := range have {
			existing = append(existing, h.Signature)
		}
		sig.AgreementID = a.ID
		if sig.AttachmentID != nil {
			if err := attachmentOf(ctx, tx, m.ID, *sig.AttachmentID, "attachment_id"); err != nil {
				return nil, err
			}
		}
		if err := mediation.ValidateSignature(*a, parties, &sig, png, existing, now); err != nil {
			if errs, _ := invalid.As(err); hasCode(errs, mediation.Already) {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if sig.Method != mediation.Drawn {
			png = nil
		}
		if err := tx.InsertSignature(ctx, &sig, png); err != nil {
			return nil, err
		}
		ok, missing := a.Effective(append(existing, sig))
		return event(u, m, casework.Sign, now, map[string]any{"side": string(sig.Side), "signer": sig.SignerName, "method": string(sig.Method),
			"image_sha256": sig.ImageSHA256, "by_agent": sig.ByAgent, "effective": ok, "missing": missing}), nil
	})
	return sig, err
}

// signatories are who may sign for each side: the consumer or its agent (R-L4); the merchant by
// its name as the complaint gives it.
func (s *Service) signatories(ctx context.Context, tx *store.Tx, m *casework.Matter) ([]mediation.Signatory, error) {
	agent, err := tx.Agent(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	return []mediation.Signatory{{Side: mediation.Complainant, Name: m.Consumer.Name, Agent: agent},
		{Side: mediation.Respondent, Name: m.MerchantName}}, nil
}

// RecordFulfilment records what the merchant performed of an agreement: performed, partly or
// not, dated no earlier than the agreement (the bad input), once.
func (s *Service) RecordFulfilment(ctx context.Context, p auth.Principal, number string, f mediation.Fulfilment) (mediation.Fulfilment, error) {
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		a, err := tx.Agreement(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, invalid.Conflicting(invalid.New("agreement", invalid.Required))
		}
		f.RecordedBy = &u.ID
		if err := a.ValidateFulfilment(&f, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("fulfilment") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.InsertFulfilment(ctx, a.ID, f); err != nil {
			return nil, err
		}
		return event(u, m, casework.Fulfil, now, map[string]any{"status": string(f.Status), "paid": f.Paid.String(), "at": timeOrNil(&f.At)}), nil
	})
	return f, err
}
