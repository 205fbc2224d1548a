package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"weiquan/internal/auth"
)

// APIKey is an Open311 client's key (auth.APIKey).
type APIKey = auth.APIKey

// CreateAPIKey stores the hash of a new Open311 key.
func (t *Tx) CreateAPIKey(ctx context.Context, name, keyHash string, now time.Time) (APIKey, error) {
	return t.CreateScopedAPIKey(ctx, name, keyHash, auth.ScopeOpen311, now)
}

// CreateScopedAPIKey stores the hash of a new key for one purpose (auth.ScopeOpen311, auth.ScopeHotline).
func (t *Tx) CreateScopedAPIKey(ctx context.Context, name, keyHash, scope string, now time.Time) (APIKey, error) {
	k := APIKey{Name: name, Scope: scope, CreatedAt: utc(now)}
	err := t.tx.QueryRowContext(ctx, "INSERT INTO api_keys (name, key_hash, scope, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
		name, keyHash, scope, k.CreatedAt).Scan(&k.ID)
	if err != nil {
		return k, fmt.Errorf("store: create api key: %w", err)
	}
	return k, nil
}

// RevokeAPIKey stops a key from working; the row stays for the record.
func (t *Tx) RevokeAPIKey(ctx context.Context, id int64, now time.Time) error {
	res, err := t.tx.ExecContext(ctx, "UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", utc(now), id)
	if err != nil {
		return fmt.Errorf("store: revoke api key %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: revoke api key %d: %w", id, ErrNotFound)
	}
	return nil
}

// APIKeyValid reports whether an unrevoked key has this hash.
func (s *Store) APIKeyValid(ctx context.Context, keyHash string) (bool, error) {
	id, err := s.APIKeyID(ctx, keyHash)
	return id != 0, err
}

// APIKeyID returns the id of a live Open311 key by its hash, or 0 when there is none.
func (s *Store) APIKeyID(ctx context.Context, keyHash string) (int64, error) {
	return s.ScopedAPIKeyID(ctx, keyHash, auth.ScopeOpen311)
}

// ScopedAPIKeyID returns the id of a live key of one purpose by its hash, or 0.
func (s *Store) ScopedAPIKeyID(ctx context.Context, keyHash, scope string) (int64, error) {
	var id int64
	err := s.keyed.QueryRowContext(ctx, "SELECT id FROM api_keys WHERE key_hash = $1 AND scope = $2 AND revoked_at IS NULL", keyHash, scope).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: api key: %w", err)
	}
	return id, nil
}

// APIKeys lists keys, newest first.
func (s *Store) APIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, name, scope, created_at, revoked_at FROM api_keys ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("store: api keys: %w", err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		var k APIKey
		var rev sql.NullTime
		if err := rows.Scan(&k.ID, &k.Name, &k.Scope, &k.CreatedAt, &rev); err != nil {
			return nil, fmt.Errorf("store: api keys: %w", err)
		}
		k.CreatedAt, k.RevokedAt = k.CreatedAt.UTC(), nullTime(rev)
		out = append(out, k)
	}
	return out, rows.Err()
}

// prefixed qualifies a column list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = alias + p
	}
	return strings.Join(parts, ", ")
}
