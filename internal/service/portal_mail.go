package service

import (
	"context"
	"errors"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// mailCopy sends the complainant an e-mail copy of a notice that goes to their phone — a
// session notice (R-L15), the merchant's answer, the outcome notice (R-S5) — when they gave an
// e-mail address on the portal. The text is the notice's own; the subject names the case.
func (s *Service) mailCopy(ctx context.Context, tx *store.Tx, m *casework.Matter, kind, body string, now time.Time) error {
	r, err := tx.PortalReceipt(ctx, m.ID)
	if errors.Is(err, store.ErrNotFound) || err == nil && r.Email == "" {
		return nil
	} else if err != nil {
		return err
	}
	id := m.ID
	msg := notify.Message{Kind: kind, Channel: notify.Email, Recipient: r.Email, Lang: "zh-CN", Body: body, MatterID: &id, CreatedAt: now,
		Subject: i18n.T("zh-CN", "mail.subject."+kind, "number", m.Number), Payload: map[string]any{"side": "complainant", "number": m.Number}}
	if err := msg.Validate(); err != nil {
		return err
	}
	return tx.AddMessage(ctx, &msg)
}
