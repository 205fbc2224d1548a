package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"weiquan/internal/dispatch"
)

const areaCols = "id, parent_id, name, code, level, kind, on_site_minutes, path, created_at"

func scanArea(row interface{ Scan(...any) error }) (dispatch.Area, error) {
	var a dispatch.Area
	var parent sql.NullInt64
	err := row.Scan(&a.ID, &parent, &a.Name, &a.Code, &a.Level, &a.Kind, &a.OnSiteMinutes, &a.Path, &a.CreatedAt)
	a.ParentID = nullID(parent)
	a.CreatedAt = a.CreatedAt.UTC()
	return a, err
}

func getArea(ctx context.Context, q querier, id int64) (dispatch.Area, error) {
	a, err := scanArea(q.QueryRowContext(ctx, "SELECT "+areaCols+" FROM areas WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: area %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("store: area %d: %w", id, err)
	}
	return a, nil
}

// Area returns one area.
func (s *Store) Area(ctx context.Context, id int64) (dispatch.Area, error) {
	return getArea(ctx, s.r, id)
}

// Area returns one area inside the transaction.
func (t *Tx) Area(ctx context.Context, id int64) (dispatch.Area, error) {
	return getArea(ctx, t.tx, id)
}

// Areas returns every area ordered by path, so a tree reads top-down.
func (s *Store) Areas(ctx context.Context) ([]dispatch.Area, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+areaCols+" FROM areas ORDER BY path")
	if err != nil {
		return nil, fmt.Errorf("store: areas: %w", err)
	}
	defer rows.Close()
	var out []dispatch.Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			return nil, fmt.Errorf("store: areas: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindAreas returns areas whose name contains q, deepest first, for pickers and imports.
func (s *Store) FindAreas(ctx context.Context, q string, limit int) ([]dispatch.Area, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+areaCols+" FROM areas WHERE name LIKE $1 ORDER BY LENGTH(path) DESC, name LIMIT $2",
		"%"+escapeLike(q)+"%", limit)
	if err != nil {
		return nil, fmt.Errorf("store: find areas: %w", err)
	}
	defer rows.Close()
	var out []dispatch.Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find areas: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CreateArea inserts an area under its parent and sets its path.
func (t *Tx) CreateArea(ctx context.Context, a *dispatch.Area) error {
	parentPath := "/"
	if a.ParentID != nil {
		p, err := t.Area(ctx, *a.ParentID)
		if err != nil {
			return err
		}
		parentPath = p.Path
	}
	a.CreatedAt = utc(a.CreatedAt)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO areas (parent_id, name, code, level, kind, on_site_minutes, path, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, '', $7) RETURNING id`,
		idArg(a.ParentID), a.Name, a.Code, a.Level, a.Kind, a.OnSiteMinutes, a.CreatedAt).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: create area: %w", err)
	}
	a.Path = parentPath + strconv.FormatInt(a.ID, 10) + "/"
	if _, err := t.tx.ExecContext(ctx, "UPDATE areas SET path = $1 WHERE id = $2", a.Path, a.ID); err != nil {
		return fmt.Errorf("store: create area: %w", err)
	}
	return nil
}

// UpdateArea changes an area's own fields; its place in the tree does not move.
func (t *Tx) UpdateArea(ctx context.Context, a dispatch.Area) error {
	res, err := t.tx.ExecContext(ctx, "UPDATE areas SET name = $1, code = $2, level = $3, kind = $4, on_site_minutes = $5 WHERE id = $6",
		a.Name, a.Code, a.Level, a.Kind, a.OnSiteMinutes, a.ID)
	if err != nil {
		return fmt.Errorf("store: update area %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update area %d: %w", a.ID, ErrNotFound)
	}
	return nil
}

func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
