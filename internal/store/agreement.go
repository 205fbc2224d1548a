package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/calendar"
	"weiquan/internal/mediation"
)

// InsertAgreement stores the agreement of a matter with its amounts by kind (R-S6); one per matter.
func (t *Tx) InsertAgreement(ctx context.Context, a *mediation.Agreement, answerID, by *int64) error {
	due := ""
	if a.DueDate != nil {
		due = a.DueDate.String()
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO agreements (matter_id, terms, recovered, agreed_at, mode, performed_on_spot, due_date,
		waive_document, online, presided, answer_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		a.MatterID, a.Terms, int64(a.Recovered), utc(a.AgreedAt), a.Mode, a.PerformedOnSpot, due, a.WaiveDocument, a.Online, a.Presided,
		idArg(answerID), idArg(by)).Scan(&a.ID)
	if isUnique(err) {
		return fmt.Errorf("store: agreement: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: agreement: %w", err)
	}
	for _, x := range a.Amounts {
		if _, err := t.tx.ExecContext(ctx, "INSERT INTO agreement_amounts (agreement_id, kind, amount, note) VALUES ($1, $2, $3, $4)",
			a.ID, x.Kind, int64(x.Amount), x.Note); err != nil {
			return fmt.Errorf("store: agreement amount: %w", err)
		}
	}
	return nil
}

func agreementOf(ctx context.Context, q querier, matterID int64) (*mediation.Agreement, error) {
	var a mediation.Agreement
	var due string
	err := q.QueryRowContext(ctx, `SELECT id, matter_id, terms, recovered, agreed_at, mode, performed_on_spot, due_date, waive_document, online, presided
		FROM agreements WHERE matter_id = $1`, matterID).
		Scan(&a.ID, &a.MatterID, &a.Terms, &a.Recovered, &a.AgreedAt, &a.Mode, &a.PerformedOnSpot, &due, &a.WaiveDocument, &a.Online, &a.Presided)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: agreement: %w", err)
	}
	a.AgreedAt = a.AgreedAt.UTC()
	if due != "" {
		d, err := calendar.ParseDate(due)
		if err != nil {
			return nil, fmt.Errorf("store: agreement due date: %w", err)
		}
		a.DueDate = &d
	}
	rows, err := q.QueryContext(ctx, "SELECT kind, amount, note FROM agreement_amounts WHERE agreement_id = $1 ORDER BY id", a.ID)
	if err != nil {
		return nil, fmt.Errorf("store: agreement amounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x mediation.Amount
		if err := rows.Scan(&x.Kind, &x.Amount, &x.Note); err != nil {
			return nil, fmt.Errorf("store: agreement amounts: %w", err)
		}
		a.Amounts = append(a.Amounts, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var f mediation.Fulfilment
	var by sql.NullInt64
	err = q.QueryRowContext(ctx, "SELECT status, at, paid, note, recorded_by FROM fulfilments WHERE agreement_id = $1", a.ID).
		Scan(&f.Status, &f.At, &f.Paid, &f.Note, &by)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("store: fulfilment: %w", err)
	default:
		f.At, f.RecordedBy = f.At.UTC(), nullID(by)
		a.Fulfilment = &f
	}
	return &a, nil
}

// Agreement is a matter's agreement with its amounts and fulfilment; nil when there is none.
func (s *Store) Agreement(ctx context.Context, matterID int64) (*mediation.Agreement, error) {
	return agreementOf(ctx, s.r, matterID)
}

// Agreement reads a matter's agreement in the transaction.
func (t *Tx) Agreement(ctx context.Context, matterID int64) (*mediation.Agreement, error) {
	return agreementOf(ctx, t.tx, matterID)
}

// InsertFulfilment records what was performed of an agreement; once.
func (t *Tx) InsertFulfilment(ctx context.Context, agreementID int64, f mediation.Fulfilment) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO fulfilments (agreement_id, status, at, paid, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)",
		agreementID, f.Status, utc(f.At), int64(f.Paid), f.Note, idArg(f.RecordedBy))
	if isUnique(err) {
		return fmt.Errorf("store: fulfilment: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: fulfilment: %w", err)
	}
	return nil
}

// InsertSignature stores a signature on an agreement, the drawn PNG with it (R-L34); each side once.
func (t *Tx) InsertSignature(ctx context.Context, s *mediation.Signature, png []byte) error {
	var img any
	if len(png) > 0 {
		img = png
	}
	side := string(s.Side)
	if s.Method == mediation.Sealed {
		side = "seal"
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO signatures (agreement_id, side, signer_name, by_agent, method, image, image_sha256, attachment_id, signed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		s.AgreementID, side, s.SignerName, s.ByAgent, s.Method, img, s.ImageSHA256, idArg(s.AttachmentID), utc(s.SignedAt)).Scan(&s.ID)
	if isUnique(err) {
		return fmt.Errorf("store: signature: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: signature: %w", err)
	}
	return nil
}

// SignatureImage is a signature with its drawn PNG, for documents.
type SignatureImage struct {
	mediation.Signature
	PNG []byte `json:"-"`
}

func signaturesOf(ctx context.Context, q querier, agreementID int64, images bool) ([]SignatureImage, error) {
	img := "NULL"
	if images {
		img = "image"
	}
	rows, err := q.QueryContext(ctx, `SELECT id, agreement_id, side, signer_name, by_agent, method, `+img+`, image_sha256, attachment_id, signed_at
		FROM signatures WHERE agreement_id = $1 ORDER BY id`, agreementID)
	if err != nil {
		return nil, fmt.Errorf("store: signatures: %w", err)
	}
	defer rows.Close()
	var out []SignatureImage
	for rows.Next() {
		var s SignatureImage
		var side string
		var att sql.NullInt64
		if err := rows.Scan(&s.ID, &s.AgreementID, &side, &s.SignerName, &s.ByAgent, &s.Method, &s.PNG, &s.ImageSHA256, &att, &s.SignedAt); err != nil {
			return nil, fmt.Errorf("store: signatures: %w", err)
		}
		if side != "seal" {
			s.Side = mediation.Side(side)
		}
		s.AttachmentID, s.SignedAt = nullID(att), s.SignedAt.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}

// Signatures lists an agreement's signatures; with images, their PNGs too.
func (s *Store) Signatures(ctx context.Context, agreementID int64, images bool) ([]SignatureImage, error) {
	return signaturesOf(ctx, s.r, agreementID, images)
}

// Signatures lists an agreement's signatures in the transaction.
func (t *Tx) Signatures(ctx context.Context, agreementID int64, images bool) ([]SignatureImage, error) {
	return signaturesOf(ctx, t.tx, agreementID, images)
}
