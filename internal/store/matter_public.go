package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SetPublicSummary records the words the public may read of a matter, approved by a person.
func (t *Tx) SetPublicSummary(ctx context.Context, matterID int64, summary string, by *int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO matter_public (matter_id, summary, approved_by, approved_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (matter_id) DO UPDATE SET summary = excluded.summary, approved_by = excluded.approved_by, approved_at = excluded.approved_at`,
		matterID, summary, idArg(by), utc(at))
	if err != nil {
		return fmt.Errorf("store: public summary of %d: %w", matterID, err)
	}
	return nil
}

// PublicSummaries returns the approved public summary of each matter that has one.
func (s *Store) PublicSummaries(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		ph := make([]string, n)
		args := make([]any, n)
		for i := 0; i < n; i++ {
			ph[i], args[i] = fmt.Sprintf("$%d", i+1), ids[i]
		}
		rows, err := s.r.QueryContext(ctx, "SELECT matter_id, summary FROM matter_public WHERE matter_id IN ("+strings.Join(ph, ", ")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store: public summaries: %w", err)
		}
		for rows.Next() {
			var id int64
			var sum string
			if err := rows.Scan(&id, &sum); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: public summaries: %w", err)
			}
			out[id] = sum
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: public summaries: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}
