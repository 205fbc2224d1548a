package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"weiquan/internal/notify"
)

// AddMessage puts a message in the outbox, in the transaction of the change it tells about.
func (t *Tx) AddMessage(ctx context.Context, m *notify.Message) error {
	payload := ""
	if len(m.Payload) > 0 {
		b, err := marshalData(m.Payload)
		if err != nil {
			return err
		}
		payload = b
	}
	if m.Status == "" {
		m.Status = notify.Pending
	}
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO messages (kind, channel, recipient, lang, subject, body, payload, matter_id, status,
		attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11) RETURNING id`,
		m.Kind, m.Channel, m.Recipient, m.Lang, m.Subject, m.Body, payload, idArg(m.MatterID), m.Status, utc(m.NextAttemptAt), utc(m.CreatedAt)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: add message: %w", err)
	}
	return nil
}

const messageCols = "id, kind, channel, recipient, lang, subject, body, payload, matter_id, status, attempts, next_attempt_at, last_error, created_at, sent_at"

func scanMessage(row interface{ Scan(...any) error }) (notify.Message, error) {
	var m notify.Message
	var payload string
	var matter sql.NullInt64
	var sent sql.NullTime
	err := row.Scan(&m.ID, &m.Kind, &m.Channel, &m.Recipient, &m.Lang, &m.Subject, &m.Body, &payload, &matter, &m.Status,
		&m.Attempts, &m.NextAttemptAt, &m.LastError, &m.CreatedAt, &sent)
	if err != nil {
		return m, err
	}
	m.MatterID, m.SentAt = nullID(matter), nullTime(sent)
	m.NextAttemptAt, m.CreatedAt = m.NextAttemptAt.UTC(), m.CreatedAt.UTC()
	if payload != "" {
		if m.Payload, err = unmarshalData(payload); err != nil {
			return m, err
		}
	}
	return m, nil
}

// MatterMessages lists the messages made for a matter, oldest first.
func (s *Store) MatterMessages(ctx context.Context, matterID int64) ([]notify.Message, error) {
	return s.messages(ctx, "matter_id = $1 ORDER BY id", matterID)
}

// DueMessages lists pending messages whose next attempt is due, oldest first.
func (s *Store) DueMessages(ctx context.Context, now time.Time, limit int) ([]notify.Message, error) {
	return s.messages(ctx, "status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2", utc(now), limit)
}

func (s *Store) messages(ctx context.Context, where string, args ...any) ([]notify.Message, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+messageCols+" FROM messages WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	defer rows.Close()
	var out []notify.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
