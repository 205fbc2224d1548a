package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TakeSigninSlot counts one sign-in attempt in a bucket of failures unless the bucket
// already holds limit of them in its window; it reports whether the slot was taken. The
// count never passes limit+1 (callers roll a refused attempt back, so it stays at limit),
// and a window that has ended starts again at one. The upsert locks the row, so two
// instances counting at once cannot both take the last slot.
func (t *Tx) TakeSigninSlot(ctx context.Context, bucket, subject string, limit int, window time.Duration, now time.Time) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `INSERT INTO signin_failures (bucket, subject, failures, ends_at) VALUES ($1, $2, 1, $3)
		ON CONFLICT (bucket, subject) DO UPDATE SET
			failures = CASE WHEN signin_failures.ends_at <= $4 THEN 1
				WHEN signin_failures.failures > $5 THEN signin_failures.failures
				ELSE signin_failures.failures + 1 END,
			ends_at = CASE WHEN signin_failures.ends_at <= $4 THEN $3 ELSE signin_failures.ends_at END
		RETURNING failures`, bucket, subject, utc(now.Add(window)), utc(now), limit).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: sign-in slot %s: %w", bucket, err)
	}
	return n <= limit, nil
}

// GiveBackSigninSlot undoes TakeSigninSlot: the attempt did not fail after all. A bucket
// left with no failures is deleted, so successful sign-ins leave no rows behind.
func (t *Tx) GiveBackSigninSlot(ctx context.Context, bucket, subject string) error {
	_, err := t.tx.ExecContext(ctx, "DELETE FROM signin_failures WHERE bucket = $1 AND subject = $2 AND failures <= 1", bucket, subject)
	if err == nil {
		_, err = t.tx.ExecContext(ctx, "UPDATE signin_failures SET failures = failures - 1 WHERE bucket = $1 AND subject = $2 AND failures > 1", bucket, subject)
	}
	if err != nil {
		return fmt.Errorf("store: give back sign-in slot %s: %w", bucket, err)
	}
	return nil
}

// ClearSigninBucket forgets a bucket's failures.
func (t *Tx) ClearSigninBucket(ctx context.Context, bucket, subject string) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM signin_failures WHERE bucket = $1 AND subject = $2", bucket, subject); err != nil {
		return fmt.Errorf("store: clear sign-in bucket %s: %w", bucket, err)
	}
	return nil
}

// SigninKnown reports whether an account signed in successfully from an address
// (their pair) at or after since.
func (t *Tx) SigninKnown(ctx context.Context, pair string, since time.Time) (bool, error) {
	var at time.Time
	err := t.tx.QueryRowContext(ctx, "SELECT last_ok_at FROM signin_known WHERE pair = $1", pair).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: known sign-in: %w", err)
	}
	return !at.Before(utc(since)), nil
}

// RememberSignin notes a successful sign-in of an account from an address.
func (t *Tx) RememberSignin(ctx context.Context, pair string, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO signin_known (pair, last_ok_at) VALUES ($1, $2)
		ON CONFLICT (pair) DO UPDATE SET last_ok_at = $2`, pair, utc(now))
	if err != nil {
		return fmt.Errorf("store: remember sign-in: %w", err)
	}
	return nil
}

// SweepSignin drops counters whose window has ended and known addresses not used since knownSince.
func (t *Tx) SweepSignin(ctx context.Context, now, knownSince time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM signin_failures WHERE ends_at <= $1", utc(now)); err != nil {
		return fmt.Errorf("store: sweep sign-in failures: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM signin_known WHERE last_ok_at < $1", utc(knownSince)); err != nil {
		return fmt.Errorf("store: sweep known sign-ins: %w", err)
	}
	return nil
}

// SigninFailureRows counts the rows of failure counters, to keep the table bounded.
func (s *Store) SigninFailureRows(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM signin_failures").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count sign-in failures: %w", err)
	}
	return n, nil
}

// SigninFailures returns the failures a bucket counts now (0 when its window has ended); for tests and the admin.
func (s *Store) SigninFailures(ctx context.Context, bucket, subject string, now time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT failures FROM signin_failures WHERE bucket = $1 AND subject = $2 AND ends_at > $3",
		bucket, subject, utc(now)).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: sign-in failures: %w", err)
	}
	return n, nil
}
