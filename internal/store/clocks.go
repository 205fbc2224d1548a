package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/deadline"
)

// Clock is a live deadline with its matter (deadline.Clock).
type Clock = deadline.Clock

// ClockFilter narrows the board.
type ClockFilter struct {
	Scope     Scope
	AreaPath  string
	StationID *int64
	Kind      string
	Limit     int
}

// ClockCounts sums up the board (deadline.Counts).
type ClockCounts = deadline.Counts

// clockCountBound is where the board of a wide scope (the whole office, or a
// root area with the unplaced matters) stops counting: past it a count reads
// "more than clockCountBound" (clockCountBound+1, Counts.Bound set). A
// province runs hundreds of thousands of clocks; counting them all would read
// them all at every look at the board. (A variable for the tests only.)
var clockCountBound = 10_000

// sortedClocks is the most running clocks a scope's page is sorted from: a
// narrower scope reads its range of deadlines_board_area and sorts it; a wider
// one walks deadlines_board in the board's order, where the first page is
// found after at most (all running ÷ sortedClocks) × the page's entries.
var sortedClocks = 5000

// Clocks lists the live deadlines of the scope, the nearest due first, paused and
// uncountable ones last, with their counts.
//
// The scope is read off the clocks' own copy of their matter's place (area
// path, area, station; migration 0085), so neither the counts nor the page
// look at the matters of the scope: a town's board is its range of
// deadlines_board_area, counted exactly and sorted when it holds at most
// sortedClocks; a wider scope's page is the first entries of deadlines_board
// that pass it, and its counts are bounded walks of the same index. Courts and
// merchants see the clocks of their own matters, read through the matters.
func (s *Store) Clocks(ctx context.Context, f ClockFilter, now time.Time) ([]Clock, ClockCounts, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	sc := f.Scope
	switch {
	case sc.Court != nil || sc.MerchantID != nil:
		return s.clocksOfMatters(ctx, f, now)
	case !sc.All && sc.PathLo == "":
		return nil, ClockCounts{}, nil
	}
	b := boardQuery{d: s.dialect}
	place := b.place(f)
	lo, hi := f.AreaPath, ""
	if lo != "" {
		hi = lo[:len(lo)-1] + "0"
	} else if !sc.All && !sc.Unplaced {
		lo, hi = sc.PathLo, sc.PathHi
	}
	var c ClockCounts
	walk := true
	if lo != "" {
		// A town, a village or an area chosen on the board: its range, counted exactly.
		var all int
		args := append([]any{}, b.args...)
		args = append(args, lo, hi, utc(now))
		n := len(b.args)
		q := fmt.Sprintf(`SELECT COUNT(*),
			COALESCE(SUM(CASE WHEN %[1]s AND d.due_at IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN %[1]s AND d.due_at <= $%[4]d THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN %[1]s THEN 0 ELSE 1 END), 0),
			COALESCE(SUM(CASE WHEN d.due_at IS NULL THEN 1 ELSE 0 END), 0)
			FROM deadlines d%[5]s WHERE %[6]s AND d.area_path >= $%[2]d AND d.area_path < $%[3]d%[7]s`,
			b.unpaused(), n+1, n+2, n+3, b.indexed("deadlines_board_area"), openDeadlineD, place)
		boardTrace("count", q, args)
		err := s.r.QueryRowContext(ctx, q, args...).Scan(&all, &c.Running, &c.Overdue, &c.Paused, &c.Missing)
		if err != nil {
			return nil, c, fmt.Errorf("store: clock counts: %w", err)
		}
		if all == 0 {
			return nil, c, nil
		}
		if all <= sortedClocks {
			walk = false
			place += fmt.Sprintf(" AND d.area_path >= $%d AND d.area_path < $%d", len(b.args)+1, len(b.args)+2)
			b.args = append(b.args, lo, hi)
		}
	} else {
		var err error
		if c, err = s.boundedClockCounts(ctx, b, place, now); err != nil {
			return nil, c, err
		}
	}
	index := "deadlines_board"
	if !walk {
		index = "deadlines_board_area"
	}
	args := append(b.args, f.Limit)
	cols := boardCols()
	order := b.order()
	q := `SELECT ` + cols + `, m.number, m.kind, m.state, m.channel, m.level, m.area_id, m.station_id,
		COALESCE(st.name, ''), m.assignee_id
		FROM (SELECT d.id AS did FROM deadlines d` + b.indexed(index) + ` WHERE ` + openDeadlineD + place + ` ORDER BY ` + order + fmt.Sprintf(` LIMIT $%d) x
		JOIN deadlines d ON d.id = x.did JOIN matters m ON m.id = d.matter_id LEFT JOIN stations st ON st.id = m.station_id
		ORDER BY `, len(args)) + order
	boardTrace("page", q, args)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, c, fmt.Errorf("store: clocks: %w", err)
	}
	out, err := scanClocks(rows)
	return out, c, err
}

// boardTrace sees each statement of the board before it runs (the plan test
// reads their plans; nothing otherwise).
var boardTrace = func(part, q string, args []any) {}

// openDeadlineD is openDeadline of the deadlines aliased d, as the board's
// partial indexes are defined.
const openDeadlineD = "d.met_at IS NULL AND d.cancelled_at IS NULL"

// boundedClockCounts counts the running clocks of a wide scope, each count a
// walk of deadlines_board's range that stops after clockCountBound+1 entries
// passing the scope.
func (s *Store) boundedClockCounts(ctx context.Context, b boardQuery, place string, now time.Time) (ClockCounts, error) {
	var c ClockCounts
	args := append(append([]any{}, b.args...), utc(now))
	count := func(cond string) string {
		return fmt.Sprintf("(SELECT COUNT(*) FROM (SELECT 1 FROM deadlines d%s WHERE %s AND %s%s LIMIT %d) n)",
			b.indexed("deadlines_board"), openDeadlineD, cond, place, clockCountBound+1)
	}
	var missingPaused int
	q := "SELECT " + strings.Join([]string{
		count(b.unpaused() + " AND " + b.dueNull(false)),
		count(b.unpaused() + " AND " + b.dueNull(false) + fmt.Sprintf(" AND d.due_at <= $%d", len(args))),
		count(b.paused()),
		count(b.unpaused() + " AND " + b.dueNull(true)),
		count(b.paused() + " AND " + b.dueNull(true)),
	}, ", ")
	boardTrace("bounded counts", q, args)
	err := s.r.QueryRowContext(ctx, q, args...).Scan(&c.Running, &c.Overdue, &c.Paused, &c.Missing, &missingPaused)
	if err != nil {
		return c, fmt.Errorf("store: clock counts: %w", err)
	}
	c.Missing += missingPaused
	if c.Running > clockCountBound || c.Overdue > clockCountBound || c.Paused > clockCountBound || c.Missing > clockCountBound {
		c.Bound = clockCountBound
		c.Missing = min(c.Missing, clockCountBound+1)
	}
	return c, nil
}

// boardQuery builds the board's conditions on the clocks' own columns.
type boardQuery struct {
	d    Dialect
	args []any
}

func (b *boardQuery) arg(v any) string {
	b.args = append(b.args, v)
	return fmt.Sprintf("$%d", len(b.args))
}

// place is the scope and the filters, each beginning with " AND ".
func (b *boardQuery) place(f ClockFilter) string {
	var w strings.Builder
	if sc := f.Scope; !sc.All {
		c := "d.area_path >= " + b.arg(sc.PathLo) + " AND d.area_path < " + b.arg(sc.PathHi)
		if sc.Unplaced {
			c = "(" + c + " OR d.area_id IS NULL)"
		}
		w.WriteString(" AND " + c)
	}
	if f.AreaPath != "" {
		w.WriteString(" AND d.area_path >= " + b.arg(f.AreaPath) + " AND d.area_path < " + b.arg(f.AreaPath[:len(f.AreaPath)-1]+"0"))
	}
	if f.StationID != nil {
		w.WriteString(" AND d.station_id = " + b.arg(*f.StationID))
	}
	if f.Kind != "" {
		w.WriteString(" AND d.kind = " + b.arg(f.Kind))
	}
	return w.String()
}

// unpaused and paused are written as the indexes' first expression, so that
// either database reads them as the index's leading range.
func (b boardQuery) unpaused() string {
	if b.d == SQLite {
		return "(d.paused_at IS NOT NULL) = 0"
	}
	return "(d.paused_at IS NOT NULL)::INTEGER = 0"
}

func (b boardQuery) paused() string {
	if b.d == SQLite {
		return "(d.paused_at IS NOT NULL) = 1"
	}
	return "(d.paused_at IS NOT NULL)::INTEGER = 1"
}

// dueNull is whether the clock has no due time (R-L43), as SQLite's indexes
// hold it.
func (b boardQuery) dueNull(null bool) string {
	switch {
	case b.d == SQLite && null:
		return "(d.due_at IS NULL) = 1"
	case b.d == SQLite:
		return "(d.due_at IS NULL) = 0"
	case null:
		return "d.due_at IS NULL"
	}
	return "d.due_at IS NOT NULL"
}

// order is the board's order in the terms of deadlines_board.
func (b boardQuery) order() string {
	if b.d == SQLite {
		return "d.paused_at IS NOT NULL, d.due_at IS NULL, d.due_at, d.id"
	}
	return "(d.paused_at IS NOT NULL)::INTEGER, d.due_at NULLS LAST, d.id"
}

// indexed names the index SQLite must read (its planner would otherwise take
// the area range and sort a wide scope); PostgreSQL chooses by its statistics.
func (b boardQuery) indexed(index string) string {
	if b.d == SQLite {
		return " INDEXED BY " + index
	}
	return ""
}

// clocksOfMatters is the board of a court or a merchant: the running clocks of
// the matters of the scope, found through the matters.
func (s *Store) clocksOfMatters(ctx context.Context, f ClockFilter, now time.Time) ([]Clock, ClockCounts, error) {
	mf := MatterFilter{Scope: f.Scope, AreaPath: f.AreaPath, StationID: f.StationID}
	scope, args := mf.where()
	conds := []string{openDeadlineD, "d.matter_id IN (SELECT id FROM matters WHERE " + scope + ")"}
	if f.Kind != "" {
		args = append(args, f.Kind)
		conds = append(conds, fmt.Sprintf("d.kind = $%d", len(args)))
	}
	where := strings.Join(conds, " AND ")
	var c ClockCounts
	err := s.r.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		COALESCE(SUM(CASE WHEN d.paused_at IS NULL AND d.due_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.paused_at IS NULL AND d.due_at <= $%d THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.paused_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.due_at IS NULL THEN 1 ELSE 0 END), 0)
		FROM deadlines d WHERE %s`, len(args)+1, where), append(args, utc(now))...).Scan(&c.Running, &c.Overdue, &c.Paused, &c.Missing)
	if err != nil {
		return nil, c, fmt.Errorf("store: clock counts: %w", err)
	}
	args = append(args, f.Limit)
	cols := boardCols()
	rows, err := s.r.QueryContext(ctx, `SELECT `+cols+`, m.number, m.kind, m.state, m.channel, m.level, m.area_id, m.station_id,
		COALESCE(st.name, ''), m.assignee_id
		FROM deadlines d JOIN matters m ON m.id = d.matter_id LEFT JOIN stations st ON st.id = m.station_id
		WHERE `+where+fmt.Sprintf(`
		ORDER BY CASE WHEN d.paused_at IS NULL THEN 0 ELSE 1 END, d.due_at ASC NULLS LAST, d.id LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, c, fmt.Errorf("store: clocks: %w", err)
	}
	out, err := scanClocks(rows)
	return out, c, err
}

// scanClocks reads the board's rows: a deadline's columns, then its matter's.
func scanClocks(rows *sql.Rows) ([]Clock, error) {
	defer rows.Close()
	var out []Clock
	for rows.Next() {
		var k Clock
		var area, station, assignee sql.NullInt64
		scan := func(dest ...any) error {
			return rows.Scan(append(dest, &k.Number, &k.MatterKind, &k.State, &k.Channel, &k.Level, &area, &station, &k.StationName, &assignee)...)
		}
		d, err := scanDeadline(scanFunc(scan))
		if err != nil {
			return nil, fmt.Errorf("store: clocks: %w", err)
		}
		k.Row, k.AreaID, k.StationID, k.AssigneeID = d, nullID(area), nullID(station), nullID(assignee)
		out = append(out, k)
	}
	return out, rows.Err()
}

// boardCols is deadlineCols of the deadlines aliased d.
func boardCols() string {
	return "d." + strings.ReplaceAll(strings.ReplaceAll(deadlineCols, "\n\t", " "), ", ", ", d.")
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
