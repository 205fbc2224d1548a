package store

import (
	"context"
	"fmt"
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
	g := f
	g.Scope, g.AreaPath, g.StationID, g.From, g.To, g.dialect = Scope{}, "", nil, nil, nil, ""
	if g.Limit != 0 || g.Offset != 0 || g.CountUpTo != 0 {
		g.Limit, g.Offset, g.CountUpTo = 0, 0, 0
	}
	if !isZeroFilter(g) || f.From == nil || f.To == nil {
		return "", false
	}
	from, ok1 := rollupDay(*f.From)
	to, ok2 := rollupDay(*f.To)
	if !ok1 || !ok2 {
		return "", false
	}
	conds := "day >= " + arg(from) + " AND day < " + arg(to)
	sc := f.Scope
	switch {
	case sc.MerchantID != nil:
		return "", false
	case sc.All:
	case sc.PathLo != "":
		c := "(area_path >= " + arg(sc.PathLo) + " AND area_path < " + arg(sc.PathHi) + ")"
		if sc.Unplaced {
			c = "(" + c + " OR unplaced = 1)"
		}
		conds += " AND " + c
	default:
		conds += " AND 1 = 0"
	}
	if f.AreaPath != "" {
		conds += " AND area_path >= " + arg(f.AreaPath) + " AND area_path < " + arg(f.AreaPath[:len(f.AreaPath)-1]+"0")
	}
	if f.StationID != nil {
		conds += " AND station_id = " + arg(*f.StationID)
	}
	return conds, true
}

func isZeroFilter(f MatterFilter) bool {
	return len(f.Numbers) == 0 && len(f.States) == 0 && f.Kind == "" && len(f.Kinds) == 0 && f.Channel == "" &&
		f.AssigneeID == nil && f.MerchantID == nil && f.Phone == "" && !f.OpenOnly && len(f.Outcomes) == 0 &&
		f.Category == nil && !f.Unplaced && f.AreaID == nil && f.OnSite == "" && !f.Rated && f.ImportID == nil &&
		!f.ByDue && f.Q == "" && len(f.HotlineRatings) == 0
}

// rollupSQL are the report's reads of each rollup, given rollupWhere.
var rollupSQL = map[string]func(where string) string{
	"matter_rollup": func(where string) string {
		return `SELECT kind, channel, category, closed, outcome, area_path, substr(day, 1, 7),
		SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum)
		FROM matter_rollup WHERE ` + where + ` GROUP BY kind, channel, category, closed, outcome, area_path, substr(day, 1, 7)`
	},
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
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where, ok := f.rollupWhere(arg)
	if !ok {
		return false, nil
	}
	rows, err := s.r.QueryContext(ctx, rollupSQL["matter_rollup"](where), args...)
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
