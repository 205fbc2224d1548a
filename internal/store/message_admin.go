package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"weiquan/internal/notify"
)

// MessageFilter narrows the admin's list of the outbox.
type MessageFilter struct {
	Status  string // pending, sent, dead; "" all
	Channel string
	Limit   int
	Offset  int
}

// OutboxMessages lists messages newest first with the count of all that match.
func (s *Store) OutboxMessages(ctx context.Context, f MessageFilter) ([]notify.Message, int, error) {
	where, args := "1 = 1", []any{}
	if f.Status != "" {
		args = append(args, f.Status)
		where += " AND status = $" + strconv.Itoa(len(args))
	}
	if f.Channel != "" {
		args = append(args, f.Channel)
		where += " AND channel = $" + strconv.Itoa(len(args))
	}
	var total int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM messages WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: outbox: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	args = append(args, f.Limit, f.Offset)
	list, err := s.messages(ctx, where+" ORDER BY id DESC LIMIT $"+strconv.Itoa(len(args)-1)+" OFFSET $"+strconv.Itoa(len(args)), args...)
	return list, total, err
}

// RequeueMessage gives a dead (or waiting) message a fresh set of attempts from now; false when it was already sent.
func (t *Tx) RequeueMessage(ctx context.Context, id int64, now time.Time) (notify.Message, bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = $1, claimed_until = NULL
		WHERE id = $2 AND status <> 'sent'`, utc(now), id)
	if err != nil {
		return notify.Message{}, false, fmt.Errorf("store: requeue message %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	m, err := scanMessage(t.tx.QueryRowContext(ctx, "SELECT "+messageCols+" FROM messages WHERE id = $1", id))
	if err != nil {
		return notify.Message{}, false, fmt.Errorf("store: requeue message %d: %w", id, ErrNotFound)
	}
	return m, n == 1, nil
}
