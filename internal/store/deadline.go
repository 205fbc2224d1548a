package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/deadline"
)

// DeadlineRow is a deadline as stored (deadline.Row).
type DeadlineRow = deadline.Row

const deadlineCols = `id, matter_id, kind, rule, start_at, due_date, due_at, remind_at, missing_year, paused_at,
	reminded_at, breached_at, met_at, cancelled_at, cancel_reason, created_at, updated_at`

// openDeadline is the SQL condition of a deadline still waiting for its step.
const openDeadline = "met_at IS NULL AND cancelled_at IS NULL"

func scanDeadline(row interface{ Scan(...any) error }) (DeadlineRow, error) {
	var d DeadlineRow
	var dueDate string
	var due, remind, paused, reminded, breached, met, cancelled sql.NullTime
	err := row.Scan(&d.ID, &d.MatterID, &d.Kind, &d.Rule, &d.Start, &dueDate, &due, &remind, &d.MissingYear, &paused,
		&reminded, &breached, &met, &cancelled, &d.CancelReason, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return d, err
	}
	if dueDate != "" {
		if d.DueDate, err = calendar.ParseDate(dueDate); err != nil {
			return d, err
		}
	}
	d.Start, d.CreatedAt, d.UpdatedAt = d.Start.UTC(), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	d.DueAt, d.RemindAt, d.PausedAt = nullTime(due), nullTime(remind), nullTime(paused)
	d.RemindedAt, d.BreachedAt, d.MetAt, d.CancelledAt = nullTime(reminded), nullTime(breached), nullTime(met), nullTime(cancelled)
	switch {
	case d.MetAt != nil:
		d.Status = deadline.Met
	case d.CancelledAt != nil:
		d.Status = deadline.Cancelled
	case d.PausedAt != nil:
		d.Status = deadline.Paused
	default:
		d.Status = deadline.Running
	}
	return d, nil
}

func deadlines(ctx context.Context, q querier, where string, args ...any) ([]DeadlineRow, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+deadlineCols+" FROM deadlines WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deadlines: %w", err)
	}
	defer rows.Close()
	var out []DeadlineRow
	for rows.Next() {
		d, err := scanDeadline(rows)
		if err != nil {
			return nil, fmt.Errorf("store: deadlines: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// OpenDeadlines returns a matter's deadlines still waiting for their step.
func (t *Tx) OpenDeadlines(ctx context.Context, matterID int64) ([]DeadlineRow, error) {
	return deadlines(ctx, t.tx, "matter_id = $1 AND "+openDeadline+" ORDER BY id", matterID)
}

// MatterDeadlines returns every deadline a matter ever had, in the order they started.
func (s *Store) MatterDeadlines(ctx context.Context, matterID int64) ([]DeadlineRow, error) {
	return deadlines(ctx, s.r, "matter_id = $1 ORDER BY id", matterID)
}

// Deadline returns one deadline inside the transaction.
func (t *Tx) Deadline(ctx context.Context, id int64) (DeadlineRow, error) {
	list, err := deadlines(ctx, t.tx, "id = $1", id)
	if err != nil {
		return DeadlineRow{}, err
	}
	if len(list) == 0 {
		return DeadlineRow{}, fmt.Errorf("store: deadline %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

func dueDateArg(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// insertDeadlineSQL starts a deadline with its matter's place (area path,
// area, station), which the board reads its scope from (migration 0085; the
// trigger deadlines_follow_matter keeps it when the matter moves).
const insertDeadlineSQL = `INSERT INTO deadlines (matter_id, kind, rule, start_at, due_date, due_at, remind_at, missing_year,
		paused_at, created_at, updated_at, area_path, area_id, station_id)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT area_path FROM matters WHERE id = $1),
		(SELECT area_id FROM matters WHERE id = $1), (SELECT station_id FROM matters WHERE id = $1))`

// InsertDeadline starts a deadline.
func (t *Tx) InsertDeadline(ctx context.Context, d *DeadlineRow) error {
	err := t.tx.QueryRowContext(ctx, insertDeadlineSQL+` RETURNING id`,
		d.MatterID, d.Kind, d.Rule, utc(d.Start), dueDateArg(d.DueDate), utcPtr(d.DueAt), utcPtr(d.RemindAt), d.MissingYear,
		utcPtr(d.PausedAt), utc(d.CreatedAt), utc(d.UpdatedAt)).Scan(&d.ID)
	if isUnique(err) {
		return fmt.Errorf("store: insert deadline %s: %w", d.Kind, ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("store: insert deadline: %w", err)
	}
	return nil
}

// InsertDeadlineLater starts a deadline whose id the caller does not need:
// the row is written before the transaction commits and before any later
// statement of it that names deadlines, perhaps with others in one round
// trip (late.go); a failure is the command's all the same.
func (t *Tx) InsertDeadlineLater(ctx context.Context, d DeadlineRow) error {
	return t.later(ctx, "deadlines", func(err error) error {
		if isUnique(err) {
			return fmt.Errorf("store: insert deadline %s: %w", d.Kind, ErrDuplicate)
		}
		return fmt.Errorf("store: insert deadline: %w", err)
	}, insertDeadlineSQL,
		d.MatterID, d.Kind, d.Rule, utc(d.Start), dueDateArg(d.DueDate), utcPtr(d.DueAt), utcPtr(d.RemindAt), d.MissingYear,
		utcPtr(d.PausedAt), utc(d.CreatedAt), utc(d.UpdatedAt))
}

// UpdateDeadline moves an open deadline: a new due time after a pause or an extension.
func (t *Tx) UpdateDeadline(ctx context.Context, d DeadlineRow) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE deadlines SET start_at = $1, due_date = $2, due_at = $3, remind_at = $4, missing_year = $5,
		paused_at = $6, reminded_at = $7, updated_at = $8 WHERE id = $9 AND `+openDeadline,
		utc(d.Start), dueDateArg(d.DueDate), utcPtr(d.DueAt), utcPtr(d.RemindAt), d.MissingYear, utcPtr(d.PausedAt),
		utcPtr(d.RemindedAt), utc(d.UpdatedAt), d.ID)
	if err != nil {
		return fmt.Errorf("store: update deadline %d: %w", d.ID, err)
	}
	return nil
}

// EndDeadline records that a deadline was met, or cancelled for a reason.
func (t *Tx) EndDeadline(ctx context.Context, id int64, met bool, reason string, at time.Time) error {
	col := "cancelled_at"
	if met {
		col = "met_at"
	}
	_, err := t.tx.ExecContext(ctx, "UPDATE deadlines SET "+col+" = $1, cancel_reason = $2, updated_at = $1 WHERE id = $3 AND "+openDeadline,
		utc(at), reason, id)
	if err != nil {
		return fmt.Errorf("store: end deadline %d: %w", id, err)
	}
	return nil
}

// DueItem is a deadline the scanner must act on: remind or breach.
type DueItem struct {
	ID       int64
	MatterID int64
	Breach   bool
}

// DueDeadlines finds open, running deadlines whose due time (breach) or reminder time has
// come by now, breaches first, at most limit of them.
func (s *Store) DueDeadlines(ctx context.Context, now time.Time, limit int) ([]DueItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, matter_id, CASE WHEN due_at <= $1 THEN 1 ELSE 0 END AS breach FROM deadlines
		WHERE `+openDeadline+` AND paused_at IS NULL AND breached_at IS NULL
		AND (due_at <= $1 OR (reminded_at IS NULL AND remind_at <= $1))
		ORDER BY breach DESC, id LIMIT $2`, utc(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: due deadlines: %w", err)
	}
	defer rows.Close()
	var out []DueItem
	for rows.Next() {
		var it DueItem
		var breach int
		if err := rows.Scan(&it.ID, &it.MatterID, &breach); err != nil {
			return nil, fmt.Errorf("store: due deadlines: %w", err)
		}
		it.Breach = breach == 1
		out = append(out, it)
	}
	return out, rows.Err()
}

// NextDue is the earliest instant at which the scanner will have something to do, or nil.
func (s *Store) NextDue(ctx context.Context) (*time.Time, error) {
	var next sql.NullTime
	err := s.r.QueryRowContext(ctx, `SELECT MIN(t) FROM (
		SELECT MIN(due_at) AS t FROM deadlines WHERE `+openDeadline+` AND paused_at IS NULL AND breached_at IS NULL
		UNION ALL
		SELECT MIN(remind_at) AS t FROM deadlines WHERE `+openDeadline+` AND paused_at IS NULL AND breached_at IS NULL AND reminded_at IS NULL) x`).Scan(&next)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: next due: %w", err)
	}
	return nullTime(next), nil
}

// ClaimBreach marks a deadline breached at now if nobody has; only the caller that gets
// true may announce it, so a breach fires once across restarts and instances.
func (t *Tx) ClaimBreach(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE deadlines SET breached_at = $1 WHERE id = $2 AND breached_at IS NULL
		AND `+openDeadline+` AND paused_at IS NULL AND due_at <= $1`, utc(now), id)
	if err != nil {
		return false, fmt.Errorf("store: claim breach %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ClaimReminder marks a deadline reminded at now if nobody has and it is not yet due.
func (t *Tx) ClaimReminder(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE deadlines SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL
		AND breached_at IS NULL AND `+openDeadline+` AND paused_at IS NULL AND remind_at <= $1 AND due_at > $1`, utc(now), id)
	if err != nil {
		return false, fmt.Errorf("store: claim reminder %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MattersWithOpenDeadlines pages through matters that still have open deadlines counted in
// days, for recounting after a calendar is loaded.
func (s *Store) MattersWithOpenDeadlines(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT matter_id FROM deadlines WHERE `+openDeadline+` AND kind <> 'on_site'
		AND matter_id > $1 ORDER BY matter_id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: matters with deadlines: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: matters with deadlines: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
