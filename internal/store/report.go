package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/report"
)

// reportWhere adds the filters that make each report figure traceable to the
// matters it counts (see docs/REPORTS.md).
func (f MatterFilter) reportWhere(arg func(any) string) []string {
	var conds []string
	if len(f.Outcomes) > 0 {
		ph := make([]string, len(f.Outcomes))
		for i, o := range f.Outcomes {
			ph[i] = arg(string(o))
		}
		conds = append(conds, "outcome IN ("+strings.Join(ph, ", ")+")")
	}
	if f.Category != nil {
		conds = append(conds, "category = "+arg(string(*f.Category)))
	}
	if f.Unplaced {
		conds = append(conds, "area_id IS NULL")
	}
	if f.AreaID != nil {
		conds = append(conds, "area_id = "+arg(*f.AreaID))
	}
	switch f.OnSite {
	case "promised":
		conds = append(conds, "on_site_due_at IS NOT NULL")
	case "kept":
		conds = append(conds, "on_site_due_at IS NOT NULL AND on_site_kept = TRUE")
	case "arrived":
		conds = append(conds, "on_site_due_at IS NOT NULL AND arrived_at IS NOT NULL")
	}
	if f.Rated {
		conds = append(conds, "satisfaction IS NOT NULL")
	}
	return conds
}

// month is the received month in Asia/Shanghai as YYYY-MM; China has kept UTC+8 all year since 1992.
func (s *Store) month() string {
	if s.dialect == Postgres {
		return "to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"
	}
	return "strftime('%Y-%m', received_at, '+8 hours')"
}

// ReportGroups aggregates the matters of a filter in one pass, in SQL; the
// rows returned are groups, never matters, so memory does not grow with them.
func (s *Store) ReportGroups(ctx context.Context, f MatterFilter) ([]report.Group, error) {
	where, args := f.where()
	q := `SELECT ` + s.month() + ` AS m, kind, channel, category, area_path, COUNT(*),
		SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'agreement' THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'terminated' THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'agreement' THEN recovered ELSE 0 END)
		FROM matters WHERE ` + where + ` GROUP BY m, kind, channel, category, area_path`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	defer rows.Close()
	var out []report.Group
	for rows.Next() {
		var g report.Group
		if err := rows.Scan(&g.Month, &g.Kind, &g.Channel, &g.Category, &g.AreaPath, &g.Total, &g.Closed, &g.Agreements, &g.Terminated, &g.Recovered); err != nil {
			return nil, fmt.Errorf("store: report: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// minutes is the time from receipt to check-in, each time taken to the
// second, in whole minutes rounded down — the same on both databases.
func (s *Store) minutes() string {
	if s.dialect == Postgres {
		return `CASE WHEN arrived_at IS NULL THEN NULL ELSE GREATEST(0, FLOOR((EXTRACT(EPOCH FROM date_trunc('second', arrived_at))
			- EXTRACT(EPOCH FROM date_trunc('second', received_at))) / 60))::BIGINT END`
	}
	return "CASE WHEN arrived_at IS NULL THEN NULL ELSE MAX(0, (unixepoch(arrived_at) - unixepoch(received_at)) / 60) END"
}

// OnSiteMinutes is the histogram of on-site response times (R-S1), ordered
// by minutes, so percentiles can be read off it without holding the matters.
func (s *Store) OnSiteMinutes(ctx context.Context, f MatterFilter) ([]report.MinuteCount, error) {
	f.OnSite = "promised"
	where, args := f.where()
	rows, err := s.r.QueryContext(ctx, `SELECT `+s.minutes()+` AS mins, COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
		FROM matters WHERE `+where+` GROUP BY mins ORDER BY mins`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: on-site minutes: %w", err)
	}
	defer rows.Close()
	var out []report.MinuteCount
	for rows.Next() {
		var c report.MinuteCount
		var m sql.NullInt64
		if err := rows.Scan(&m, &c.Count, &c.Kept); err != nil {
			return nil, fmt.Errorf("store: on-site minutes: %w", err)
		}
		c.Minutes = nullID(m)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Satisfaction counts the rated matters of a filter and sums their ratings.
func (s *Store) Satisfaction(ctx context.Context, f MatterFilter) (count, sum int64, err error) {
	f.Rated = true
	where, args := f.where()
	err = s.r.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(satisfaction), 0) FROM matters WHERE "+where, args...).Scan(&count, &sum)
	if err != nil {
		return 0, 0, fmt.Errorf("store: satisfaction: %w", err)
	}
	return count, sum, nil
}

// EachMatter streams the matters of a filter, oldest first, to fn one at a
// time, for exports; Limit and Offset are ignored.
func (s *Store) EachMatter(ctx context.Context, f MatterFilter, fn func(*casework.Matter) error) error {
	where, args := f.where()
	rows, err := s.r.QueryContext(ctx, "SELECT "+matterCols+" FROM matters WHERE "+where+" ORDER BY received_at, id", args...)
	if err != nil {
		return fmt.Errorf("store: each matter: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMatter(rows)
		if err != nil {
			return fmt.Errorf("store: each matter: %w", err)
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return rows.Err()
}
