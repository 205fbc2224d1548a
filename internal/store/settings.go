package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

func settings(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: settings: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}

// Settings returns every stored setting as key → JSON; keys not stored take their defaults in code.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) { return settings(ctx, s.r) }

// Settings returns the settings inside the transaction.
func (t *Tx) Settings(ctx context.Context) (map[string]string, error) { return settings(ctx, t.tx) }

// SaveSetting stores one setting and logs the value, so every earlier value stays on record.
func (t *Tx) SaveSetting(ctx context.Context, key, value string, by *int64, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		key, value, utc(now), idArg(by))
	if err != nil {
		return fmt.Errorf("store: save setting %s: %w", key, err)
	}
	_, err = t.tx.ExecContext(ctx, "INSERT INTO settings_log (key, value, changed_at, changed_by) VALUES ($1, $2, $3, $4)",
		key, value, utc(now), idArg(by))
	if err != nil {
		return fmt.Errorf("store: save setting %s: %w", key, err)
	}
	return nil
}

// SettingChanged returns when a setting was last saved, or nil if it never was.
func (s *Store) SettingChanged(ctx context.Context, key string) (*time.Time, error) {
	var at time.Time
	err := s.r.QueryRowContext(ctx, "SELECT updated_at FROM settings WHERE key = $1", key).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: setting %s: %w", key, err)
	}
	at = at.UTC()
	return &at, nil
}

// ConfigStamp is a value that changes whenever the official calendar or a
// setting does, in this instance or another: the version triggers keep
// (migration 0078), so a command knows whether its cached calendar and
// settings are current by reading one row.
// stampReads counts the config stamps read from the database, for tests.
var stampReads atomic.Int64

func (t *Tx) ConfigStamp(ctx context.Context) (string, error) {
	if b := t.tx.stamp; b != nil && b.ok {
		return b.v, nil
	}
	if o := t.tx.open; o != nil && !o.begun { // a PostgreSQL batch not begun yet (pgOpen)
		if v, ok := o.guessStamp(); ok {
			return v, nil
		}
		if err := o.begin(ctx, t.tx.conn); err != nil {
			return "", fmt.Errorf("store: config stamp: %w", err)
		}
		return t.tx.stamp.v, nil
	}
	var v int64
	stampReads.Add(1)
	if err := t.tx.QueryRowContext(ctx, "SELECT version FROM config_version WHERE id = 1").Scan(&v); err != nil {
		return "", fmt.Errorf("store: config stamp: %w", err)
	}
	if b := t.tx.stamp; b != nil {
		b.v, b.ok = strconv.FormatInt(v, 10), true
	}
	if o := t.tx.open; o != nil {
		o.s.stampAt.Store(v + 1)
	}
	return strconv.FormatInt(v, 10), nil
}
