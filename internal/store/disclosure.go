package store

import (
	"context"
	"fmt"

	"weiquan/internal/merchant"
)

// MerchantComplaintFacts returns, for one merchant, what disclosure counts of its complaints
// (never its reports, R-L25).
func (s *Store) MerchantComplaintFacts(ctx context.Context, merchantID int64) ([]merchant.ComplaintFact, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT received_at, state, outcome, accepted_at IS NOT NULL,
		EXISTS (SELECT 1 FROM merchant_answers a WHERE a.matter_id = matters.id)
		FROM matters WHERE merchant_id = $1 AND kind = 'complaint' ORDER BY received_at`, merchantID)
	if err != nil {
		return nil, fmt.Errorf("store: merchant %d complaints: %w", merchantID, err)
	}
	defer rows.Close()
	var out []merchant.ComplaintFact
	for rows.Next() {
		var f merchant.ComplaintFact
		var state string
		if err := rows.Scan(&f.ReceivedAt, &state, &f.Outcome, &f.Accepted, &f.Answered); err != nil {
			return nil, fmt.Errorf("store: merchant %d complaints: %w", merchantID, err)
		}
		f.ReceivedAt, f.Closed = f.ReceivedAt.UTC(), state == "closed"
		out = append(out, f)
	}
	return out, rows.Err()
}
