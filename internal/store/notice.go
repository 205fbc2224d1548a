package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/bulletin"
)

const noticeCols = "id, title, body, area_id, starts_on, ends_on, created_by, created_at, updated_at"

func scanNotice(row interface{ Scan(...any) error }) (bulletin.Notice, error) {
	var n bulletin.Notice
	var area, by sql.NullInt64
	err := row.Scan(&n.ID, &n.Title, &n.Body, &area, &n.StartsOn, &n.EndsOn, &by, &n.CreatedAt, &n.UpdatedAt)
	n.AreaID, n.CreatedBy = nullID(area), nullID(by)
	n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
	return n, err
}

// SaveNotice inserts a notice (ID 0) or changes one.
func (t *Tx) SaveNotice(ctx context.Context, n *bulletin.Notice) error {
	if n.ID == 0 {
		err := t.tx.QueryRowContext(ctx, `INSERT INTO public_notices (title, body, area_id, starts_on, ends_on, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, n.Title, n.Body, idArg(n.AreaID), n.StartsOn, n.EndsOn, idArg(n.CreatedBy),
			utc(n.CreatedAt), utc(n.UpdatedAt)).Scan(&n.ID)
		if err != nil {
			return fmt.Errorf("store: add notice: %w", err)
		}
		return nil
	}
	res, err := t.tx.ExecContext(ctx, "UPDATE public_notices SET title = $1, body = $2, area_id = $3, starts_on = $4, ends_on = $5, updated_at = $6 WHERE id = $7",
		n.Title, n.Body, idArg(n.AreaID), n.StartsOn, n.EndsOn, utc(n.UpdatedAt), n.ID)
	if err != nil {
		return fmt.Errorf("store: save notice %d: %w", n.ID, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("store: notice %d: %w", n.ID, ErrNotFound)
	}
	return nil
}

// Notice reads one notice.
func (s *Store) Notice(ctx context.Context, id int64) (bulletin.Notice, error) {
	n, err := scanNotice(s.r.QueryRowContext(ctx, "SELECT "+noticeCols+" FROM public_notices WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("store: notice %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("store: notice %d: %w", id, err)
	}
	return n, nil
}

// Notices lists notices, the latest start first; onDay (YYYY-MM-DD), when set, keeps those current that day.
func (s *Store) Notices(ctx context.Context, onDay string, limit int) ([]bulletin.Notice, error) {
	q, args := "SELECT "+noticeCols+" FROM public_notices", []any{}
	if onDay != "" {
		q += " WHERE starts_on <= $1 AND (ends_on = '' OR ends_on >= $1)"
		args = append(args, onDay)
	}
	args = append(args, limit)
	q += fmt.Sprintf(" ORDER BY starts_on DESC, id DESC LIMIT $%d", len(args))
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: notices: %w", err)
	}
	defer rows.Close()
	var out []bulletin.Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, fmt.Errorf("store: notices: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
