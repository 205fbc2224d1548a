package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
)

const honourCols = `h.id, h.merchant_id, mr.name, h.title, h.criteria, h.period_from, h.period_to, h.document_ref, h.status, h.granted_at,
	h.substantiated, h.kept_at, h.proposed_at, h.revoked_at, h.revoke_ref, h.note`

func scanHonour(row interface{ Scan(...any) error }) (credit.Honour, error) {
	var h credit.Honour
	var from, to string
	var proposed, revoked sql.NullTime
	err := row.Scan(&h.ID, &h.MerchantID, &h.MerchantName, &h.Title, &h.Criteria, &from, &to, &h.DocumentRef, &h.Status, &h.GrantedAt,
		&h.Substantiated, &h.KeptAt, &proposed, &revoked, &h.RevokeRef, &h.Note)
	if err != nil {
		return h, err
	}
	if h.From, err = calendar.ParseDate(from); err != nil {
		return h, err
	}
	if h.To, err = calendar.ParseDate(to); err != nil {
		return h, err
	}
	h.GrantedAt, h.ProposedAt, h.RevokedAt = h.GrantedAt.UTC(), nullTime(proposed), nullTime(revoked)
	return h, nil
}

// InsertHonour stores a granted honour.
func (t *Tx) InsertHonour(ctx context.Context, h *credit.Honour) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO honours (merchant_id, title, criteria, period_from, period_to, document_ref, status, granted_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, h.MerchantID, string(h.Title), h.Criteria, h.From.String(), h.To.String(),
		h.DocumentRef, string(h.Status), utc(h.GrantedAt), utc(h.GrantedAt)).Scan(&h.ID)
	if err != nil {
		return fmt.Errorf("store: insert honour: %w", err)
	}
	return nil
}

// UpdateHonour writes an honour's review and decision; from names the status it was read in,
// so two reviews racing propose once.
func (t *Tx) UpdateHonour(ctx context.Context, h *credit.Honour, from credit.HonourStatus, now time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE honours SET status = $1, substantiated = $2, kept_at = $3, proposed_at = $4, revoked_at = $5,
		revoke_ref = $6, note = $7, updated_at = $8 WHERE id = $9 AND status = $10`, string(h.Status), h.Substantiated, h.KeptAt,
		utcPtr(h.ProposedAt), utcPtr(h.RevokedAt), h.RevokeRef, h.Note, utc(now), h.ID, string(from))
	if err != nil {
		return false, fmt.Errorf("store: update honour %d: %w", h.ID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LockHonour reads an honour for a command.
func (t *Tx) LockHonour(ctx context.Context, id int64) (credit.Honour, error) {
	h, err := scanHonour(t.tx.QueryRowContext(ctx, "SELECT "+honourCols+" FROM honours h JOIN merchants mr ON mr.id = h.merchant_id WHERE h.id = $1"+t.forUpdateOf("h"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return h, ErrNotFound
	} else if err != nil {
		return h, fmt.Errorf("store: honour %d: %w", id, err)
	}
	return h, nil
}

// HonourFilter narrows the honours listed.
type HonourFilter struct {
	MerchantID *int64
	Statuses   []credit.HonourStatus
	On         *calendar.Date // holding on this day: not revoked, within the period
}

// Honours lists honours, by title and merchant name.
func (s *Store) Honours(ctx context.Context, f HonourFilter) ([]credit.Honour, error) {
	var conds []string
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.MerchantID != nil {
		conds = append(conds, "h.merchant_id = "+arg(*f.MerchantID))
	}
	if len(f.Statuses) > 0 {
		var ph []string
		for _, st := range f.Statuses {
			ph = append(ph, arg(string(st)))
		}
		conds = append(conds, "h.status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.On != nil {
		d := arg(f.On.String())
		conds = append(conds, "h.status <> 'revoked' AND h.period_from <= "+d+" AND h.period_to >= "+d)
	}
	where := "1 = 1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+honourCols+" FROM honours h JOIN merchants mr ON mr.id = h.merchant_id WHERE "+where+
		" ORDER BY h.title, mr.name, h.id LIMIT 5000", args...)
	if err != nil {
		return nil, fmt.Errorf("store: honours: %w", err)
	}
	defer rows.Close()
	var out []credit.Honour
	for rows.Next() {
		h, err := scanHonour(rows)
		if err != nil {
			return nil, fmt.Errorf("store: honours: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SubstantiatedCounts counts, for each active honour, the complaints and reports against its
// merchant received within its period that ended in one of the outcomes (R-S8). One query.
func (s *Store) SubstantiatedCounts(ctx context.Context, outcomes []string) (map[int64]int, error) {
	out := map[int64]int{}
	if len(outcomes) == 0 {
		return out, nil
	}
	var ph []string
	var args []any
	for _, o := range outcomes {
		args = append(args, o)
		ph = append(ph, fmt.Sprintf("$%d", len(args)))
	}
	// Periods are Shanghai dates; received_at is UTC: compare by the day's start in Shanghai (UTC+8).
	rows, err := s.r.QueryContext(ctx, `SELECT h.id, m.received_at, h.period_from, h.period_to FROM honours h
		JOIN matters m ON m.merchant_id = h.merchant_id
		WHERE h.status = 'active' AND m.outcome IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: substantiated counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at time.Time
		var from, to string
		if err := rows.Scan(&id, &at, &from, &to); err != nil {
			return nil, fmt.Errorf("store: substantiated counts: %w", err)
		}
		d := calendar.DateOf(at).String()
		if _, ok := out[id]; !ok {
			out[id] = 0
		}
		if d >= from && d <= to {
			out[id]++
		}
	}
	return out, rows.Err()
}
