package service

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/mask"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// AlertChannels is how a member of staff wants their deadline alerts — reminders before a
// deadline and breaches after it — sent besides the inbox: by SMS to the phone on their account,
// by e-mail to an address of their choosing.
type AlertChannels struct {
	BySMS bool   `json:"by_sms"`
	Email string `json:"email"`
	Phone string `json:"-"` // the phone on the account, masked, for the page
}

// MyAlertChannels reads the signed-in user's choice.
func (s *Service) MyAlertChannels(ctx context.Context, p auth.Principal) (AlertChannels, error) {
	if !p.Staff() {
		return AlertChannels{}, ErrForbidden
	}
	sub, err := s.store.AlertSubscription(ctx, p.User.ID)
	if err != nil {
		return AlertChannels{}, err
	}
	return AlertChannels{BySMS: sub.BySMS, Email: sub.Email, Phone: mask.Phone(p.User.Phone)}, nil
}

// SaveAlertChannels stores the signed-in user's choice: SMS needs a phone on the account, an
// e-mail address must be one. Audited.
func (s *Service) SaveAlertChannels(ctx context.Context, p auth.Principal, in AlertChannels) error {
	if !p.Staff() {
		return ErrForbidden
	}
	in.Email = strings.TrimSpace(in.Email)
	var errs invalid.Errors
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > 200 {
			errs.Add("email", invalid.Format)
		}
	}
	cur, err := s.store.User(ctx, p.User.ID)
	if err != nil {
		return err
	}
	if in.BySMS && strings.TrimSpace(cur.Phone) == "" {
		errs.Add("by_sms", invalid.Required) // no phone on the account to send to
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SaveAlertSubscription(ctx, store.AlertSubscription{UserID: cur.ID, BySMS: in.BySMS, Email: in.Email, UpdatedAt: s.now()}); err != nil {
			return err
		}
		return s.recordAs(ctx, tx, p, "alert_channels", "user", cur.Username, map[string]any{"by_sms": in.BySMS, "email": in.Email != ""})
	})
}

// alertStaff sends a deadline alert to the staff who asked for it and may see the matter —
// in their scope, or the alert addressed to them — by SMS and e-mail through the outbox, in
// their language. The message names the case, the deadline and when it is due: nothing of the
// consumer.
func (s *Service) alertStaff(ctx context.Context, tx *store.Tx, m *casework.Matter, a store.Alert, now time.Time) error {
	subs, err := tx.AlertSubscriptions(ctx)
	if err != nil || len(subs) == 0 {
		return err
	}
	a.Number = m.Number
	for _, sub := range subs {
		u, err := tx.User(ctx, sub.UserID)
		if err != nil {
			return err
		}
		if !u.Active || !u.Role.Staff() {
			continue
		}
		mine := a.UserID != nil && *a.UserID == u.ID
		if !mine {
			sc, err := s.userScope(ctx, &u)
			if err != nil {
				return err
			}
			if !Visible(sc, m) {
				continue
			}
		}
		lang := portalLang(u.Lang)
		body := i18n.T(lang, "staff_alert.prefix") + AlertMessage(lang, a)
		subject := i18n.T(lang, "mail.subject.staff_alert", "number", m.Number)
		id := m.ID
		for _, to := range []struct{ channel, addr string }{{notify.SMS, phoneIf(sub.BySMS, u.Phone)}, {notify.Email, sub.Email}} {
			if to.addr == "" {
				continue
			}
			msg := notify.Message{Kind: "staff_alert", Channel: to.channel, Recipient: to.addr, Lang: lang, Subject: subject, Body: body,
				MatterID: &id, CreatedAt: now, Payload: map[string]any{"alert": a.Kind, "user_id": u.ID}}
			if err := msg.Validate(); err != nil {
				return err
			}
			if err := tx.AddMessage(ctx, &msg); err != nil {
				return err
			}
		}
	}
	return nil
}

func phoneIf(on bool, phone string) string {
	if !on {
		return ""
	}
	return strings.TrimSpace(phone)
}
