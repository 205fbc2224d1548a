package store

import (
	"context"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
)

// MerchantFigures sums the complaints received in [from, to) per merchant of the registry,
// or for one merchant: the record and the disclosure figures (R-L29).
func (s *Store) MerchantFigures(ctx context.Context, from, to time.Time, merchantID *int64) ([]credit.Figures, error) {
	q := `SELECT m.merchant_id, mr.name, COUNT(*),
		COALESCE(SUM(CASE WHEN m.state = 'closed' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN m.outcome = 'agreement' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN m.outcome = 'terminated' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(m.recovered), 0),
		COALESCE(SUM(CASE WHEN m.accepted_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM matters m JOIN merchants mr ON mr.id = m.merchant_id
		WHERE m.kind = 'complaint' AND m.received_at >= $1 AND m.received_at < $2`
	args := []any{utc(from), utc(to)}
	if merchantID != nil {
		q += " AND m.merchant_id = $3"
		args = append(args, *merchantID)
	}
	rows, err := s.r.QueryContext(ctx, q+" GROUP BY m.merchant_id, mr.name ORDER BY COUNT(*) DESC, mr.name", args...)
	if err != nil {
		return nil, fmt.Errorf("store: merchant figures: %w", err)
	}
	defer rows.Close()
	var out []credit.Figures
	for rows.Next() {
		var f credit.Figures
		if err := rows.Scan(&f.MerchantID, &f.Merchant, &f.Complaints, &f.Closed, &f.Agreements, &f.Terminated, &f.Recovered, &f.Accepted); err != nil {
			return nil, fmt.Errorf("store: merchant figures: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.answeredOnline(ctx, out, from, to, merchantID); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Finish()
	}
	return out, nil
}

// answeredOnline adds to each merchant's figures the accepted complaints it answered online
// (issue 9) and how long after receipt, counted in Go so both databases agree to the second.
func (s *Store) answeredOnline(ctx context.Context, figs []credit.Figures, from, to time.Time, merchantID *int64) error {
	if len(figs) == 0 {
		return nil
	}
	q := `SELECT m.merchant_id, m.received_at, a.answered_at FROM matters m JOIN merchant_answers a ON a.matter_id = m.id
		WHERE m.kind = 'complaint' AND m.merchant_id IS NOT NULL AND m.accepted_at IS NOT NULL AND m.received_at >= $1 AND m.received_at < $2`
	args := []any{utc(from), utc(to)}
	if merchantID != nil {
		q += " AND m.merchant_id = $3"
		args = append(args, *merchantID)
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: answered online: %w", err)
	}
	defer rows.Close()
	at := map[int64]int{}
	for i, f := range figs {
		at[f.MerchantID] = i
	}
	for rows.Next() {
		var id int64
		var rec, ans time.Time
		if err := rows.Scan(&id, &rec, &ans); err != nil {
			return fmt.Errorf("store: answered online: %w", err)
		}
		if i, ok := at[id]; ok {
			figs[i].Answered++
			if d := ans.Sub(rec); d > 0 {
				figs[i].AnswerSecs += int64(d / time.Second)
			}
		}
	}
	return rows.Err()
}

// MerchantMonths counts a merchant's complaints per month (Shanghai) received in [from, to).
func (s *Store) MerchantMonths(ctx context.Context, merchantID int64, from, to time.Time) ([]credit.Month, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT received_at FROM matters WHERE kind = 'complaint' AND merchant_id = $1
		AND received_at >= $2 AND received_at < $3 ORDER BY received_at LIMIT 100000`, merchantID, utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("store: merchant months: %w", err)
	}
	defer rows.Close()
	var out []credit.Month
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			return nil, fmt.Errorf("store: merchant months: %w", err)
		}
		m := calendar.DateOf(at).String()[:7]
		if n := len(out); n > 0 && out[n-1].Month == m {
			out[n-1].Complaints++
		} else {
			out = append(out, credit.Month{Month: m, Complaints: 1})
		}
	}
	return out, rows.Err()
}

// MerchantComplaintsSince counts the complaints against a merchant received since a time.
func (t *Tx) MerchantComplaintsSince(ctx context.Context, merchantID int64, since time.Time) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM matters WHERE kind = 'complaint' AND merchant_id = $1 AND received_at >= $2",
		merchantID, utc(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: merchant complaints: %w", err)
	}
	return n, nil
}
