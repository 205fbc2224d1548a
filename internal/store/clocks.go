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

// where is the board's condition. The matter's scope is checked for each
// running clock (SQLite: a correlated EXISTS, one lookup by key a clock);
// "matter_id IN (SELECT id FROM matters WHERE scope)" made SQLite list every
// matter of the scope first — all of the county's, closed ones too, so the
// county's board took 0.74 s (p50) at 300,000 matters stored and grew with
// every matter ever received (BENCHMARKS.md, "The supervisor's board at
// scale"). PostgreSQL plans either form as a semi-join and keeps the IN.
func (f ClockFilter) where(d Dialect) (string, []any) {
	mf := MatterFilter{Scope: f.Scope, AreaPath: f.AreaPath, StationID: f.StationID}
	scope, args := mf.where()
	inScope := "d.matter_id IN (SELECT id FROM matters WHERE " + scope + ")"
	if d == SQLite {
		inScope = "EXISTS (SELECT 1 FROM matters WHERE matters.id = d.matter_id AND " + scope + ")"
	}
	conds := []string{"d.met_at IS NULL AND d.cancelled_at IS NULL", inScope}
	if f.Kind != "" {
		args = append(args, f.Kind)
		conds = append(conds, fmt.Sprintf("d.kind = $%d", len(args)))
	}
	return strings.Join(conds, " AND "), args
}

// Clocks lists the live deadlines of the scope, the nearest due first, paused and
// uncountable ones last.
func (s *Store) Clocks(ctx context.Context, f ClockFilter, now time.Time) ([]Clock, ClockCounts, error) {
	where, args := f.where(s.dialect)
	var c ClockCounts
	nowArg := len(args) + 1
	err := s.r.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		COALESCE(SUM(CASE WHEN d.paused_at IS NULL AND d.due_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.paused_at IS NULL AND d.due_at <= $%d THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.paused_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN d.due_at IS NULL THEN 1 ELSE 0 END), 0)
		FROM deadlines d WHERE %s`, nowArg, where), append(args, utc(now))...).Scan(&c.Running, &c.Overdue, &c.Paused, &c.Missing)
	if err != nil {
		return nil, c, fmt.Errorf("store: clock counts: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	args = append(args, f.Limit)
	cols := strings.ReplaceAll(deadlineCols, "\n\t", " ")
	cols = "d." + strings.ReplaceAll(cols, ", ", ", d.")
	rows, err := s.r.QueryContext(ctx, `SELECT `+cols+`, m.number, m.kind, m.state, m.channel, m.level, m.area_id, m.station_id,
		COALESCE(st.name, ''), m.assignee_id
		FROM deadlines d JOIN matters m ON m.id = d.matter_id LEFT JOIN stations st ON st.id = m.station_id
		WHERE `+where+fmt.Sprintf(`
		ORDER BY CASE WHEN d.paused_at IS NULL THEN 0 ELSE 1 END, d.due_at ASC NULLS LAST, d.id LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, c, fmt.Errorf("store: clocks: %w", err)
	}
	defer rows.Close()
	var out []Clock
	for rows.Next() {
		var k Clock
		var area, station, assignee sql.NullInt64
		var d DeadlineRow
		scan := func(dest ...any) error {
			return rows.Scan(append(dest, &k.Number, &k.MatterKind, &k.State, &k.Channel, &k.Level, &area, &station, &k.StationName, &assignee)...)
		}
		d, err = scanDeadline(scanFunc(scan))
		if err != nil {
			return nil, c, fmt.Errorf("store: clocks: %w", err)
		}
		k.Row, k.AreaID, k.StationID, k.AssigneeID = d, nullID(area), nullID(station), nullID(assignee)
		out = append(out, k)
	}
	return out, c, rows.Err()
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
