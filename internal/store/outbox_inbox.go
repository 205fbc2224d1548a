package store

import (
	"context"
	"fmt"
	"time"
)

// CountAlerts counts the alerts a filter lets through, cheaply enough for the unread
// badge that every page shows.
func (s *Store) CountAlerts(ctx context.Context, f AlertFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM outbox o WHERE "+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count alerts: %w", err)
	}
	return n, nil
}

// MarkAlertsRead marks as read, by one person, every unread alert the filter lets through;
// it returns how many it marked.
func (t *Tx) MarkAlertsRead(ctx context.Context, f AlertFilter, by int64, at time.Time) (int, error) {
	f.Unread = true
	where, args := f.where()
	n := len(args)
	args = append(args, utc(at), by)
	res, err := t.tx.ExecContext(ctx, fmt.Sprintf(`UPDATE outbox SET read_at = $%d, read_by = $%d
		WHERE read_at IS NULL AND id IN (SELECT o.id FROM outbox o WHERE %s)`, n+1, n+2, where), args...)
	if err != nil {
		return 0, fmt.Errorf("store: read alerts: %w", err)
	}
	marked, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: read alerts: %w", err)
	}
	return int(marked), nil
}
