package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/hotline"
)

const workOrderCols = `w.id, w.order_no, w.matter_id, m.number, w.state, w.prev_state, w.designated, w.rating, w.score,
	w.callback_note, w.title, w.centre_due_at, w.dispatched_at, w.updated_at, w.version`

func scanWorkOrder(row interface{ Scan(...any) error }) (hotline.Order, error) {
	var o hotline.Order
	var score sql.NullInt64
	var due sql.NullTime
	err := row.Scan(&o.ID, &o.OrderNo, &o.MatterID, &o.MatterNumber, &o.State, &o.PrevState, &o.Designated, &o.Rating, &score,
		&o.CallbackNote, &o.Title, &due, &o.DispatchedAt, &o.UpdatedAt, &o.Version)
	if err != nil {
		return o, err
	}
	if score.Valid {
		n := int(score.Int64)
		o.Score = &n
	}
	o.CentreDueAt = nullTime(due)
	o.DispatchedAt, o.UpdatedAt = o.DispatchedAt.UTC(), o.UpdatedAt.UTC()
	return o, nil
}

// InsertWorkOrder stores a new work order; a number the centre sent before is ErrDuplicate.
func (t *Tx) InsertWorkOrder(ctx context.Context, o *hotline.Order) error {
	o.Version = 1
	err := t.tx.QueryRowContext(ctx, `INSERT INTO work_orders (order_no, matter_id, state, prev_state, designated, rating, score,
		callback_note, title, centre_due_at, dispatched_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) RETURNING id`,
		o.OrderNo, o.MatterID, o.State, o.PrevState, o.Designated, o.Rating, scoreArg(o.Score), o.CallbackNote, o.Title,
		utcPtr(o.CentreDueAt), utc(o.DispatchedAt), utc(o.UpdatedAt)).Scan(&o.ID)
	if isUnique(err) {
		return fmt.Errorf("store: work order %s: %w", o.OrderNo, ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("store: insert work order: %w", err)
	}
	return t.rateMatter(ctx, o.ID)
}

// rateMatter copies a work order's callback rating onto its matter, where the
// rollup trigger counts it for the report (migration 0012), in the same
// transaction as the work order.
func (t *Tx) rateMatter(ctx context.Context, orderID int64) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE matters SET hotline_rating = (SELECT rating FROM work_orders WHERE id = $1)
		WHERE id = (SELECT matter_id FROM work_orders WHERE id = $1) AND hotline_rating <> (SELECT rating FROM work_orders WHERE id = $1)`, orderID)
	if err != nil {
		return fmt.Errorf("store: rate matter: %w", err)
	}
	return nil
}

// UpdateWorkOrder writes a changed work order with a version check.
func (t *Tx) UpdateWorkOrder(ctx context.Context, o *hotline.Order) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE work_orders SET state = $1, prev_state = $2, designated = $3, rating = $4, score = $5,
		callback_note = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9`,
		o.State, o.PrevState, o.Designated, o.Rating, scoreArg(o.Score), o.CallbackNote, utc(o.UpdatedAt), o.ID, o.Version)
	if err != nil {
		return fmt.Errorf("store: update work order: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update work order %s: %w", o.OrderNo, ErrConflict)
	}
	o.Version++
	return t.rateMatter(ctx, o.ID)
}

// LockWorkOrder reads a work order by the centre's number inside a transaction, locked.
func (t *Tx) LockWorkOrder(ctx context.Context, orderNo string) (hotline.Order, error) {
	o, err := scanWorkOrder(t.tx.QueryRowContext(ctx, "SELECT "+workOrderCols+
		" FROM work_orders w JOIN matters m ON m.id = w.matter_id WHERE w.order_no = $1"+t.forUpdate(), orderNo))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("store: work order %s: %w", orderNo, ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("store: work order: %w", err)
	}
	return o, nil
}

// WorkOrder reads a work order by the centre's number.
func (s *Store) WorkOrder(ctx context.Context, orderNo string) (hotline.Order, error) {
	return s.workOrder(ctx, "w.order_no = $1", orderNo)
}

// WorkOrderOfMatter reads the work order a matter came with, if any (ErrNotFound).
func (s *Store) WorkOrderOfMatter(ctx context.Context, matterID int64) (hotline.Order, error) {
	return s.workOrder(ctx, "w.matter_id = $1", matterID)
}

func (s *Store) workOrder(ctx context.Context, where string, arg any) (hotline.Order, error) {
	o, err := scanWorkOrder(s.r.QueryRowContext(ctx, "SELECT "+workOrderCols+" FROM work_orders w JOIN matters m ON m.id = w.matter_id WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("store: work order: %w", ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("store: work order: %w", err)
	}
	return o, nil
}

// HotlineRatings counts the callers' ratings of the work orders of a filter's matters,
// by rating (R-L27: the centre's callback feeds the office's figures).
func (s *Store) HotlineRatings(ctx context.Context, f MatterFilter) (map[string]int64, error) {
	f.dialect = s.dialect
	if out, ok, err := s.hotlineFromRollup(ctx, f); ok || err != nil {
		return out, err
	}
	return s.hotlineFromMatters(ctx, f)
}

// hotlineFromMatters counts the ratings over the work orders themselves. It
// lists the matters of the scope (IN (SELECT id FROM matters …)), which at a
// province's size is millions of ids, but only when the rollup cannot answer:
// a period not of whole days or a filter the rollup does not carry. The report
// (service.Summary, its only caller) always asks for whole days with the
// scope, an area and a station only, and merchants have no report, so no page
// reads it; it stays as the rollup's oracle in the tests.
func (s *Store) hotlineFromMatters(ctx context.Context, f MatterFilter) (map[string]int64, error) {
	where, args := f.where()
	rows, err := s.r.QueryContext(ctx, "SELECT w.rating, COUNT(*) FROM work_orders w WHERE w.rating <> '' AND w.matter_id IN (SELECT id FROM matters WHERE "+
		where+") GROUP BY w.rating", args...)
	if err != nil {
		return nil, fmt.Errorf("store: hotline ratings: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var r string
		var n int64
		if err := rows.Scan(&r, &n); err != nil {
			return nil, fmt.Errorf("store: hotline ratings: %w", err)
		}
		out[r] = n
	}
	return out, rows.Err()
}

func scoreArg(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
