package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PortalReceipt is what the portal keeps of a submission beside its matter: the hash of
// the tracking code handed to the consumer, the e-mail address given for notices, the language.
type PortalReceipt struct {
	MatterID  int64
	TrackHash string
	Email     string
	Lang      string
	CreatedAt time.Time
}

// AddPortalReceipt keeps the receipt of a portal submission.
func (t *Tx) AddPortalReceipt(ctx context.Context, r PortalReceipt) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO portal_receipts (matter_id, track_hash, email, lang, created_at) VALUES ($1, $2, $3, $4, $5)",
		r.MatterID, r.TrackHash, r.Email, r.Lang, utc(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: portal receipt: %w", err)
	}
	return nil
}

// PortalReceipt reads the receipt of a matter submitted on the portal; ErrNotFound otherwise.
func (t *Tx) PortalReceipt(ctx context.Context, matterID int64) (PortalReceipt, error) {
	r := PortalReceipt{MatterID: matterID}
	err := t.tx.QueryRowContext(ctx, "SELECT track_hash, email, lang, created_at FROM portal_receipts WHERE matter_id = $1", matterID).
		Scan(&r.TrackHash, &r.Email, &r.Lang, &r.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: portal receipt %d: %w", matterID, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: portal receipt %d: %w", matterID, err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, nil
}

// PortalCode is a one-time code sent to prove a matter's phone.
type PortalCode struct {
	ID        int64
	MatterID  int64
	Hash      string
	Tries     int
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AddPortalCode keeps a new one-time code (its hash) and retires the earlier ones of the matter.
func (t *Tx) AddPortalCode(ctx context.Context, c *PortalCode) error {
	if _, err := t.tx.ExecContext(ctx, "UPDATE portal_codes SET used_at = $1 WHERE matter_id = $2 AND used_at IS NULL",
		utc(c.CreatedAt), c.MatterID); err != nil {
		return fmt.Errorf("store: portal code: %w", err)
	}
	err := t.tx.QueryRowContext(ctx, "INSERT INTO portal_codes (matter_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id",
		c.MatterID, c.Hash, utc(c.CreatedAt), utc(c.ExpiresAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("store: portal code: %w", err)
	}
	return nil
}

// LivePortalCode returns the matter's unused code that has not expired by now, locked; ErrNotFound when none.
func (t *Tx) LivePortalCode(ctx context.Context, matterID int64, now time.Time) (PortalCode, error) {
	c := PortalCode{MatterID: matterID}
	err := t.tx.QueryRowContext(ctx, `SELECT id, code_hash, tries, created_at, expires_at FROM portal_codes
		WHERE matter_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1`+t.forUpdate(), matterID, utc(now)).
		Scan(&c.ID, &c.Hash, &c.Tries, &c.CreatedAt, &c.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: portal code: %w", ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: portal code: %w", err)
	}
	return c, nil
}

// TryPortalCode counts a wrong try at a code; used ends it (right, or too many tries).
func (t *Tx) TryPortalCode(ctx context.Context, id int64, tries int, used *time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE portal_codes SET tries = $1, used_at = $2 WHERE id = $3", tries, utcPtr(used), id)
	if err != nil {
		return fmt.Errorf("store: portal code %d: %w", id, err)
	}
	return nil
}

// AddPortalSession opens a consumer's session on one matter, kept by the hash of its token.
func (t *Tx) AddPortalSession(ctx context.Context, tokenHash string, matterID int64, now, expires time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM portal_sessions WHERE expires_at <= $1", utc(now)); err != nil {
		return fmt.Errorf("store: portal session: %w", err)
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO portal_sessions (token_hash, matter_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
		tokenHash, matterID, utc(now), utc(expires))
	if err != nil {
		return fmt.Errorf("store: portal session: %w", err)
	}
	return nil
}

// PortalSession returns the matter of a live session; ErrNotFound when none.
func (s *Store) PortalSession(ctx context.Context, tokenHash string, now time.Time) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, "SELECT matter_id FROM portal_sessions WHERE token_hash = $1 AND expires_at > $2", tokenHash, utc(now)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: portal session: %w", ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: portal session: %w", err)
	}
	return id, nil
}

// EndPortalSession ends a session.
func (t *Tx) EndPortalSession(ctx context.Context, tokenHash string) error {
	_, err := t.tx.ExecContext(ctx, "DELETE FROM portal_sessions WHERE token_hash = $1", tokenHash)
	if err != nil {
		return fmt.Errorf("store: portal session: %w", err)
	}
	return nil
}

// CountHits counts the events of a throttle's bucket since a time. On PostgreSQL the bucket is
// locked for the transaction, so two instances counting at once take their turns (SQLite's
// immediate transactions already do).
func (t *Tx) CountHits(ctx context.Context, bucket string, since time.Time) (int, error) {
	var n int
	if t.dialect == Postgres {
		if _, err := t.tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", bucket); err != nil {
			return 0, fmt.Errorf("store: hits: %w", err)
		}
	}
	err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM portal_hits WHERE bucket = $1 AND at > $2", bucket, utc(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: hits: %w", err)
	}
	return n, nil
}

// AddHit counts one event in a throttle's bucket, and forgets events older than forget.
func (t *Tx) AddHit(ctx context.Context, bucket string, at, forget time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM portal_hits WHERE bucket = $1 AND at <= $2", bucket, utc(forget)); err != nil {
		return fmt.Errorf("store: hit: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, "INSERT INTO portal_hits (bucket, at) VALUES ($1, $2)", bucket, utc(at)); err != nil {
		return fmt.Errorf("store: hit: %w", err)
	}
	return nil
}
