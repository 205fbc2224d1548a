package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateCourtAPIKey makes a key of scope "court" bound to the court's station.
func (t *Tx) CreateCourtAPIKey(ctx context.Context, name, keyHash string, stationID int64, now time.Time) (APIKey, error) {
	k, err := t.CreateScopedAPIKey(ctx, name, keyHash, "court", now)
	if err != nil {
		return k, err
	}
	if _, err := t.tx.ExecContext(ctx, "INSERT INTO court_api_keys (api_key_id, station_id) VALUES ($1, $2)", k.ID, stationID); err != nil {
		return k, fmt.Errorf("store: court api key: %w", err)
	}
	return k, nil
}

// CourtAPIKey finds a live court key by its hash: the key's id and its court's station, or
// 0, 0 when no live court key has that hash.
func (s *Store) CourtAPIKey(ctx context.Context, keyHash string) (id, stationID int64, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT k.id, c.station_id FROM api_keys k JOIN court_api_keys c ON c.api_key_id = k.id
		WHERE k.key_hash = $1 AND k.scope = 'court' AND k.revoked_at IS NULL`, keyHash).Scan(&id, &stationID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("store: court api key: %w", err)
	}
	return id, stationID, nil
}
