package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/mediation"
)

// InsertCallback opens the callback task of a closed complaint in the sample (R-L23); once.
func (t *Tx) InsertCallback(ctx context.Context, c *mediation.Callback) error {
	err := t.tx.QueryRowContext(ctx, "INSERT INTO callbacks (matter_id, created_at) VALUES ($1, $2) RETURNING id", c.MatterID, utc(c.CreatedAt)).Scan(&c.ID)
	if isUnique(err) {
		return fmt.Errorf("store: callback: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: callback: %w", err)
	}
	return nil
}

// UpdateCallback stores a callback's result.
func (t *Tx) UpdateCallback(ctx context.Context, c mediation.Callback) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE callbacks SET done_at = $1, reached = $2, satisfaction = $3, comment = $4, done_by = $5 WHERE id = $6",
		utcPtr(c.DoneAt), c.Reached, c.Satisfaction, c.Comment, idArg(c.By), c.ID)
	if err != nil {
		return fmt.Errorf("store: callback: %w", err)
	}
	return nil
}

func callbackOf(ctx context.Context, q querier, matterID int64) (*mediation.Callback, error) {
	var c mediation.Callback
	var done sql.NullTime
	var sat, by sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT id, matter_id, created_at, done_at, reached, satisfaction, comment, done_by FROM callbacks WHERE matter_id = $1", matterID).
		Scan(&c.ID, &c.MatterID, &c.CreatedAt, &done, &c.Reached, &sat, &c.Comment, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: callback: %w", err)
	}
	c.CreatedAt, c.DoneAt, c.By = c.CreatedAt.UTC(), nullTime(done), nullID(by)
	if sat.Valid {
		v := int(sat.Int64)
		c.Satisfaction = &v
	}
	return &c, nil
}

// Callback is a matter's callback task; nil when it is not in the sample.
func (s *Store) Callback(ctx context.Context, matterID int64) (*mediation.Callback, error) {
	return callbackOf(ctx, s.r, matterID)
}

// Callback reads a matter's callback task in the transaction.
func (t *Tx) Callback(ctx context.Context, matterID int64) (*mediation.Callback, error) {
	return callbackOf(ctx, t.tx, matterID)
}
