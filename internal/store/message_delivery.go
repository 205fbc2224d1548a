package store

import (
	"context"

	"fmt"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/notify"
)

// DueMessagesOn lists pending messages of the given channels whose next attempt is due
// and that no worker holds, oldest first.
func (s *Store) DueMessagesOn(ctx context.Context, now time.Time, channels []string, limit int) ([]notify.Message, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	args := []any{utc(now), limit}
	ph := make([]string, len(channels))
	for i, c := range channels {
		args = append(args, c)
		ph[i] = "$" + strconv.Itoa(i+3)
	}
	return s.messages(ctx, "status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) AND channel IN ("+
		strings.Join(ph, ", ")+") ORDER BY next_attempt_at, id LIMIT $2", args...)
}

// ClaimMessage takes a due message for one worker until the lease ends; false when
// another worker (of this or another instance) has it or it is no longer due.
func (t *Tx) ClaimMessage(ctx context.Context, id int64, now, until time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE messages SET claimed_until = $1 WHERE id = $2 AND status = 'pending'
		AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)`, utc(until), id, utc(now))
	if err != nil {
		return false, fmt.Errorf("store: claim message %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Attempt is one try to deliver a message.
type Attempt struct {
	ID        int64     `json:"id"`
	MessageID int64     `json:"message_id"`
	At        time.Time `json:"at"`
	OK        bool      `json:"ok"`
	Detail    string    `json:"detail"`
}

// RecordAttempt keeps an attempt and sets the message's state after it: sent, pending
// again at next, or dead; the worker's claim ends.
func (t *Tx) RecordAttempt(ctx context.Context, m *notify.Message, a Attempt) error {
	if _, err := t.tx.ExecContext(ctx, "INSERT INTO message_attempts (message_id, at, ok, detail) VALUES ($1, $2, $3, $4)",
		m.ID, utc(a.At), a.OK, a.Detail); err != nil {
		return fmt.Errorf("store: record attempt: %w", err)
	}
	_, err := t.tx.ExecContext(ctx, `UPDATE messages SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4,
		sent_at = $5, claimed_until = NULL WHERE id = $6`, m.Status, m.Attempts, utc(m.NextAttemptAt), m.LastError, utcPtr(m.SentAt), m.ID)
	if err != nil {
		return fmt.Errorf("store: record attempt: %w", err)
	}
	return nil
}

// Message reads one message.
func (s *Store) Message(ctx context.Context, id int64) (notify.Message, error) {
	ms, err := s.messages(ctx, "id = $1", id)
	if err != nil {
		return notify.Message{}, err
	}
	if len(ms) == 0 {
		return notify.Message{}, fmt.Errorf("store: message %d: %w", id, ErrNotFound)
	}
	return ms[0], nil
}

// MessageAttempts lists the attempts of a message, oldest first.
func (s *Store) MessageAttempts(ctx context.Context, id int64) ([]Attempt, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, message_id, at, ok, detail FROM message_attempts WHERE message_id = $1 ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("store: attempts: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var a Attempt
		if err := rows.Scan(&a.ID, &a.MessageID, &a.At, &a.OK, &a.Detail); err != nil {
			return nil, fmt.Errorf("store: attempts: %w", err)
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
