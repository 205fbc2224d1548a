package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OfferDecline is a merchant's offer the consumer turned down on the portal.
type OfferDecline struct {
	AnswerID   int64
	MatterID   int64
	Reason     string
	DeclinedAt time.Time
}

// DeclineOffer records that the consumer declined an offer; once per offer (ErrConflict after).
func (t *Tx) DeclineOffer(ctx context.Context, d OfferDecline) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO offer_declines (answer_id, matter_id, reason, declined_at) VALUES ($1, $2, $3, $4)",
		d.AnswerID, d.MatterID, d.Reason, utc(d.DeclinedAt))
	if isUnique(err) {
		return fmt.Errorf("store: offer decline: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: offer decline: %w", err)
	}
	return nil
}

func offerDeclineOf(ctx context.Context, q querier, answerID int64) (*OfferDecline, error) {
	var d OfferDecline
	err := q.QueryRowContext(ctx, "SELECT answer_id, matter_id, reason, declined_at FROM offer_declines WHERE answer_id = $1", answerID).
		Scan(&d.AnswerID, &d.MatterID, &d.Reason, &d.DeclinedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: offer decline: %w", err)
	}
	d.DeclinedAt = d.DeclinedAt.UTC()
	return &d, nil
}

// OfferDecline is the consumer's refusal of an offer; nil when there is none.
func (s *Store) OfferDecline(ctx context.Context, answerID int64) (*OfferDecline, error) {
	return offerDeclineOf(ctx, s.r, answerID)
}

// OfferDecline reads the refusal in the transaction.
func (t *Tx) OfferDecline(ctx context.Context, answerID int64) (*OfferDecline, error) {
	return offerDeclineOf(ctx, t.tx, answerID)
}

// Poster is a station's poster as printed: the page, its PDF and their SHA-256.
type Poster struct {
	ID         int64
	StationID  int64
	Lang       string
	HTMLSHA256 string
	HTML       []byte
	PDF        []byte
	PDFSHA256  string
	CreatedAt  time.Time
}

// Poster is the stored print of a station's poster with this page, or ErrNotFound.
func (s *Store) Poster(ctx context.Context, stationID int64, lang, htmlSHA string) (Poster, error) {
	var p Poster
	err := s.r.QueryRowContext(ctx, `SELECT id, station_id, lang, html_sha256, html, pdf, pdf_sha256, created_at FROM station_posters
		WHERE station_id = $1 AND lang = $2 AND html_sha256 = $3`, stationID, lang, htmlSHA).
		Scan(&p.ID, &p.StationID, &p.Lang, &p.HTMLSHA256, &p.HTML, &p.PDF, &p.PDFSHA256, &p.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("store: poster: %w", err)
	}
	p.CreatedAt = p.CreatedAt.UTC()
	return p, nil
}

// AddPoster keeps a printed poster; a second print of the same page keeps the first (ErrConflict).
func (t *Tx) AddPoster(ctx context.Context, p *Poster) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO station_posters (station_id, lang, html_sha256, html, pdf, pdf_sha256, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, p.StationID, p.Lang, p.HTMLSHA256, p.HTML, p.PDF, p.PDFSHA256, utc(p.CreatedAt)).Scan(&p.ID)
	if isUnique(err) {
		return fmt.Errorf("store: poster: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: poster: %w", err)
	}
	return nil
}
