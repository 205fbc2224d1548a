package store

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/mediation"
)

// FraudReferral is the matter's referral to the police for fraud or extortion (R-L10: the
// matter is then 移送公安), or nil when there is none. Read in the command's transaction.
func (t *Tx) FraudReferral(ctx context.Context, matterID int64) (*mediation.Referral, error) {
	return fraudReferral(ctx, t.tx, matterID)
}

// FraudReferral is the matter's fraud referral to the police, or nil.
func (s *Store) FraudReferral(ctx context.Context, matterID int64) (*mediation.Referral, error) {
	return fraudReferral(ctx, s.r, matterID)
}

func fraudReferral(ctx context.Context, q querier, matterID int64) (*mediation.Referral, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, data FROM referrals WHERE matter_id = $1 AND department = $2 AND direction = $3 ORDER BY id",
		matterID, string(mediation.Police), string(mediation.Outgoing))
	if err != nil {
		return nil, fmt.Errorf("store: fraud referral: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r mediation.Referral
		var data string
		if err := rows.Scan(&r.ID, &data); err != nil {
			return nil, fmt.Errorf("store: fraud referral: %w", err)
		}
		id := r.ID
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("store: fraud referral: %w", err)
		}
		r.ID = id
		if len(r.Grounds) > 0 {
			return &r, rows.Close()
		}
	}
	return nil, rows.Err()
}
