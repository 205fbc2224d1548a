package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/money"
	"weiquan/internal/report"
)

// shanghai is the office's clock, by which the rollups cut days.
var shanghai = time.FixedZone("CST", 8*3600)

// rollupDay is the rollup's day of an instant that falls on a midnight in
// Asia/Shanghai; ok is false for any other instant.
func rollupDay(t time.Time) (string, bool) {
	l := t.In(shanghai)
	return l.Format("2006-01-02"), l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 && l.Nanosecond() == 0
}

// rollupWhere translates a report's filter to the rollup's columns, or says
// it cannot: only the viewer's area scope, an area, a station and a period of
// whole days say which rows of the rollup a figure adds.
func (f MatterFilter) rollupWhere(arg func(any) string) (string, bool) {
	from, to, ok := f.rollupDays()
	if !ok {
		return "", false
	}
	conds := "day >= " + arg(from) + " AND day < " + arg(to)
	if sc := f.rollupScope(arg); sc != "" {
		conds += " AND " + sc
	}
	return conds, true
}

// rollupDays is the report's period as days of the rollup, [from, to).
func (f MatterFilter) rollupDays() (from, to string, ok bool) {
	g := f
	g.Scope, g.AreaPath, g.StationID, g.From, g.To, g.dialect = Scope{}, "", nil, nil, nil, ""
	g.Limit, g.Offset, g.CountUpTo = 0, 0, 0
	// A court's or a merchant's scope is its matters, which the rollups do
	// not know: those reports count the matters themselves.
	if !isZeroFilter(g) || f.From == nil || f.To == nil || f.Scope.MerchantID != nil || f.Scope.Court != nil {
		return "", "", false
	}
	from, ok1 := rollupDay(*f.From)
	to, ok2 := rollupDay(*f.To)
	return from, to, ok1 && ok2
}

// rollupScope is the viewer's scope, the area and the station on a rollup's
// columns ("" for none).
func (f MatterFilter) rollupScope(arg func(any) string) string {
	var conds []string
	sc := f.Scope
	switch {
	case sc.All:
	case sc.PathLo != "":
		c := "(area_path >= " + arg(sc.PathLo) + " AND area_path < " + arg(sc.PathHi) + ")"
		if sc.Unplaced {
			c = "(" + c + " OR unplaced = 1)"
		}
		conds = append(conds, c)
	default:
		conds = append(conds, "1 = 0")
	}
	if f.AreaPath != "" {
		conds = append(conds, "area_path >= "+arg(f.AreaPath)+" AND area_path < "+arg(f.AreaPath[:len(f.AreaPath)-1]+"0"))
	}
	if f.StationID != nil {
		conds = append(conds, "station_id = "+arg(*f.StationID))
	}
	return strings.Join(conds, " AND ")
}

// countsRollupQuery is the report's read of the counts: the months the
// period covers whole from matter_rollup_month (migration 0014), the days of
// its partial first and last months from matter_rollup, grouped by kind,
// channel, category, state, outcome, area and month.
func (f MatterFilter) countsRollupQuery() (string, []any, bool) {
	from, to, ok := f.rollupDays()
	if !ok {
		return "", nil, false
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	scope := func() string {
		if sc := f.rollupScope(arg); sc != "" {
			return " AND " + sc
		}
		return ""
	}
	cols := "kind, channel, category, closed, outcome, area_path"
	sums := "n, recovered, rated, rating_sum"
	days := func(lo, hi string) string {
		return "SELECT " + cols + ", substr(day, 1, 7) AS month, " + sums + " FROM matter_rollup WHERE day >= " + arg(lo) +
			" AND day < " + arg(hi) + scope()
	}
	// The first month wholly inside the period, and the month of its end.
	first, last := from[:7], to[:7]
	if from[8:] != "01" {
		first = nextMonth(first)
	}
	var parts []string
	if first < last {
		if from < first+"-01" {
			parts = append(parts, days(from, first+"-01"))
		}
		parts = append(parts, "SELECT "+cols+", month, "+sums+" FROM matter_rollup_month WHERE month >= "+arg(first)+
			" AND month < "+arg(last)+scope())
		if last+"-01" < to {
			parts = append(parts, days(last+"-01", to))
		}
	} else {
		parts = append(parts, days(from, to))
	}
	return "SELECT " + cols + ", month, SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM (" +
		strings.Join(parts, " UNION ALL ") + ") r GROUP BY " + cols + ", month", args, true
}

// nextMonth is the month after a YYYY-MM.
func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}

func isZeroFilter(f MatterFilter) bool {
	return len(f.Numbers) == 0 && len(f.States) == 0 && f.Kind == "" && len(f.Kinds) == 0 && f.Channel == "" &&
		f.AssigneeID == nil && f.MerchantID == nil && f.Phone == "" && !f.OpenOnly && len(f.Outcomes) == 0 &&
		f.Category == nil && !f.Unplaced && f.AreaID == nil && f.OnSite == "" && !f.Rated && f.ImportID == nil &&
		!f.ByDue && f.Q == "" && len(f.HotlineRatings) == 0
}

// rollupSQL are the report's reads of the on-site and 12345 rollups, given
// rollupWhere (the counts: countsRollupQuery).
var rollupSQL = map[string]func(where string) string{
	"onsite_rollup": func(where string) string {
		return `SELECT minutes, SUM(n), SUM(kept) FROM onsite_rollup WHERE ` + where + `
		GROUP BY minutes HAVING SUM(n) <> 0 ORDER BY minutes`
	},
	"hotline_rollup": func(where string) string {
		return `SELECT rating, SUM(n) FROM hotline_rollup WHERE ` + where + ` GROUP BY rating HAVING SUM(n) <> 0`
	},
}

// reportFromRollup fills every figure of c but the on-site minutes from the
// rollup rows of the period: one pass over a few thousand rows a year.
func (s *Store) reportFromRollup(ctx context.Context, f MatterFilter, paths []string, months []report.Month, c *report.Counts) (bool, error) {
	q, args, ok := f.countsRollupQuery()
	if !ok {
		return false, nil
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return false, fmt.Errorf("store: rollup: %w", err)
	}
	defer rows.Close()
	type combo struct {
		k  casework.Kind
		ch casework.Channel
		ca casework.Category
	}
	combos := map[combo]int64{}
	byPath := map[string]int64{}
	byMonth := map[string]int64{}
	for rows.Next() {
		var k, ch, ca, outcome, path, month string
		var closed int
		var n, rec, rated, rsum int64
		if err := rows.Scan(&k, &ch, &ca, &closed, &outcome, &path, &month, &n, &rec, &rated, &rsum); err != nil {
			return false, fmt.Errorf("store: rollup: %w", err)
		}
		combos[combo{casework.Kind(k), casework.Channel(ch), casework.Category(ca)}] += n
		byPath[path] += n
		byMonth[month] += n
		if closed == 1 {
			c.Closed += n
		}
		switch casework.Outcome(outcome) {
		case casework.OutcomeAgreement:
			c.Agreements += n
			c.Recovered += money.Fen(rec)
		case casework.OutcomeTerminated:
			c.Terminated += n
		}
		c.Rated += rated
		c.RatingSum += rsum
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("store: rollup: %w", err)
	}
	for _, k := range casework.Kinds {
		for _, ch := range casework.Channels {
			for _, cat := range []casework.Category{casework.Goods, casework.Services, ""} {
				if n := combos[combo{k, ch, cat}]; n > 0 {
					c.Combos = append(c.Combos, report.Combo{Kind: k, Channel: ch, Category: cat, Count: n})
				}
			}
		}
	}
	for _, p := range paths {
		c.ByPath[p] = byPath[p]
	}
	for _, m := range months {
		c.ByMonth[m.Key] = byMonth[m.Key]
		c.Total += byMonth[m.Key]
	}
	return true, nil
}

// RollupDrift recounts the rollup from the matters themselves and returns
// the rows where the two disagree (empty when every figure is right). Tests
// run it after every sequence of actions; an operator may run it any time.
func (s *Store) RollupDrift(ctx context.Context) ([]string, error) {
	day := "date(received_at, '+8 hours')"
	unplaced, closed := "area_id IS NULL", "state = 'closed'"
	if s.dialect == Postgres {
		day = "to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
		unplaced, closed = "(area_id IS NULL)::INTEGER", "(state = 'closed')::INTEGER"
	}
	key := "day, area_path, unplaced, station_id, kind, channel, category, closed, outcome"
	q := `WITH m AS (SELECT ` + day + ` AS day, area_path, ` + unplaced + ` AS unplaced, COALESCE(station_id, 0) AS station_id,
			kind, channel, category, ` + closed + ` AS closed, outcome, COUNT(*) AS n, SUM(recovered) AS recovered,
			COUNT(satisfaction) AS rated, COALESCE(SUM(satisfaction), 0) AS rating_sum
			FROM matters GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9),
		r AS (SELECT ` + key + `, SUM(n) AS n, SUM(recovered) AS recovered, SUM(rated) AS rated, SUM(rating_sum) AS rating_sum
			FROM matter_rollup GROUP BY ` + key + `),
		d AS (SELECT ` + key + `, n, recovered, rated, rating_sum FROM m
			UNION ALL SELECT ` + key + `, -n, -recovered, -rated, -rating_sum FROM r)
		SELECT ` + key + `, SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM d GROUP BY ` + key + `
		HAVING SUM(n) <> 0 OR SUM(recovered) <> 0 OR SUM(rated) <> 0 OR SUM(rating_sum) <> 0`
	rows, err := s.r.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: rollup drift: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var day, path, kind, ch, cat, outcome string
		var unpl, closedV int
		var station, n, rec, rated, rsum int64
		if err := rows.Scan(&day, &path, &unpl, &station, &kind, &ch, &cat, &closedV, &outcome, &n, &rec, &rated, &rsum); err != nil {
			return nil, fmt.Errorf("store: rollup drift: %w", err)
		}
		out = append(out, fmt.Sprintf("%s %q unplaced=%d station=%d %s/%s/%s closed=%d %q: matters minus rollup n=%d recovered=%d rated=%d rating_sum=%d",
			day, path, unpl, station, kind, ch, cat, closedV, outcome, n, rec, rated, rsum))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rollup drift: %w", err)
	}
	// The months (migration 0014) add up to the days.
	mk := "month, area_path, unplaced, station_id, kind, channel, category, closed, outcome"
	mq := `WITH d AS (SELECT substr(day, 1, 7) AS month, area_path, unplaced, station_id, kind, channel, category, closed, outcome,
			n, recovered, rated, rating_sum FROM matter_rollup
		UNION ALL SELECT ` + mk + `, -n, -recovered, -rated, -rating_sum FROM matter_rollup_month)
		SELECT ` + mk + `, SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM d GROUP BY ` + mk + `
		HAVING SUM(n) <> 0 OR SUM(recovered) <> 0 OR SUM(rated) <> 0 OR SUM(rating_sum) <> 0`
	mrows, err := s.r.QueryContext(ctx, mq)
	if err != nil {
		return nil, fmt.Errorf("store: rollup drift months: %w", err)
	}
	for mrows.Next() {
		var month, path, kind, ch, cat, outcome string
		var unpl, closedV int
		var station, n, rec, rated, rsum int64
		if err := mrows.Scan(&month, &path, &unpl, &station, &kind, &ch, &cat, &closedV, &outcome, &n, &rec, &rated, &rsum); err != nil {
			mrows.Close()
			return nil, fmt.Errorf("store: rollup drift months: %w", err)
		}
		out = append(out, fmt.Sprintf("matter_rollup_month: %s %q unplaced=%d station=%d %s/%s/%s closed=%d %q: days minus month n=%d recovered=%d rated=%d rating_sum=%d",
			month, path, unpl, station, kind, ch, cat, closedV, outcome, n, rec, rated, rsum))
	}
	mrows.Close()
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("store: rollup drift months: %w", err)
	}
	// The on-site minutes and the 12345 ratings (migration 0012), each
	// recounted from the matters and the work orders themselves.
	place := day + " AS day, area_path, " + unplaced + " AS unplaced, COALESCE(station_id, 0) AS station_id"
	for _, c := range []struct{ name, key, truth string }{
		{"onsite_rollup", "minutes",
			`SELECT ` + place + `, COALESCE(` + s.minutes() + `, -1) AS minutes, COUNT(*) AS n,
				SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END) AS kept
				FROM matters WHERE on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5`},
		{"hotline_rollup", "rating",
			`SELECT ` + place + `, w.rating AS rating, COUNT(*) AS n, 0 AS kept
				FROM work_orders w JOIN matters m ON m.id = w.matter_id WHERE w.rating <> '' GROUP BY 1, 2, 3, 4, 5`},
	} {
		k := "day, area_path, unplaced, station_id, " + c.key
		q := `WITH m AS (` + c.truth + `),
			r AS (SELECT ` + k + `, SUM(n) AS n, SUM(` + map[bool]string{true: "kept", false: "0"}[c.key == "minutes"] + `) AS kept
				FROM ` + c.name + ` GROUP BY ` + k + `),
			d AS (SELECT ` + k + `, n, kept FROM m UNION ALL SELECT ` + k + `, -n, -kept FROM r)
			SELECT ` + k + `, SUM(n), SUM(kept) FROM d GROUP BY ` + k + ` HAVING SUM(n) <> 0 OR SUM(kept) <> 0`
		rows, err := s.r.QueryContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("store: rollup drift %s: %w", c.name, err)
		}
		for rows.Next() {
			var day, path, key string
			var unpl int
			var station, n, kept int64
			if err := rows.Scan(&day, &path, &unpl, &station, &key, &n, &kept); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: rollup drift %s: %w", c.name, err)
			}
			out = append(out, fmt.Sprintf("%s: %s %q unplaced=%d station=%d %s: truth minus rollup n=%d kept=%d",
				c.name, day, path, unpl, station, key, n, kept))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: rollup drift %s: %w", c.name, err)
		}
	}
	return out, nil
}

// onSiteFromRollup is the histogram of on-site response times (onSiteMinutes)
// added from the rollup of the period (migration 0012): the not-yet-arrived
// first on SQLite and last on PostgreSQL, where each database sorts a NULL.
func (s *Store) onSiteFromRollup(ctx context.Context, f MatterFilter) ([]report.MinuteCount, error) {
	var args []any
	where, _ := f.rollupWhere(func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	})
	rows, err := s.r.QueryContext(ctx, rollupSQL["onsite_rollup"](where), args...)
	if err != nil {
		return nil, fmt.Errorf("store: on-site rollup: %w", err)
	}
	defer rows.Close()
	var out []report.MinuteCount
	var notYet *report.MinuteCount
	for rows.Next() {
		var c report.MinuteCount
		var m int64
		if err := rows.Scan(&m, &c.Count, &c.Kept); err != nil {
			return nil, fmt.Errorf("store: on-site rollup: %w", err)
		}
		if m < 0 {
			notYet = &c
			continue
		}
		c.Minutes = &m
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: on-site rollup: %w", err)
	}
	if notYet != nil {
		if s.dialect == SQLite {
			out = append([]report.MinuteCount{*notYet}, out...)
		} else {
			out = append(out, *notYet)
		}
	}
	return out, nil
}

// hotlineFromRollup counts the 12345 callback ratings of a report's period
// from their rollup (migration 0012); ok is false when the filter is not one
// the rollup can answer.
func (s *Store) hotlineFromRollup(ctx context.Context, f MatterFilter) (map[string]int64, bool, error) {
	var args []any
	where, ok := f.rollupWhere(func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	})
	if !ok {
		return nil, false, nil
	}
	rows, err := s.r.QueryContext(ctx, rollupSQL["hotline_rollup"](where), args...)
	if err != nil {
		return nil, true, fmt.Errorf("store: hotline rollup: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var r string
		var n int64
		if err := rows.Scan(&r, &n); err != nil {
			return nil, true, fmt.Errorf("store: hotline rollup: %w", err)
		}
		out[r] = n
	}
	return out, true, rows.Err()
}
