package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/mediation"
)

// InsertDeclaration records a mediator's statement of relations to a matter (R-L16).
func (t *Tx) InsertDeclaration(ctx context.Context, d mediation.Declaration) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO mediator_declarations (matter_id, mediator_id, relation, detail, declared_at)
		VALUES ($1, $2, $3, $4, $5)`, d.MatterID, d.MediatorID, d.Relation, d.Detail, utc(d.DeclaredAt))
	if err != nil {
		return fmt.Errorf("store: declaration: %w", err)
	}
	return nil
}

func declarationsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Declaration, error) {
	rows, err := q.QueryContext(ctx, `SELECT matter_id, mediator_id, relation, detail, declared_at FROM mediator_declarations
		WHERE matter_id = $1 ORDER BY id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: declarations: %w", err)
	}
	defer rows.Close()
	var out []mediation.Declaration
	for rows.Next() {
		var d mediation.Declaration
		if err := rows.Scan(&d.MatterID, &d.MediatorID, &d.Relation, &d.Detail, &d.DeclaredAt); err != nil {
			return nil, fmt.Errorf("store: declarations: %w", err)
		}
		d.DeclaredAt = d.DeclaredAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// Declarations lists the mediators' declarations on a matter.
func (s *Store) Declarations(ctx context.Context, matterID int64) ([]mediation.Declaration, error) {
	return declarationsOf(ctx, s.r, matterID)
}

// Declarations lists the mediators' declarations on a matter in the transaction.
func (t *Tx) Declarations(ctx context.Context, matterID int64) ([]mediation.Declaration, error) {
	return declarationsOf(ctx, t.tx, matterID)
}

// InsertRecusal records a party's application that a mediator withdraw (R-L16).
func (t *Tx) InsertRecusal(ctx context.Context, r *mediation.Recusal) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO recusals (matter_id, side, mediator_id, grounds, applied_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		r.MatterID, r.Side, r.MediatorID, r.Grounds, utc(r.AppliedAt)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("store: recusal: %w", err)
	}
	return nil
}

// DecideRecusal stores the decision on an application.
func (t *Tx) DecideRecusal(ctx context.Context, r mediation.Recusal) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE recusals SET decided_at = $1, upheld = $2, decision = $3, decided_by = $4 WHERE id = $5",
		utcPtr(r.DecidedAt), r.Upheld, r.Decision, idArg(r.DecidedBy), r.ID)
	if err != nil {
		return fmt.Errorf("store: recusal: %w", err)
	}
	return nil
}

const recusalCols = "id, matter_id, side, mediator_id, grounds, applied_at, decided_at, upheld, decision, decided_by"

func scanRecusal(row interface{ Scan(...any) error }) (mediation.Recusal, error) {
	var r mediation.Recusal
	var dec sql.NullTime
	var by sql.NullInt64
	err := row.Scan(&r.ID, &r.MatterID, &r.Side, &r.MediatorID, &r.Grounds, &r.AppliedAt, &dec, &r.Upheld, &r.Decision, &by)
	r.AppliedAt, r.DecidedAt, r.DecidedBy = r.AppliedAt.UTC(), nullTime(dec), nullID(by)
	return r, err
}

func recusalsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Recusal, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+recusalCols+" FROM recusals WHERE matter_id = $1 ORDER BY id", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: recusals: %w", err)
	}
	defer rows.Close()
	var out []mediation.Recusal
	for rows.Next() {
		r, err := scanRecusal(rows)
		if err != nil {
			return nil, fmt.Errorf("store: recusals: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Recusals lists the applications on a matter.
func (s *Store) Recusals(ctx context.Context, matterID int64) ([]mediation.Recusal, error) {
	return recusalsOf(ctx, s.r, matterID)
}

// Recusals lists the applications on a matter in the transaction.
func (t *Tx) Recusals(ctx context.Context, matterID int64) ([]mediation.Recusal, error) {
	return recusalsOf(ctx, t.tx, matterID)
}

// Recusal reads one application of a matter in the transaction.
func (t *Tx) Recusal(ctx context.Context, matterID, id int64) (mediation.Recusal, error) {
	r, err := scanRecusal(t.tx.QueryRowContext(ctx, "SELECT "+recusalCols+" FROM recusals WHERE matter_id = $1 AND id = $2", matterID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: recusal %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: recusal %d: %w", id, err)
	}
	return r, nil
}
