package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/mediation"
)

// DocumentRow is an issued document as kept: the bytes handed out and their SHA-256 (R-L20);
// a reprint serves these bytes, a correction is the next version.
type DocumentRow struct {
	ID         int64              `json:"id"`
	MatterID   int64              `json:"-"`
	Kind       mediation.Document `json:"kind"`
	Lang       string             `json:"lang"`
	Version    int                `json:"version"`
	HTML       []byte             `json:"-"`
	HTMLSHA256 string             `json:"html_sha256"`
	PDF        []byte             `json:"-"`
	PDFSHA256  string             `json:"pdf_sha256,omitempty"`
	Supersedes string             `json:"supersedes,omitempty"`
	Reason     string             `json:"reason,omitempty"`
	IssuedAt   time.Time          `json:"issued_at"`
	IssuedBy   *int64             `json:"issued_by,omitempty"`
}

// InsertDocument keeps an issued document; the same kind, language and version twice is a conflict.
func (t *Tx) InsertDocument(ctx context.Context, d *DocumentRow) error {
	var pdf any
	if len(d.PDF) > 0 {
		pdf = d.PDF
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO documents (matter_id, kind, lang, version, html, html_sha256, pdf, pdf_sha256, supersedes, reason,
		issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		d.MatterID, d.Kind, d.Lang, d.Version, d.HTML, d.HTMLSHA256, pdf, d.PDFSHA256, d.Supersedes, d.Reason, utc(d.IssuedAt), idArg(d.IssuedBy)).Scan(&d.ID)
	if isUnique(err) {
		return fmt.Errorf("store: document: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: document: %w", err)
	}
	return nil
}

const documentMeta = "id, matter_id, kind, lang, version, html_sha256, pdf_sha256, supersedes, reason, issued_at, issued_by"

func scanDocument(row interface{ Scan(...any) error }, extra ...any) (DocumentRow, error) {
	var d DocumentRow
	var by sql.NullInt64
	err := row.Scan(append([]any{&d.ID, &d.MatterID, &d.Kind, &d.Lang, &d.Version, &d.HTMLSHA256, &d.PDFSHA256, &d.Supersedes, &d.Reason, &d.IssuedAt, &by}, extra...)...)
	d.IssuedAt, d.IssuedBy = d.IssuedAt.UTC(), nullID(by)
	return d, err
}

func documentsOf(ctx context.Context, q querier, matterID int64) ([]DocumentRow, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+documentMeta+" FROM documents WHERE matter_id = $1 ORDER BY id", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	var out []DocumentRow
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Documents lists a matter's issued documents without their bytes, in the order issued.
func (s *Store) Documents(ctx context.Context, matterID int64) ([]DocumentRow, error) {
	return documentsOf(ctx, s.r, matterID)
}

// Documents lists a matter's issued documents in the transaction.
func (t *Tx) Documents(ctx context.Context, matterID int64) ([]DocumentRow, error) {
	return documentsOf(ctx, t.tx, matterID)
}

// Document returns one issued document of a matter with its bytes.
func (s *Store) Document(ctx context.Context, matterID, id int64) (DocumentRow, error) {
	var html, pdf []byte
	d, err := scanDocument(s.r.QueryRowContext(ctx, "SELECT "+documentMeta+", html, pdf FROM documents WHERE matter_id = $1 AND id = $2", matterID, id), &html, &pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("store: document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("store: document %d: %w", id, err)
	}
	d.HTML, d.PDF = html, pdf
	return d, nil
}
