package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	if len(f.HotlineRatings) > 0 {
		cond := "rating <> ''"
		if !slices.Contains(f.HotlineRatings, "any") {
			ph := make([]string, len(f.HotlineRatings))
			for i, r := range f.HotlineRatings {
				ph[i] = arg(r)
			}
			cond = "rating IN (" + strings.Join(ph, ", ") + ")"
		}
		conds = append(conds, "id IN (SELECT matter_id FROM work_orders WHERE "+cond+")")
	}
	if f.ImportID != nil {
		// The import event's data is JSON with sorted keys, so "import_id" is followed by "row".
		conds = append(conds, "id IN (SELECT matter_id FROM events WHERE action = 'import' AND data LIKE "+
			arg(fmt.Sprintf(`%%"import_id":%d,%%`, *f.ImportID))+")")
	}
	return conds
}

// ReportCounts answers a report over a filter. Every figure is a COUNT (or
// SUM) with exactly the conditions of its matter list, each answered from a
// covering index (migration 0003) by a range seek over the period, so the work
// grows with the matters in the period, not with all matters stored, nothing
// is sorted but the on-site minutes, and no matter is read. paths are the area
// paths to count ("" = no area); months partition the period. The independent
// parts run in parallel on the reader pool.
//
// A report of whole days over the viewer's scope, an area or a station — what
// Summary asks — adds rows of the rollups instead (migrations 0011 and 0012,
// the on-site minutes included); every figure is the same number as the COUNT
// over its matter list (TestRollupReportEqualsTheCount).
func (s *Store) ReportCounts(ctx context.Context, f MatterFilter, paths []string, months []report.Month) (*report.Counts, error) {
	f.dialect = s.dialect
	if _, ok := f.rollupWhere(func(any) string { return "$1" }); !ok {
		return s.reportFromMatters(ctx, f, paths, months)
	}
	c := &report.Counts{ByPath: make(map[string]int64, len(paths)), ByMonth: make(map[string]int64, len(months))}
	err := parallel(
		func() error { _, err := s.reportFromRollup(ctx, f, paths, months, c); return err },
		func() (err error) { c.Minutes, err = s.onSiteFromRollup(ctx, f); return err },
	)
	if err != nil {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	return c, nil
}

// reportFromMatters counts every figure over the matters themselves.
func (s *Store) reportFromMatters(ctx context.Context, f MatterFilter, paths []string, months []report.Month) (*report.Counts, error) {
	c := &report.Counts{ByPath: make(map[string]int64, len(paths)), ByMonth: make(map[string]int64, len(months))}
	byPath := make([]int64, len(paths))
	byMonth := make([]int64, len(months))
	err := parallel(
		func() error {
			for _, k := range casework.Kinds {
				for _, ch := range casework.Channels {
					for _, cat := range []casework.Category{casework.Goods, casework.Services, ""} {
						var n int64
						if err := s.count(ctx, f, "kind = $x AND channel = $x AND category = $x", []any{k, ch, cat}, &n); err != nil {
							return err
						}
						if n > 0 {
							c.Combos = append(c.Combos, report.Combo{Kind: k, Channel: ch, Category: cat, Count: n})
						}
					}
				}
			}
			return nil
		},
		func() error {
			if err := s.count(ctx, f, "state = $x", []any{casework.Closed}, &c.Closed); err != nil {
				return err
			}
			if err := s.count(ctx, f, "outcome = $x", []any{casework.OutcomeAgreement}, &c.Agreements, &c.Recovered); err != nil {
				return err
			}
			return s.count(ctx, f, "outcome = $x", []any{casework.OutcomeTerminated}, &c.Terminated)
		},
		func() error {
			for i, p := range paths {
				if err := s.count(ctx, f, "area_path = $x", []any{p}, &byPath[i]); err != nil {
					return err
				}
			}
			return nil
		},
		func() error {
			for i, m := range months {
				mf := f
				from, to := m.From, m.To
				mf.From, mf.To = &from, &to
				if err := s.count(ctx, mf, "", nil, &byMonth[i]); err != nil {
					return err
				}
			}
			return nil
		},
		func() (err error) { c.Minutes, err = s.onSiteMinutes(ctx, f); return err },
		func() (err error) { c.Rated, c.RatingSum, err = s.satisfaction(ctx, f); return err },
	)
	if err != nil {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	for i, p := range paths {
		c.ByPath[p] = byPath[i]
	}
	for i, m := range months {
		c.ByMonth[m.Key] = byMonth[i]
		c.Total += byMonth[i]
	}
	return c, nil
}

// count runs SELECT COUNT(*) [, SUM(recovered)] over the filter and the extra
// conditions, whose placeholders are written $x.
func (s *Store) count(ctx context.Context, f MatterFilter, extra string, extraArgs []any, dst ...any) error {
	where, args := f.where()
	for _, a := range extraArgs {
		args = append(args, a)
		extra = strings.Replace(extra, "$x", fmt.Sprintf("$%d", len(args)), 1)
	}
	if extra != "" {
		where = extra + " AND " + where
	}
	q := "SELECT COUNT(*)"
	if len(dst) == 2 {
		q += ", COALESCE(SUM(recovered), 0)"
	}
	return s.r.QueryRowContext(ctx, q+" FROM matters WHERE "+where, args...).Scan(dst...)
}

// parallel runs fns at once and returns the first error.
func parallel(fns ...func() error) error {
	errs := make(chan error, len(fns))
	for _, fn := range fns {
		go func() { errs <- fn() }()
	}
	var first error
	for range fns {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
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

// onSiteMinutes is the histogram of on-site response times (R-S1), ordered
// by minutes, so percentiles can be read off it without holding the matters.
func (s *Store) onSiteMinutes(ctx context.Context, f MatterFilter) ([]report.MinuteCount, error) {
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

// satisfaction counts the rated matters of a filter and sums their ratings.
func (s *Store) satisfaction(ctx context.Context, f MatterFilter) (count, sum int64, err error) {
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
