package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/dispatch"
)

const stationCols = "id, area_id, name, host_type, address, phone, active, head_id, created_at, hours"

func scanStation(row interface{ Scan(...any) error }) (dispatch.Station, error) {
	var s dispatch.Station
	var head sql.NullInt64
	err := row.Scan(&s.ID, &s.AreaID, &s.Name, &s.HostType, &s.Address, &s.Phone, &s.Active, &head, &s.CreatedAt, &s.Hours)
	s.CreatedAt, s.HeadID = s.CreatedAt.UTC(), nullID(head)
	return s, err
}

func getStation(ctx context.Context, q querier, id int64) (dispatch.Station, error) {
	st, err := scanStation(q.QueryRowContext(ctx, "SELECT "+stationCols+" FROM stations WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("store: station %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("store: station %d: %w", id, err)
	}
	return st, nil
}

// Station returns one station.
func (s *Store) Station(ctx context.Context, id int64) (dispatch.Station, error) {
	return getStation(ctx, s.r, id)
}

// Station returns one station inside the transaction.
func (t *Tx) Station(ctx context.Context, id int64) (dispatch.Station, error) {
	return getStation(ctx, t.tx, id)
}

// Stations returns every station, by area then name.
func (s *Store) Stations(ctx context.Context) ([]dispatch.Station, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+stationCols+" FROM stations ORDER BY area_id, name")
	if err != nil {
		return nil, fmt.Errorf("store: stations: %w", err)
	}
	defer rows.Close()
	var out []dispatch.Station
	for rows.Next() {
		st, err := scanStation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: stations: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// CreateStation inserts a station.
func (t *Tx) CreateStation(ctx context.Context, st *dispatch.Station) error {
	st.CreatedAt = utc(st.CreatedAt)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO stations (area_id, name, host_type, address, phone, active, head_id, created_at, hours)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		st.AreaID, st.Name, st.HostType, st.Address, st.Phone, st.Active, idArg(st.HeadID), st.CreatedAt, st.Hours).Scan(&st.ID)
	if err != nil {
		return fmt.Errorf("store: create station: %w", err)
	}
	return nil
}

// UpdateStation changes a station.
func (t *Tx) UpdateStation(ctx context.Context, st dispatch.Station) error {
	res, err := t.tx.ExecContext(ctx, "UPDATE stations SET area_id = $1, name = $2, host_type = $3, address = $4, phone = $5, active = $6, head_id = $7, hours = $8 WHERE id = $9",
		st.AreaID, st.Name, st.HostType, st.Address, st.Phone, st.Active, idArg(st.HeadID), st.Hours, st.ID)
	if err != nil {
		return fmt.Errorf("store: update station %d: %w", st.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update station %d: %w", st.ID, ErrNotFound)
	}
	return nil
}

// StationsHeadedBy lists the stations a user heads.
func (s *Store) StationsHeadedBy(ctx context.Context, userID int64) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id FROM stations WHERE head_id = $1", userID)
	if err != nil {
		return nil, fmt.Errorf("store: stations headed by %d: %w", userID, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: stations headed by %d: %w", userID, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
