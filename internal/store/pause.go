package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"weiquan/internal/deadline"
)

// Pauses returns the stretches a matter's mediation clock stood still, oldest first.
func (t *Tx) Pauses(ctx context.Context, matterID int64) ([]deadline.Pause, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT reason, started_at, ended_at FROM pauses WHERE matter_id = $1 ORDER BY id", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: pauses: %w", err)
	}
	defer rows.Close()
	var out []deadline.Pause
	for rows.Next() {
		var p deadline.Pause
		var end sql.NullTime
		if err := rows.Scan(&p.Reason, &p.From, &end); err != nil {
			return nil, fmt.Errorf("store: pauses: %w", err)
		}
		p.From, p.To = p.From.UTC(), nullTime(end)
		out = append(out, p)
	}
	return out, rows.Err()
}

// StartPause stops a matter's mediation clock (R-L16, R-L17).
func (t *Tx) StartPause(ctx context.Context, matterID int64, reason string, at time.Time, by *int64) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO pauses (matter_id, reason, started_at, started_by) VALUES ($1, $2, $3, $4)",
		matterID, reason, utc(at), idArg(by))
	if err != nil {
		return fmt.Errorf("store: start pause: %w", err)
	}
	return nil
}

// EndPause restarts the clock: the open pause, if any, ends at at.
func (t *Tx) EndPause(ctx context.Context, matterID int64, at time.Time, by *int64) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE pauses SET ended_at = $1, ended_by = $2 WHERE matter_id = $3 AND ended_at IS NULL",
		utc(at), idArg(by), matterID)
	if err != nil {
		return fmt.Errorf("store: end pause: %w", err)
	}
	return nil
}
