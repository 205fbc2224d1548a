package store

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/mediation"
)

// InsertReferral records a matter handed to another department (R-L10); the record the
// referral workflow will use.
func (t *Tx) InsertReferral(ctx context.Context, r *mediation.Referral) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store: referral: %w", err)
	}
	due := ""
	if r.DueDate != nil {
		due = r.DueDate.String()
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO referrals (matter_id, direction, department, department_name, referred_at, due_date, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		r.MatterID, r.Direction, r.Department, r.DepartmentName, utc(r.ReferredAt), due, string(b)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("store: referral: %w", err)
	}
	return nil
}

// Referrals lists a matter's referrals, oldest first.
func (s *Store) Referrals(ctx context.Context, matterID int64) ([]mediation.Referral, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, data FROM referrals WHERE matter_id = $1 ORDER BY id", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: referrals: %w", err)
	}
	defer rows.Close()
	var out []mediation.Referral
	for rows.Next() {
		var r mediation.Referral
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, fmt.Errorf("store: referrals: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("store: referrals: %w", err)
		}
		r.ID = id
		out = append(out, r)
	}
	return out, rows.Err()
}
