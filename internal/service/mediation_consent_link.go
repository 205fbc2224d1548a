package service

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// ConsentLinkPath is the portal's page of a consent link: the challenge's id and its token.
func ConsentLinkPath(id int64, token string) string {
	return "/portal/consent/" + strconv.FormatInt(id, 10) + "." + token
}

// ConsentLink is what the party who opens a consent link sees on the portal (R-L14): the
// complaint, which party they are, what they consent to, and whether the link still works.
type ConsentLink struct {
	Number  string            `json:"number"`
	Office  string            `json:"office"`
	Side    mediation.Side    `json:"side"`
	Purpose mediation.Purpose `json:"purpose"`
	Given   bool              `json:"given"`   // the consent was confirmed through this link
	Expired bool              `json:"expired"` // too late, or spent by wrong tries
}

// ConsentLinkOf reads the page of a consent link for whoever holds it — no sign-in: the
// 256-bit token is the proof. A reference that is not a link's, or whose token is wrong, is
// not found (nothing tells an id exists).
func (s *Service) ConsentLinkOf(ctx context.Context, ref string) (ConsentLink, error) {
	var out ConsentLink
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		ch, m, err := s.linkChallenge(ctx, tx, ref)
		if err != nil {
			return err
		}
		out, err = s.consentLinkView(ctx, tx, ch, m)
		return err
	})
	return out, err
}

// ConfirmConsentLink records the online consent of the party the link was sent to, confirmed
// by the party opening it and saying yes (R-L14): once, before it expires; the consent is on the
// timeline as the party's, and mediation may start once both consented.
func (s *Service) ConfirmConsentLink(ctx context.Context, ref string) (ConsentLink, error) {
	var out ConsentLink
	var refused error
	now := s.now()
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		ch, m, err := s.linkChallenge(ctx, tx, ref)
		if err != nil {
			return err
		}
		_, token, _ := strings.Cut(ref, ".")
		u := partyUser(ch.Side)
		err = s.runStep(ctx, tx, &u, &m, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
			if verr := ch.Verify(token, now); verr != nil {
				refused = invalid.Conflicting(verr) // used already or expired: the page says so
				return nil, nil
			}
			if err := tx.UpdateChallenge(ctx, ch); err != nil {
				return nil, err
			}
			c, err := ch.Consent()
			if err != nil {
				return nil, err
			}
			return s.consentLocked(ctx, tx, u, m, &c, now)
		}, now)
		if err != nil {
			return err
		}
		out, err = s.consentLinkView(ctx, tx, ch, m)
		return err
	})
	if err == nil && refused != nil {
		return out, refused
	}
	return out, err
}

// linkChallenge finds the link's challenge and its matter, locked; anything but a link whose
// token holds is not found.
func (s *Service) linkChallenge(ctx context.Context, tx *store.Tx, ref string) (mediation.Challenge, casework.Matter, error) {
	idText, token, ok := strings.Cut(ref, ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 || token == "" {
		return mediation.Challenge{}, casework.Matter{}, store.ErrNotFound
	}
	ch, err := tx.ChallengeByID(ctx, id)
	if err != nil {
		return ch, casework.Matter{}, err
	}
	if !ch.Holds(token) {
		return ch, casework.Matter{}, store.ErrNotFound
	}
	m, err := tx.LockMatterID(ctx, ch.MatterID)
	if errors.Is(err, store.ErrNotFound) {
		return ch, m, store.ErrNotFound
	}
	return ch, m, err
}

func (s *Service) consentLinkView(ctx context.Context, tx *store.Tx, ch mediation.Challenge, m casework.Matter) (ConsentLink, error) {
	_, office, err := mediationSettings(ctx, tx)
	if err != nil {
		return ConsentLink{}, err
	}
	return ConsentLink{Number: m.Number, Office: office.Name, Side: ch.Side, Purpose: ch.Purpose, Given: ch.UsedAt != nil,
		Expired: ch.UsedAt == nil && (!s.now().Before(ch.ExpiresAt) || ch.Attempts >= mediation.MaxAttempts)}, nil
}

// partyUser is the party confirming through a link, on the timeline: no member of staff.
func partyUser(side mediation.Side) auth.User {
	if side == mediation.Respondent {
		return auth.User{Username: "respondent", DisplayName: "被投诉人 / respondent", Role: auth.Merchant}
	}
	return consumerUser
}
