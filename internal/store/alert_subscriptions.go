package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AlertSubscription is how a member of staff wants their deadline alerts sent: by SMS to the
// phone on their account, by e-mail to this address, or neither (the inbox only).
type AlertSubscription struct {
	UserID    int64
	BySMS     bool
	Email     string
	UpdatedAt time.Time
}

func subscriptionOf(ctx context.Context, q querier, userID int64) (AlertSubscription, error) {
	a := AlertSubscription{UserID: userID}
	err := q.QueryRowContext(ctx, "SELECT by_sms, email, updated_at FROM alert_subscriptions WHERE user_id = $1", userID).Scan(&a.BySMS, &a.Email, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	if err != nil {
		return a, fmt.Errorf("store: alert subscription: %w", err)
	}
	a.UpdatedAt = a.UpdatedAt.UTC()
	return a, nil
}

// AlertSubscription is a user's choice; the zero choice (inbox only) when they made none.
func (s *Store) AlertSubscription(ctx context.Context, userID int64) (AlertSubscription, error) {
	return subscriptionOf(ctx, s.r, userID)
}

// SaveAlertSubscription stores a user's choice.
func (t *Tx) SaveAlertSubscription(ctx context.Context, a AlertSubscription) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO alert_subscriptions (user_id, by_sms, email, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET by_sms = excluded.by_sms, email = excluded.email, updated_at = excluded.updated_at`,
		a.UserID, a.BySMS, a.Email, utc(a.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: alert subscription: %w", err)
	}
	return nil
}

// AlertSubscriptions lists, in the transaction, the choices that send something.
func (t *Tx) AlertSubscriptions(ctx context.Context) ([]AlertSubscription, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT user_id, by_sms, email, updated_at FROM alert_subscriptions WHERE by_sms OR email <> '' ORDER BY user_id")
	if err != nil {
		return nil, fmt.Errorf("store: alert subscriptions: %w", err)
	}
	defer rows.Close()
	var out []AlertSubscription
	for rows.Next() {
		var a AlertSubscription
		if err := rows.Scan(&a.UserID, &a.BySMS, &a.Email, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("store: alert subscriptions: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
