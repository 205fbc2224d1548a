package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"weiquan/internal/casework"
)

// Attachment is a file kept with a matter (casework.Attachment).
type Attachment = casework.Attachment

// InsertAttachment stores a file; the caller appends the timeline event in the same transaction.
func (t *Tx) InsertAttachment(ctx context.Context, a *Attachment) error {
	a.CreatedAt = utc(a.CreatedAt)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO attachments (matter_id, name, content_type, size, sha256, data, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.MatterID, a.Name, a.ContentType, a.Size, a.SHA256, a.Data, idArg(a.UploadedBy), a.CreatedAt).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: insert attachment: %w", err)
	}
	return nil
}

// Attachments lists a matter's files in the order they came, without their bytes.
func (s *Store) Attachments(ctx context.Context, matterID int64) ([]Attachment, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, matter_id, name, content_type, size, sha256, uploaded_by, created_at
		FROM attachments WHERE matter_id = $1 ORDER BY id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var by sql.NullInt64
		if err := rows.Scan(&a.ID, &a.MatterID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &by, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: attachments: %w", err)
		}
		a.UploadedBy, a.CreatedAt = nullID(by), a.CreatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachment returns one file of a matter with its bytes; a file of another matter is not found.
func (s *Store) Attachment(ctx context.Context, matterID, id int64) (Attachment, error) {
	var a Attachment
	var by sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id, matter_id, name, content_type, size, sha256, uploaded_by, created_at, data
		FROM attachments WHERE matter_id = $1 AND id = $2`, matterID, id).
		Scan(&a.ID, &a.MatterID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &by, &a.CreatedAt, &a.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: attachment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("store: attachment %d: %w", id, err)
	}
	a.UploadedBy, a.CreatedAt = nullID(by), a.CreatedAt.UTC()
	return a, nil
}

// HasAttachment reports whether id is one of the matter's files.
func (t *Tx) HasAttachment(ctx context.Context, matterID, id int64) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM attachments WHERE matter_id = $1 AND id = $2", matterID, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: attachment %d: %w", id, err)
	}
	return n > 0, nil
}
