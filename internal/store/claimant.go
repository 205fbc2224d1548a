package store

import (
	"context"
	"fmt"
	"time"

	"weiquan/internal/casework"
)

// ClaimantHistory lists the complaints received since a time that share a phone, an address or
// an ID number with a complaint: what the suspicious-claimant flags look at (R-L9). Each of the
// three is looked up on its own so each can use its index.
func (s *Store) ClaimantHistory(ctx context.Context, phone, address, idNumber string, since time.Time, limit int) ([]casework.Matter, error) {
	var out []casework.Matter
	seen := map[int64]bool{}
	for _, q := range []struct{ col, v string }{{"consumer_phone", phone}, {"consumer_address", address}, {"consumer_id_number", idNumber}} {
		if q.v == "" {
			continue
		}
		rows, err := s.r.QueryContext(ctx, "SELECT "+matterCols+" FROM matters WHERE kind = 'complaint' AND "+q.col+" = $1 AND received_at >= $2 ORDER BY received_at DESC, id DESC LIMIT $3",
			q.v, utc(since), limit)
		if err != nil {
			return nil, fmt.Errorf("store: claimant history: %w", err)
		}
		for rows.Next() {
			m, err := scanMatter(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: claimant history: %w", err)
			}
			if !seen[m.ID] {
				seen[m.ID] = true
				out = append(out, m)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: claimant history: %w", err)
		}
	}
	return out, nil
}
