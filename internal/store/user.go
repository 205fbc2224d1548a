package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
)

const userCols = "id, username, display_name, role, area_id, station_id, merchant_id, phone, lang, active, password_hash, created_at"

func scanUser(row interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	var area, station, merch sql.NullInt64
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &area, &station, &merch, &u.Phone, &u.Lang, &u.Active, &u.PasswordHash, &u.CreatedAt)
	u.AreaID, u.StationID, u.MerchantID = nullID(area), nullID(station), nullID(merch)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

func getUser(ctx context.Context, q querier, where string, arg any) (auth.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("store: user %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("store: user %v: %w", arg, err)
	}
	return u, nil
}

// User returns one user.
func (s *Store) User(ctx context.Context, id int64) (auth.User, error) {
	return getUser(ctx, s.r, "id = $1", id)
}

// User returns one user inside the transaction.
func (t *Tx) User(ctx context.Context, id int64) (auth.User, error) {
	return getUser(ctx, t.tx, "id = $1", id)
}

// UserByName returns the user with this user name.
func (s *Store) UserByName(ctx context.Context, username string) (auth.User, error) {
	return getUser(ctx, s.r, "username = $1", username)
}

// Users lists every user by role and name.
func (s *Store) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+userCols+" FROM users ORDER BY role, username")
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers tells whether the first admin still has to be created.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// CreateUser inserts a user; a user name already taken is a field error.
func (t *Tx) CreateUser(ctx context.Context, u *auth.User) error {
	u.CreatedAt = utc(u.CreatedAt)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, role, area_id, station_id, merchant_id, phone, lang, active, password_hash, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		u.Username, u.DisplayName, u.Role, idArg(u.AreaID), idArg(u.StationID), idArg(u.MerchantID), u.Phone, u.Lang, u.Active, u.PasswordHash, u.CreatedAt).Scan(&u.ID)
	if isUnique(err) {
		return invalid.New("username", invalid.Duplicate)
	}
	if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

// UpdateUser changes a user, including the password hash.
func (t *Tx) UpdateUser(ctx context.Context, u auth.User) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE users SET username = $1, display_name = $2, role = $3, area_id = $4, station_id = $5,
		merchant_id = $6, phone = $7, lang = $8, active = $9, password_hash = $10 WHERE id = $11`,
		u.Username, u.DisplayName, u.Role, idArg(u.AreaID), idArg(u.StationID), idArg(u.MerchantID), u.Phone, u.Lang, u.Active, u.PasswordHash, u.ID)
	if isUnique(err) {
		return invalid.New("username", invalid.Duplicate)
	}
	if err != nil {
		return fmt.Errorf("store: update user %d: %w", u.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update user %d: %w", u.ID, ErrNotFound)
	}
	if !u.Active {
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", u.ID); err != nil {
			return fmt.Errorf("store: end sessions of user %d: %w", u.ID, err)
		}
	}
	return nil
}

// CreateSession stores the hash of a new session token.
func (t *Tx) CreateSession(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)",
		tokenHash, userID, utc(now), utc(expires))
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionUser returns the active user of a live session and when the session was last
// seen: it has not expired, began after startedAfter and was seen after seenAfter.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now, startedAfter, seenAfter time.Time) (auth.User, time.Time, error) {
	// last_seen_at is set for every session (migration 0007 filled the older ones).
	var seen time.Time
	row := s.keyed.QueryRowContext(ctx, "SELECT "+prefixed("u.", userCols)+", s.last_seen_at"+
		" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3"+
		" AND s.last_seen_at > $4 AND u.active",
		tokenHash, utc(now), utc(startedAfter), utc(seenAfter))
	u, err := scanUser(scanPlus{row, &seen})
	if errors.Is(err, sql.ErrNoRows) {
		return u, seen, fmt.Errorf("store: session: %w", ErrNotFound)
	}
	if err != nil {
		return u, seen, fmt.Errorf("store: session: %w", err)
	}
	return u, seen.UTC(), nil
}

// scanPlus scans a user row followed by more columns.
type scanPlus struct {
	row  interface{ Scan(...any) error }
	more any
}

func (p scanPlus) Scan(dest ...any) error { return p.row.Scan(append(dest, p.more)...) }

// TouchSession records that a session was used now.
func (t *Tx) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", tokenHash, utc(now)); err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	return nil
}

// EndSessions signs a user out everywhere, except the session keepHash ("" keeps none).
func (t *Tx) EndSessions(ctx context.Context, userID int64, keepHash string) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", userID, keepHash); err != nil {
		return fmt.Errorf("store: end sessions of user %d: %w", userID, err)
	}
	return nil
}

// DeleteSession signs a session out; expired sessions are swept at the same time.
func (t *Tx) DeleteSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2", tokenHash, utc(now)); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}
