package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/collective"
)

// InsertJointAgreement stores a joint agreement and its shares, each naming the member's own
// agreement (agreements[matterID]), and sets its id.
func (t *Tx) InsertJointAgreement(ctx context.Context, a *collective.JointAgreement, agreements map[int64]int64, by *int64, now time.Time) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO joint_agreements (case_id, terms, representative_id, total, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.CaseID, a.Terms, a.Representative, int64(a.Total), by, utc(now)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: insert joint agreement: %w", err)
	}
	for _, sh := range a.Shares {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO joint_shares (joint_id, matter_id, agreement_id, amount) VALUES ($1, $2, $3, $4)`,
			a.ID, sh.MatterID, agreements[sh.MatterID], int64(sh.Amount)); err != nil {
			return fmt.Errorf("store: insert joint share: %w", err)
		}
	}
	return nil
}

// JointAgreements lists a case's joint agreements with their shares, oldest first.
func (s *Store) JointAgreements(ctx context.Context, caseID int64) ([]collective.JointAgreement, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT j.id, j.terms, j.representative_id, j.total, sh.matter_id, m.number, sh.amount
		FROM joint_agreements j JOIN joint_shares sh ON sh.joint_id = j.id JOIN matters m ON m.id = sh.matter_id
		WHERE j.case_id = $1 ORDER BY j.id, m.received_at, m.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("store: joint agreements: %w", err)
	}
	defer rows.Close()
	var out []collective.JointAgreement
	for rows.Next() {
		var j collective.JointAgreement
		var sh collective.Share
		if err := rows.Scan(&j.ID, &j.Terms, &j.Representative, &j.Total, &sh.MatterID, &sh.Number, &sh.Amount); err != nil {
			return nil, fmt.Errorf("store: joint agreements: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != j.ID {
			j.CaseID = caseID
			out = append(out, j)
		}
		out[len(out)-1].Shares = append(out[len(out)-1].Shares, sh)
	}
	return out, rows.Err()
}

// ConfirmedCaseOf reads, with its members, the confirmed collective case a matter belongs to;
// ErrNotFound when it is in none.
func (t *Tx) ConfirmedCaseOf(ctx context.Context, matterID int64) (collective.Case, error) {
	var id int64
	err := t.tx.QueryRowContext(ctx, `SELECT c.id FROM collective_cases c JOIN collective_members cm ON cm.case_id = c.id
		WHERE cm.matter_id = $1 AND c.status = 'confirmed' ORDER BY c.id LIMIT 1`, matterID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return collective.Case{}, ErrNotFound
	} else if err != nil {
		return collective.Case{}, fmt.Errorf("store: case of matter %d: %w", matterID, err)
	}
	return t.LockCollectiveCase(ctx, id)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
