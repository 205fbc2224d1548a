package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"weiquan/internal/mediation"
)

// OpenChallenges lists the one-time codes of a matter a party may still read back at time now:
// not used, not expired, attempts left (R-L14). Their hashes stay in the database.
func (s *Store) OpenChallenges(ctx context.Context, matterID int64, now time.Time) ([]mediation.Challenge, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, matter_id, side, purpose, kind, created_at, expires_at, attempts, used_at
		FROM consent_challenges WHERE matter_id = $1 AND used_at IS NULL AND expires_at > $2 AND attempts < $3 ORDER BY id`,
		matterID, utc(now), mediation.MaxAttempts)
	if err != nil {
		return nil, fmt.Errorf("store: challenges: %w", err)
	}
	defer rows.Close()
	var out []mediation.Challenge
	for rows.Next() {
		var c mediation.Challenge
		var used sql.NullTime
		if err := rows.Scan(&c.ID, &c.MatterID, &c.Side, &c.Purpose, &c.Kind, &c.CreatedAt, &c.ExpiresAt, &c.Attempts, &used); err != nil {
			return nil, fmt.Errorf("store: challenges: %w", err)
		}
		c.CreatedAt, c.ExpiresAt, c.UsedAt = c.CreatedAt.UTC(), c.ExpiresAt.UTC(), nullTime(used)
		out = append(out, c)
	}
	return out, rows.Err()
}
