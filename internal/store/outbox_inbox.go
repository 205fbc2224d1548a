package store

import (
	"context"
	"fmt"
	"time"
)

// CountAlerts counts the alerts a filter lets through (up to f.CountUpTo),
// cheaply enough for the unread badge that every page shows: read off the
// alerts' own place (see Alerts), never the matters of the scope.
func (s *Store) CountAlerts(ctx context.Context, f AlertFilter) (int, error) {
	n, _, err := s.countAlerts(ctx, f)
	return n, err
}

// MarkAlertsRead marks as read, by one person, every unread alert the filter lets through;
// it returns how many it marked.
func (t *Tx) MarkAlertsRead(ctx context.Context, f AlertFilter, by int64, at time.Time) (int, error) {
	f.Unread = true
	q := &alertQuery{f: f, d: t.dialect}
	where := q.where()
	n := len(q.args)
	args := append(q.args, utc(at), by)
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
