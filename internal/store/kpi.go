package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// KPIFilter picks the deadlines a KPI counts: those that fell due in [From, To) — and by
// Now, or met — on matters of the scope, area and station.
type KPIFilter struct {
	Scope     Scope
	AreaPath  string
	StationID *int64
	From, To  time.Time
	Now       time.Time
}

// KindStats counts the deadlines of one kind that fell due (R-L28).
type KindStats struct {
	Due     int `json:"due"`     // fell due in the period (met, or past due by now)
	OnTime  int `json:"on_time"` // met by the due time
	Late    int `json:"late"`    // met after it
	Overdue int `json:"overdue"` // not met and past due
}

// where is the KPIs' condition. The scope of an office's, an area's or a
// station's staff is read off the deadlines' own copy of their matter's place
// (migration 0085), so a period's deadlines are counted without listing the
// matters of the scope (all of the county's, at a province's size); a court's
// or a merchant's through the matters.
func (f KPIFilter) where() (string, []any) {
	period := func(n int) string {
		return fmt.Sprintf(`d.cancelled_at IS NULL AND d.due_at IS NOT NULL AND d.due_at >= $%d AND d.due_at < $%d
		AND (d.met_at IS NOT NULL OR d.due_at <= $%d)`, n+1, n+2, n+3)
	}
	if sc := f.Scope; sc.Court == nil && sc.MerchantID == nil {
		if !sc.All && sc.PathLo == "" {
			return "1 = 0", nil
		}
		b := boardQuery{}
		place := b.place(ClockFilter{Scope: sc, AreaPath: f.AreaPath, StationID: f.StationID})
		n := len(b.args)
		return period(n) + place, append(b.args, utc(f.From), utc(f.To), utc(f.Now))
	}
	mf := MatterFilter{Scope: f.Scope, AreaPath: f.AreaPath, StationID: f.StationID}
	scope, args := mf.where()
	n := len(args)
	args = append(args, utc(f.From), utc(f.To), utc(f.Now))
	return period(n) + ` AND d.matter_id IN (SELECT id FROM matters WHERE ` + scope + `)`, args
}

// DeadlineStats counts, per kind, the deadlines that fell due and how many were met in time.
func (s *Store) DeadlineStats(ctx context.Context, f KPIFilter) (map[string]KindStats, error) {
	where, args := f.where()
	rows, err := s.r.QueryContext(ctx, `SELECT d.kind, COUNT(*),
		SUM(CASE WHEN d.met_at IS NOT NULL AND d.met_at <= d.due_at THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.met_at IS NOT NULL AND d.met_at > d.due_at THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.met_at IS NULL THEN 1 ELSE 0 END)
		FROM deadlines d WHERE `+where+` GROUP BY d.kind`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deadline stats: %w", err)
	}
	defer rows.Close()
	out := map[string]KindStats{}
	for rows.Next() {
		var k string
		var st KindStats
		if err := rows.Scan(&k, &st.Due, &st.OnTime, &st.Late, &st.Overdue); err != nil {
			return nil, fmt.Errorf("store: deadline stats: %w", err)
		}
		out[k] = st
	}
	return out, rows.Err()
}

// secondsBetween is the dialect's exact number of seconds from a to b.
func (s *Store) secondsBetween(a, b string) string {
	if s.dialect == Postgres {
		return "EXTRACT(EPOCH FROM (" + b + " - " + a + "))"
	}
	return "(unixepoch(" + b + ", 'subsec') - unixepoch(" + a + ", 'subsec'))"
}

// ArrivalMinutes gives the number of on-site check-ins among the on-site deadlines of the
// filter and the median and 90th percentile of minutes from receipt to arrival (R-L28),
// interpolated between neighbouring ranks as PostgreSQL's percentile_cont does. Only the
// one or two rows around each rank are read.
func (s *Store) ArrivalMinutes(ctx context.Context, f KPIFilter) (n int, median, p90 float64, err error) {
	where, args := f.where()
	where += " AND d.kind = 'on_site' AND d.met_at IS NOT NULL"
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM deadlines d WHERE "+where, args...).Scan(&n); err != nil {
		return 0, 0, 0, fmt.Errorf("store: arrival minutes: %w", err)
	}
	if n == 0 {
		return 0, 0, 0, nil
	}
	secs := "ROUND(" + s.secondsBetween("d.start_at", "d.met_at") + ")"
	pct := func(p float64) (float64, error) {
		pos := p * float64(n-1)
		lo := int(pos)
		rows, err := s.r.QueryContext(ctx, "SELECT "+secs+" AS s FROM deadlines d WHERE "+where+
			fmt.Sprintf(" ORDER BY s LIMIT 2 OFFSET $%d", len(args)+1), append(args, lo)...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		var v []float64
		for rows.Next() {
			var x sql.NullFloat64
			if err := rows.Scan(&x); err != nil {
				return 0, err
			}
			v = append(v, x.Float64)
		}
		if err := rows.Err(); err != nil || len(v) == 0 {
			return 0, err
		}
		val := v[0]
		if len(v) == 2 {
			val += (v[1] - v[0]) * (pos - float64(lo))
		}
		return val / 60, nil
	}
	if median, err = pct(0.5); err != nil {
		return 0, 0, 0, fmt.Errorf("store: arrival median: %w", err)
	}
	if p90, err = pct(0.9); err != nil {
		return 0, 0, 0, fmt.Errorf("store: arrival p90: %w", err)
	}
	return n, median, p90, nil
}
