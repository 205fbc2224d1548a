package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ImportPreview is an uploaded ledger between its preview and its commit, and the
// commit's result after it: kept in the database so that any instance can finish it.
type ImportPreview struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	FileName  string
	SHA256    string
	Size      int64
	Data      []byte // nil once committed
	State     string // PreviewWaiting, PreviewBusy, PreviewDone
	Result    string // the commit's result (JSON), once done
}

// States of an import preview.
const (
	PreviewWaiting = "waiting"
	PreviewBusy    = "busy" // a commit is running
	PreviewDone    = "done"
)

// PutImportPreview stores an uploaded file.
func (t *Tx) PutImportPreview(ctx context.Context, p ImportPreview) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO import_previews (token_hash, user_id, created_at, expires_at, file_name, sha256, size, data, state, result)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '')`,
		p.TokenHash, p.UserID, utc(p.CreatedAt), utc(p.ExpiresAt), p.FileName, p.SHA256, p.Size, p.Data, PreviewWaiting)
	if err != nil {
		return fmt.Errorf("store: put import preview: %w", err)
	}
	return nil
}

// ImportPreview returns a user's unexpired preview, with the file when withData.
func (s *Store) ImportPreview(ctx context.Context, tokenHash string, userID int64, now time.Time, withData bool) (ImportPreview, error) {
	data := "NULL"
	if withData {
		data = "data"
	}
	var p ImportPreview
	err := s.r.QueryRowContext(ctx, "SELECT token_hash, user_id, created_at, expires_at, file_name, sha256, size, "+data+", state, result"+
		" FROM import_previews WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3", tokenHash, userID, utc(now)).
		Scan(&p.TokenHash, &p.UserID, &p.CreatedAt, &p.ExpiresAt, &p.FileName, &p.SHA256, &p.Size, &p.Data, &p.State, &p.Result)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("store: import preview: %w", ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("store: import preview: %w", err)
	}
	p.CreatedAt, p.ExpiresAt = p.CreatedAt.UTC(), p.ExpiresAt.UTC()
	return p, nil
}

// ImportPreviewSpace returns how many previews a user holds and the bytes of every file held.
func (t *Tx) ImportPreviewSpace(ctx context.Context, userID int64) (mine int, bytes int64, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN user_id = $1 THEN 1 ELSE 0 END), 0), COALESCE(SUM(size), 0)
		FROM import_previews`, userID).Scan(&mine, &bytes)
	if err != nil {
		return 0, 0, fmt.Errorf("store: import preview space: %w", err)
	}
	return mine, bytes, nil
}

// DropOldestImportPreview deletes the oldest preview that no commit is using (the
// user's own when userID is not 0); it reports whether there was one.
func (t *Tx) DropOldestImportPreview(ctx context.Context, userID int64) (bool, error) {
	q, args := "SELECT token_hash FROM import_previews WHERE state <> $1", []any{PreviewBusy}
	if userID != 0 {
		q, args = q+" AND user_id = $2", append(args, userID)
	}
	var tok string
	err := t.tx.QueryRowContext(ctx, q+" ORDER BY created_at, token_hash LIMIT 1", args...).Scan(&tok)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: oldest import preview: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM import_previews WHERE token_hash = $1", tok); err != nil {
		return false, fmt.Errorf("store: drop import preview: %w", err)
	}
	return true, nil
}

// SweepImportPreviews deletes expired previews.
func (t *Tx) SweepImportPreviews(ctx context.Context, now time.Time) error {
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM import_previews WHERE expires_at <= $1", utc(now)); err != nil {
		return fmt.Errorf("store: sweep import previews: %w", err)
	}
	return nil
}

// ClaimImportPreview marks a user's waiting preview as being committed, so that a
// second click (on any instance) cannot import it twice; it reports whether it did.
func (t *Tx) ClaimImportPreview(ctx context.Context, tokenHash string, userID int64, now time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, "UPDATE import_previews SET state = $1 WHERE token_hash = $2 AND user_id = $3 AND state = $4 AND expires_at > $5",
		PreviewBusy, tokenHash, userID, PreviewWaiting, utc(now))
	if err != nil {
		return false, fmt.Errorf("store: claim import preview: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ReleaseImportPreview gives a claimed preview back after a commit that did not happen.
func (t *Tx) ReleaseImportPreview(ctx context.Context, tokenHash string) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE import_previews SET state = $1 WHERE token_hash = $2 AND state = $3", PreviewWaiting, tokenHash, PreviewBusy)
	if err != nil {
		return fmt.Errorf("store: release import preview: %w", err)
	}
	return nil
}

// FinishImportPreview replaces a committed file by what its commit did, kept until expires.
func (t *Tx) FinishImportPreview(ctx context.Context, tokenHash, result string, expires time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE import_previews SET state = $1, data = NULL, size = 0, result = $2, expires_at = $3 WHERE token_hash = $4",
		PreviewDone, result, utc(expires), tokenHash)
	if err != nil {
		return fmt.Errorf("store: finish import preview: %w", err)
	}
	return nil
}
