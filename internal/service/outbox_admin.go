package service

import (
	"context"
	"errors"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/mask"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// OutboxQuery is what the admin asks of the outbox.
type OutboxQuery struct {
	Status, Channel string
	Limit, Offset   int
}

// OutboxEntry is a message as the admin's page lists it: the recipient masked, the attempts with it.
type OutboxEntry struct {
	notify.Message
	Attempts []store.Attempt
}

// Outbox lists the outbox for an admin, newest first, recipients masked (a phone as 139****9000).
func (s *Service) Outbox(ctx context.Context, p auth.Principal, q OutboxQuery) ([]OutboxEntry, int, error) {
	if p.Role() != auth.Admin && !p.System {
		return nil, 0, ErrForbidden
	}
	switch q.Status {
	case "", notify.Pending, notify.Sent, notify.Dead:
	default:
		return nil, 0, invalid.New("status", invalid.OneOf, "values", "pending, sent, dead")
	}
	list, total, err := s.store.OutboxMessages(ctx, store.MessageFilter{Status: q.Status, Channel: q.Channel, Limit: q.Limit, Offset: q.Offset})
	if err != nil {
		return nil, 0, err
	}
	out := make([]OutboxEntry, 0, len(list))
	for _, m := range list {
		if m.Channel == notify.SMS {
			m.Recipient = mask.Phone(m.Recipient)
		} else if m.Channel == notify.Email {
			m.Recipient = maskEmail(m.Recipient)
		}
		m.Body, m.Payload = "", nil // codes and personal words stay in the database
		at, err := s.store.MessageAttempts(ctx, m.ID)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, OutboxEntry{Message: m, Attempts: at})
	}
	return out, total, nil
}

func maskEmail(a string) string {
	for i := 0; i < len(a); i++ {
		if a[i] == '@' {
			if i <= 1 {
				return "*" + a[i:]
			}
			return a[:1] + "***" + a[i:]
		}
	}
	return mask.Text(a)
}

// Requeue gives a dead or waiting message a fresh set of attempts from now, on the matter's
// timeline and in the audit log.
func (s *Service) Requeue(ctx context.Context, p auth.Principal, id int64) error {
	if p.Role() != auth.Admin {
		return ErrForbidden
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		m, ok, err := tx.RequeueMessage(ctx, id, now)
		if err != nil {
			return err
		}
		if !ok {
			return invalid.New("status", invalid.Conflict) // already sent
		}
		if m.MatterID != nil {
			ev := casework.Event{MatterID: *m.MatterID, At: now, ActorID: &p.User.ID, ActorName: p.User.Name(), Action: casework.Delivery,
				Data: map[string]any{"message_id": m.ID, "kind": m.Kind, "channel": m.Channel, "status": "requeued"}}
			if err := tx.AppendEvent(ctx, &ev); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "message_requeue", "message", itoa(m.ID), map[string]any{"kind": m.Kind, "channel": m.Channel})
	})
}

// TemplateView is a template as the admin edits it: the wording in force, and whether it is the built-in one.
type TemplateView struct {
	notify.Template
	Custom bool
}

// MessageTemplates lists every kind in both languages as in force.
func (s *Service) MessageTemplates(ctx context.Context, p auth.Principal) ([]TemplateView, error) {
	if p.Role() != auth.Admin {
		return nil, ErrForbidden
	}
	var out []TemplateView
	for _, kind := range notify.TemplateKinds() {
		for _, lang := range []string{"zh-CN", "en"} {
			t, err := s.store.MessageTemplate(ctx, kind, lang)
			switch {
			case err == nil:
				out = append(out, TemplateView{Template: t, Custom: true})
			case errors.Is(err, fault.ErrNotFound):
				d, _ := notify.DefaultTemplate(kind, lang)
				d.Lang = lang
				out = append(out, TemplateView{Template: d})
			default:
				return nil, err
			}
		}
	}
	return out, nil
}

// PreviewTemplate renders a template with sample values, refusing one that does not parse.
func (s *Service) PreviewTemplate(ctx context.Context, p auth.Principal, t notify.Template) (subject, body string, err error) {
	if p.Role() != auth.Admin {
		return "", "", ErrForbidden
	}
	if err := t.Validate(); err != nil {
		return "", "", err
	}
	return t.Render(notify.SampleVars)
}

// SaveMessageTemplate keeps an admin's wording; messages made from then on use it.
func (s *Service) SaveMessageTemplate(ctx context.Context, p auth.Principal, t notify.Template) error {
	if p.Role() != auth.Admin {
		return ErrForbidden
	}
	if err := t.Validate(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SaveMessageTemplate(ctx, t, p.User.ID, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "message_template", "template", t.Kind+"/"+t.Lang, map[string]any{"subject": t.Subject, "body": t.Body})
	})
}
