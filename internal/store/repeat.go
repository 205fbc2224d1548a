package store

import (
	"context"
	"fmt"
	"time"

	"weiquan/internal/casework"
)

// RecentSamePhoneMerchant lists matters from the same phone against the same
// merchant (by registry id, or by name when it has none) received since a time,
// newest first. Intake shows them as a warning, never as a block.
func (s *Store) RecentSamePhoneMerchant(ctx context.Context, phone string, merchantID *int64, merchantName string, since time.Time) ([]casework.Matter, error) {
	if phone == "" || (merchantID == nil && merchantName == "") {
		return nil, nil
	}
	q := "SELECT " + matterCols + " FROM matters WHERE consumer_phone = $1 AND received_at >= $2 AND "
	args := []any{phone, utc(since)}
	if merchantID != nil {
		q += "merchant_id = $3"
		args = append(args, *merchantID)
	} else {
		q += "merchant_name = $3"
		args = append(args, merchantName)
	}
	rows, err := s.r.QueryContext(ctx, q+" ORDER BY received_at DESC, id DESC LIMIT 5", args...)
	if err != nil {
		return nil, fmt.Errorf("store: recent matters of a phone: %w", err)
	}
	defer rows.Close()
	var out []casework.Matter
	for rows.Next() {
		m, err := scanMatter(rows)
		if err != nil {
			return nil, fmt.Errorf("store: recent matters of a phone: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MerchantMatterCount counts the matters ever brought against a merchant: its record.
func (s *Store) MerchantMatterCount(ctx context.Context, merchantID int64) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM matters WHERE merchant_id = $1", merchantID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: merchant %d record: %w", merchantID, err)
	}
	return n, nil
}
