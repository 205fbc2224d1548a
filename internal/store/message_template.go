package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/notify"
)

// MessageTemplate returns the wording an admin set for a kind and language; ErrNotFound when none.
func (s *Store) MessageTemplate(ctx context.Context, kind, lang string) (notify.Template, error) {
	return messageTemplate(ctx, s.r, kind, lang)
}

// MessageTemplate reads a template inside the transaction.
func (t *Tx) MessageTemplate(ctx context.Context, kind, lang string) (notify.Template, error) {
	return messageTemplate(ctx, t.tx, kind, lang)
}

func messageTemplate(ctx context.Context, q querier, kind, lang string) (notify.Template, error) {
	t := notify.Template{Kind: kind, Lang: lang}
	err := q.QueryRowContext(ctx, "SELECT subject, body FROM message_templates WHERE kind = $1 AND lang = $2", kind, lang).Scan(&t.Subject, &t.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("store: message template %s/%s: %w", kind, lang, ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("store: message template %s/%s: %w", kind, lang, err)
	}
	return t, nil
}

// SaveMessageTemplate keeps an admin's wording of a kind in a language.
func (t *Tx) SaveMessageTemplate(ctx context.Context, m notify.Template, by int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO message_templates (kind, lang, subject, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (kind, lang) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		m.Kind, m.Lang, m.Subject, m.Body, by, utc(at))
	if err != nil {
		return fmt.Errorf("store: save message template: %w", err)
	}
	return nil
}
