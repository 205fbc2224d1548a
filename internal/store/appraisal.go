package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/mediation"
)

// InsertAppraisal records a testing or appraisal that starts (R-L17).
func (t *Tx) InsertAppraisal(ctx context.Context, a *mediation.Appraisal, by *int64) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO appraisals (matter_id, agency, chosen_by, cost, payer, cost_agreed, started_at, started_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.MatterID, a.Agency, a.ChosenBy, a.Cost, a.Payer, a.CostAgreed, utc(a.StartedAt), idArg(by)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: appraisal: %w", err)
	}
	return nil
}

// EndAppraisal stores the end and the result of an appraisal.
func (t *Tx) EndAppraisal(ctx context.Context, a mediation.Appraisal, by *int64) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE appraisals SET ended_at = $1, result = $2, ended_by = $3 WHERE id = $4",
		utcPtr(a.EndedAt), a.Result, idArg(by), a.ID)
	if err != nil {
		return fmt.Errorf("store: appraisal: %w", err)
	}
	return nil
}

func appraisalsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Appraisal, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, matter_id, agency, chosen_by, cost, payer, cost_agreed, started_at, ended_at, result
		FROM appraisals WHERE matter_id = $1 ORDER BY id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: appraisals: %w", err)
	}
	defer rows.Close()
	var out []mediation.Appraisal
	for rows.Next() {
		var a mediation.Appraisal
		var end sql.NullTime
		if err := rows.Scan(&a.ID, &a.MatterID, &a.Agency, &a.ChosenBy, &a.Cost, &a.Payer, &a.CostAgreed, &a.StartedAt, &end, &a.Result); err != nil {
			return nil, fmt.Errorf("store: appraisals: %w", err)
		}
		a.StartedAt, a.EndedAt = a.StartedAt.UTC(), nullTime(end)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Appraisals lists a matter's testing and appraisals, oldest first.
func (s *Store) Appraisals(ctx context.Context, matterID int64) ([]mediation.Appraisal, error) {
	return appraisalsOf(ctx, s.r, matterID)
}

// Appraisals lists a matter's testing and appraisals in the transaction.
func (t *Tx) Appraisals(ctx context.Context, matterID int64) ([]mediation.Appraisal, error) {
	return appraisalsOf(ctx, t.tx, matterID)
}

// EndPauseFor restarts the clock for one reason: the open pause of that reason, if any, ends at
// at, so that the end of a test does not end a recusal's pause (R-L16, R-L17).
func (t *Tx) EndPauseFor(ctx context.Context, matterID int64, reason string, at time.Time, by *int64) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE pauses SET ended_at = $1, ended_by = $2 WHERE matter_id = $3 AND reason = $4 AND ended_at IS NULL",
		utc(at), idArg(by), matterID, reason)
	if err != nil {
		return fmt.Errorf("store: end pause: %w", err)
	}
	return nil
}

// SaveFacts records or replaces what the case page's helpers work from (R-L8, R-L46, R-L47).
func (t *Tx) SaveFacts(ctx context.Context, matterID int64, f mediation.Facts, by *int64, at time.Time) error {
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("store: facts: %w", err)
	}
	known := ""
	if f.KnownOn != nil {
		known = f.KnownOn.String()
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM matter_facts WHERE matter_id = $1", matterID); err != nil {
		return fmt.Errorf("store: facts: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, "INSERT INTO matter_facts (matter_id, known_on, data, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)",
		matterID, known, string(b), utc(at), idArg(by))
	if err != nil {
		return fmt.Errorf("store: facts: %w", err)
	}
	return nil
}

func factsOf(ctx context.Context, q querier, matterID int64) (mediation.Facts, error) {
	var f mediation.Facts
	var data string
	err := q.QueryRowContext(ctx, "SELECT data FROM matter_facts WHERE matter_id = $1", matterID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("store: facts: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		return f, fmt.Errorf("store: facts: %w", err)
	}
	return f, nil
}

// Facts is what the case page's helpers work from; empty when nothing was recorded.
func (s *Store) Facts(ctx context.Context, matterID int64) (mediation.Facts, error) {
	return factsOf(ctx, s.r, matterID)
}

// Facts is what the helpers work from, read in the transaction.
func (t *Tx) Facts(ctx context.Context, matterID int64) (mediation.Facts, error) {
	return factsOf(ctx, t.tx, matterID)
}

// SetPauseStart moves the start of the open pause of a reason to at: a test recorded after it
// began stopped the clock from its start (R-L17).
func (t *Tx) SetPauseStart(ctx context.Context, matterID int64, reason string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE pauses SET started_at = $1 WHERE matter_id = $2 AND reason = $3 AND ended_at IS NULL",
		utc(at), matterID, reason)
	if err != nil {
		return fmt.Errorf("store: pause start: %w", err)
	}
	return nil
}
