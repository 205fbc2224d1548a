package service

import (
	"context"
	"errors"
	"strconv"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// SetAgent records the agent the complainant acts through, with ID and power of attorney (R-L4).
func (s *Service) SetAgent(ctx context.Context, p auth.Principal, number string, a mediation.Agent) (casework.Matter, error) {
	return s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if m.Kind != casework.Complaint || m.State == casework.Closed {
			return nil, invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
		}
		if err := a.Validate(now); err != nil {
			return nil, err
		}
		if a.POAAttachmentID != nil {
			if err := attachmentOf(ctx, tx, m.ID, *a.POAAttachmentID, "poa_attachment_id"); err != nil {
				return nil, err
			}
		}
		if err := tx.SaveAgent(ctx, m.ID, a, &u.ID, now); err != nil {
			return nil, err
		}
		return event(u, m, casework.SetAgent, now, map[string]any{"agent": a.Name, "authority": string(a.Authority), "poa_ref": a.POARef}), nil
	})
}

// attachmentOf refuses a file id that is not one of the matter's files.
func attachmentOf(ctx context.Context, tx *store.Tx, matterID, id int64, field string) error {
	ok, err := tx.HasAttachment(ctx, matterID, id)
	if err != nil {
		return err
	}
	if !ok {
		return invalid.New(field, invalid.NotFound)
	}
	return nil
}

// RecordConsent records a party's consent to mediation or its delegation, on paper (the scan
// attached) or by phone (who took the call, what was said) (R-L14). A second consent of the same
// party to the same purpose is refused with 409, nothing written.
func (s *Service) RecordConsent(ctx context.Context, p auth.Principal, number string, c mediation.Consent) (mediation.Consent, error) {
	if c.Method == mediation.Online {
		return c, invalid.New("method", invalid.OneOf, "values", "paper, phone") // online consent comes with its code: ConfirmConsentCode
	}
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if c.Method == mediation.ByPhone && c.OperatorID == nil {
			c.OperatorID = &u.ID
		}
		if c.Method == mediation.OnPaper && c.AttachmentID != nil {
			if err := attachmentOf(ctx, tx, m.ID, *c.AttachmentID, "attachment_id"); err != nil {
				return nil, err
			}
		}
		return s.consentLocked(ctx, tx, u, m, &c, now)
	})
	return c, err
}

// consentLocked checks and stores a consent and returns its timeline entry.
func (s *Service) consentLocked(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, c *mediation.Consent, now time.Time) (*casework.Event, error) {
	have, err := tx.Consents(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	c.MatterID, c.RecordedBy = m.ID, nil
	if u.ID != 0 { // a party confirming online through a link is no member of staff
		c.RecordedBy = &u.ID
	}
	if err := mediation.ValidateConsent(*m, c, have, now); err != nil {
		if errs, _ := invalid.As(err); errs.Has("state") || hasCode(errs, mediation.Already) {
			return nil, invalid.Conflicting(err)
		}
		return nil, err
	}
	if err := tx.InsertConsent(ctx, c); err != nil {
		return nil, err
	}
	return event(u, m, casework.GiveConsent, now, map[string]any{"side": string(c.Side), "purpose": string(c.Purpose), "method": string(c.Method),
		"given_at": timeOrNil(&c.GivenAt)}), nil
}

func hasCode(errs invalid.Errors, code string) bool {
	for _, f := range errs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// SendConsentCode sends a party a one-time code to confirm consent online (R-L14): the code
// goes into the outbox by SMS to the party's phone; only its salted hash is kept.
func (s *Service) SendConsentCode(ctx context.Context, p auth.Principal, number string, side mediation.Side, purpose mediation.Purpose) (mediation.Challenge, error) {
	return s.sendChallenge(ctx, p, number, side, purpose, mediation.CodeChallenge)
}

// SendConsentLink sends a party a one-time link to confirm consent online themselves (R-L14):
// the link to the portal's page goes into the outbox by SMS to the party's phone; only the
// salted hash of its token is kept. Without the portal's public address no link can be sent (409).
func (s *Service) SendConsentLink(ctx context.Context, p auth.Principal, number string, side mediation.Side, purpose mediation.Purpose) (mediation.Challenge, error) {
	return s.sendChallenge(ctx, p, number, side, purpose, mediation.LinkChallenge)
}

func (s *Service) sendChallenge(ctx context.Context, p auth.Principal, number string, side mediation.Side, purpose mediation.Purpose, kind mediation.ChallengeKind) (mediation.Challenge, error) {
	var ch mediation.Challenge
	base := s.PortalURL()
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if !side.Valid() {
			return nil, invalid.New("side", mediation.NotParty)
		}
		if kind == mediation.LinkChallenge && base == "" {
			return nil, invalid.Conflicting(invalid.New("portal_url", invalid.Required))
		}
		set, office, err := mediationSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		phone, err := s.partyPhone(ctx, tx, m, side)
		if err != nil {
			return nil, err
		}
		if phone == "" {
			return nil, invalid.New("side", invalid.Required) // no phone on file to send the code to
		}
		secret, c, err := mediation.NewChallenge(m.ID, side, purpose, kind, now, set)
		if err != nil {
			return nil, err
		}
		if err := tx.InsertChallenge(ctx, &c); err != nil {
			return nil, err
		}
		id := m.ID
		purposeText := i18n.T("zh-CN", "mediation.purpose."+string(purpose))
		msg := notify.Message{Kind: "consent_code", Channel: notify.SMS, Recipient: phone, Lang: "zh-CN", MatterID: &id, CreatedAt: now,
			Body: i18n.T("zh-CN", "mediation.consent_code", "office", office.Name, "number", m.Number,
				"purpose", purposeText, "code", secret, "minutes", strconv.Itoa(set.CodeMinutes))}
		if kind == mediation.LinkChallenge {
			msg.Kind = "consent_link"
			msg.Body = i18n.T("zh-CN", "audit910.consent_link.sms", "office", office.Name, "number", m.Number,
				"purpose", purposeText, "url", base+ConsentLinkPath(c.ID, secret), "minutes", strconv.Itoa(set.CodeMinutes))
		}
		if err := tx.AddMessage(ctx, &msg); err != nil {
			return nil, err
		}
		ch = c
		return event(u, m, casework.ConsentCode, now, map[string]any{"side": string(side), "purpose": string(purpose), "kind": string(kind),
			"sent": true, "message_id": msg.ID}), nil
	})
	return ch, err
}

// ConfirmConsentCode checks the code a party read back and, when it is the one sent, records
// the party's online consent (R-L14). A wrong code counts an attempt, kept even though the
// answer is an error.
func (s *Service) ConfirmConsentCode(ctx context.Context, p auth.Principal, number string, challengeID int64, code string) (mediation.Consent, error) {
	var out mediation.Consent
	var wrong error
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		ch, err := tx.Challenge(ctx, m.ID, challengeID)
		if errors.Is(err, store.ErrNotFound) {
			return nil, invalid.New("challenge_id", invalid.NotFound)
		}
		if err != nil {
			return nil, err
		}
		if verr := ch.Verify(code, now); verr != nil {
			wrong = verr
			return event(u, m, casework.ConsentCode, now, map[string]any{"side": string(ch.Side), "checked": false}), tx.UpdateChallenge(ctx, ch)
		}
		if err := tx.UpdateChallenge(ctx, ch); err != nil {
			return nil, err
		}
		c, err := ch.Consent()
		if err != nil {
			return nil, err
		}
		ev, err := s.consentLocked(ctx, tx, u, m, &c, now)
		out = c
		return ev, err
	})
	if err == nil && wrong != nil {
		return out, wrong
	}
	return out, err
}

// Delegate hands mediation to the consumer association or another lawful mediation
// organisation, with both parties' consent under Order 121, never twice (R-L14).
func (s *Service) Delegate(ctx context.Context, p auth.Principal, number string, d mediation.Delegation) (mediation.Delegation, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		consents, err := tx.Consents(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		have, err := tx.Delegations(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		d.MatterID, d.DelegatedBy = m.ID, &u.ID
		if err := mediation.ValidateDelegation(*m, &d, consents, have, now); err != nil {
			return nil, err
		}
		if err := tx.InsertDelegation(ctx, &d); err != nil {
			return nil, err
		}
		return event(u, m, casework.Delegate, now, map[string]any{"delegate": d.Delegate, "kind": string(d.Kind)}), nil
	})
	return d, err
}

// partyPhone is the phone a party is reached on: the consumer's, the merchant's in the registry.
func (s *Service) partyPhone(ctx context.Context, tx *store.Tx, m *casework.Matter, side mediation.Side) (string, error) {
	if side == mediation.Complainant {
		return m.Consumer.Phone, nil
	}
	if m.MerchantID == nil {
		return "", nil
	}
	mer, err := tx.Merchant(ctx, *m.MerchantID)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return mer.Phone, err
}
