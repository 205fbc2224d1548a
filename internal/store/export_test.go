package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/report"
)

// FillForBench writes n matters received through year y (see Store.Fill).
func FillForBench(ctx context.Context, s *Store, n, y int) error { return s.Fill(ctx, 0, n, y, nil) }

// ExecForBench runs a statement on the writer, for benchmark variants (dropping an index).
func ExecForBench(ctx context.Context, s *Store, q string) error {
	_, err := s.w.ExecContext(ctx, q)
	return err
}

// PlansForTest returns SQLite's EXPLAIN QUERY PLAN (PostgreSQL's EXPLAIN ANALYZE) of the statements a list
// runs — "count", "page" and, for a search, "search" (the first step) — one
// detail a line, so a test can assert which index each uses.
func PlansForTest(ctx context.Context, s *Store, f MatterFilter) (map[string]string, error) {
	f.dialect = s.dialect
	if f.Limit <= 0 {
		f.Limit = 25
	}
	out := map[string]string{}
	if f.Q != "" {
		// The walk's window (the newest 2,048 ids) and its count, then the index's first chunk.
		byRange, _, byRangeCount, args := s.searchConds(f)
		var hi int64
		if err := s.r.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM matters").Scan(&hi); err != nil {
			return nil, err
		}
		a := append(args, hi-searchWalk.first, hi)
		var err error
		if out["walk"], err = explain(ctx, s, "SELECT "+matterCols+" FROM matters WHERE "+byRange+" ORDER BY id DESC", a...); err != nil {
			return nil, err
		}
		if out["walk count"], err = explain(ctx, s, byRangeCount, a...); err != nil {
			return nil, err
		}
		if drive, darg, ok := searchDriver(s.dialect, f.Q); ok {
			out["search"], err = explain(ctx, s, drive, int64(1)<<62, 256, darg)
		}
		return out, err
	}
	countQ, pageQ, args := s.listQueries(f)
	var err error
	if out["count"], err = explain(ctx, s, countQ, args[:len(args)-2]...); err != nil {
		return nil, err
	}
	out["page"], err = explain(ctx, s, pageQ, args...)
	return out, err
}

// PlanOfQuery is EXPLAIN QUERY PLAN of any statement.
func PlanOfQuery(ctx context.Context, s *Store, q string, args ...any) (string, error) {
	return explain(ctx, s, q, args...)
}

func explain(ctx context.Context, s *Store, q string, args ...any) (string, error) {
	if s.dialect == Postgres {
		rows, err := s.r.DB.QueryContext(ctx, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) "+q, args...)
		if err != nil {
			return "", err
		}
		defer rows.Close()
		var b []byte
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return "", err
			}
			b = append(b, line...)
			b = append(b, '\n')
		}
		return string(b), rows.Err()
	}
	rows, err := s.r.DB.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b []byte
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		b = append(b, detail...)
		b = append(b, '\n')
	}
	return string(b), rows.Err()
}

// ReportCountsFromMatters is the report counted over the matters, never the rollup.
func ReportCountsFromMatters(ctx context.Context, s *Store, f MatterFilter, paths []string, months []report.Month) (*report.Counts, error) {
	f.dialect = s.dialect
	return s.reportFromMatters(ctx, f, paths, months)
}

// HotlineRatingsFromMatters counts the 12345 ratings over the work orders, never the rollup.
func HotlineRatingsFromMatters(ctx context.Context, s *Store, f MatterFilter) (map[string]int64, error) {
	f.dialect = s.dialect
	return s.hotlineFromMatters(ctx, f)
}

// SetSearchWalkForTest narrows the search's walk (searchMatters) so a test
// over a few hundred matters goes through both of its ways; it returns the
// function that puts the tuning back.
func SetSearchWalkForTest(first, widest, budget int64) func() {
	old := searchWalk
	searchWalk.first, searchWalk.widest, searchWalk.budget = first, widest, budget
	return func() { searchWalk = old }
}

// SearchChunksForTest is how many chunks searches have asked of an index since the store opened.
func SearchChunksForTest(s *Store) int64 { return s.chunks.Load() }

// RollupPlansForTest returns the plans of the report's reads of each rollup for a filter.
func RollupPlansForTest(ctx context.Context, s *Store, f MatterFilter) (map[string]string, error) {
	f.dialect = s.dialect
	var args []any
	where, ok := f.rollupWhere(func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	})
	if !ok {
		return nil, fmt.Errorf("not a rollup filter")
	}
	out := map[string]string{}
	q, cargs, _ := f.countsRollupQuery()
	p, err := explain(ctx, s, q, cargs...)
	if err != nil {
		return nil, err
	}
	out["matter_rollup"] = p
	for name, q := range rollupSQL {
		p, err := explain(ctx, s, q(where), args...)
		if err != nil {
			return nil, err
		}
		out[name] = p
	}
	return out, nil
}

// BackfillForTest runs what the store does after its migrations (Store.backfill).
func BackfillForTest(ctx context.Context, s *Store) error { return s.backfill(ctx) }

// SetImportFeedRowsForTest sets how many pending matters one statement feeds to the search tables.
func SetImportFeedRowsForTest(n int64) func() {
	old := feedRows
	feedRows = n
	return func() { feedRows = old }
}

// ExecForTest runs a statement inside a transaction of the store (a delete no command makes).
func (t *Tx) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, q, args...)
	return err
}

// CatalogForTest lists the schema as the catalog holds it: every object of
// sqlite_master with its SQL; on PostgreSQL every index, constraint and
// trigger of the current schema with its definition.
func CatalogForTest(ctx context.Context, s *Store) ([]string, error) {
	q := `SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY 1`
	if s.dialect == Postgres {
		q = `SELECT * FROM (
			SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL SELECT 'constraint ' || conname || ' ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
				FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
			UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger
				WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
		) c ORDER BY 1`
	}
	return stringsForTest(ctx, s, q)
}

// stringsForTest runs a query of one text column on the writer and returns its rows.
func stringsForTest(ctx context.Context, s *Store, q string) ([]string, error) {
	rows, err := s.w.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CountForTest runs a query that answers one number.
func CountForTest(ctx context.Context, s *Store, q string) (int64, error) {
	var n int64
	err := s.w.QueryRowContext(ctx, q).Scan(&n)
	return n, err
}

// BatchForTest runs the commands in one group-commit transaction, in this
// order, as a writer does with the commands waiting at one moment.
func BatchForTest(s *Store, fns ...func(*Tx) error) ([]error, bool) {
	batch := make([]*txReq, len(fns))
	for i, fn := range fns {
		batch[i] = &txReq{ctx: context.Background(), fn: fn}
	}
	var res []txRes
	var ok bool
	if s.dialect == Postgres {
		res, ok = s.pgBatch(batch, 0)
	} else {
		res, ok = s.tryBatch(batch, 0)
	}
	errs := make([]error, len(res))
	for i, r := range res {
		errs[i] = r.err
		if r.err == nil {
			for _, f := range r.after {
				f()
			}
		}
	}
	return errs, ok
}

// WriterStatementsForTest is how many statements the writers' pool has sent (PostgreSQL).
func WriterStatementsForTest(s *Store) int64 { return s.wstmts.n.Load() }

// TextPairsForTest is the pairs the fill writes for a text (wq_pairs in Go).
func TextPairsForTest(text string) []string { return textPairs(text) }

// PairsEqualForTest tells whether PostgreSQL's matter_pairs row of a matter holds exactly want.
func PairsEqualForTest(ctx context.Context, s *Store, id int64, want []string) (bool, error) {
	var eq bool
	err := s.r.QueryRowContext(ctx, "SELECT pairs @> $2::text[] AND $2::text[] @> pairs FROM matter_pairs WHERE matter_id = $1", id, want).Scan(&eq)
	return eq, err
}

// IndexCheaperForTest is indexCheaper of a sample.
func IndexCheaperForTest(found, walked, words, sampled, left, rest, budget int64) bool {
	return indexCheaper(searchSample{found: found, walked: walked, words: words, sampled: sampled}, left, rest, budget)
}

// FeedSearchForTest gives SQLite's search tables every matter pending (feedSearch), in a command of its own.
func FeedSearchForTest(ctx context.Context, s *Store) error {
	return s.Tx(ctx, func(t *Tx) error {
		_, err := t.feedSearch(ctx, true)
		return err
	})
}

// SetFeedForTest sets how many pending matters make a commit feed the search
// tables and how long the writer waits idle before it feeds them; it returns
// the function that puts them back. Set before the store opens (its writer reads them).
func SetFeedForTest(at int64, idle time.Duration) func() {
	oldAt, oldIdle := feedAt, feedIdle
	feedAt, feedIdle = at, idle
	return func() { feedAt, feedIdle = oldAt, oldIdle }

}

// SetBulkImportMinForTest sets how many rows an SQLite import writes before it may write in bulk.
func SetBulkImportMinForTest(n int) func() {
	old := bulkImportMin
	bulkImportMin = n
	return func() { bulkImportMin = old }
}

// MatterIndexesForTest lists matters' indexes (name and definition) and the
// indexes sqlite_stat1 has statistics for, sorted (SQLite).
func MatterIndexesForTest(ctx context.Context, s *Store) (indexes, stats []string, err error) {
	read := func(q string) ([]string, error) { return stringsForTest(ctx, s, q) }
	if indexes, err = read("SELECT name || ' ' || COALESCE(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'matters' ORDER BY name"); err != nil {
		return nil, nil, err
	}
	stats, err = read("SELECT idx || ' ' || stat FROM sqlite_stat1 WHERE tbl = 'matters' ORDER BY idx")
	return indexes, stats, err
}

// IntegrityForTest runs SQLite's integrity_check and returns its report.
func IntegrityForTest(ctx context.Context, s *Store) (string, error) {
	var out string
	err := s.w.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&out)
	return out, err
}

// CheckpointsForTest is how many checkpoints ran beside the writer
// (checkpoint.go), and the writer's own automatic checkpoint, in pages.
func CheckpointsForTest(ctx context.Context, s *Store) (int64, int, error) {
	var pages int
	err := s.w.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&pages)
	return s.checkpoints.Load(), pages, err
}

// LastCheckpointForTest is what the checkpointer's last checkpoint found:
// the WAL's frames and how many of them were then in the database file.
func LastCheckpointForTest(s *Store) (log, done int64) {
	return s.ckptLog.Load(), s.ckptDone.Load()
}

// ExecForTest runs a statement in a write transaction.
func ExecForTest(ctx context.Context, t *Tx, q string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, q, args...)
	return err
}

// RawRowForTest is one transaction of the raw limit (RawLimit) into table.
func RawRowForTest(ctx context.Context, s *Store, table string, i int64, body string) error {
	return s.rawRow(ctx, table, i, body)
}

// KeyedPlansForTest is how often the keyed reads' connections planned a
// statement containing part generically and for its arguments (PostgreSQL).
func KeyedPlansForTest(ctx context.Context, s *Store, part string) (generic, custom int64, err error) {
	err = s.keyed.QueryRowContext(ctx, "SELECT COALESCE(SUM(generic_plans), 0), COALESCE(SUM(custom_plans), 0) FROM pg_prepared_statements WHERE strpos(statement, $1) > 0", part).Scan(&generic, &custom)
	return generic, custom, err
}

// OpenDeadlinesForTest counts a matter's open deadlines.
func OpenDeadlinesForTest(ctx context.Context, s *Store, matterID int64) (int, error) {
	var n int
	err := s.Tx(ctx, func(t *Tx) error {
		ds, err := t.OpenDeadlines(ctx, matterID)
		n = len(ds)
		return err
	})
	return n, err
}

// StampReadsForTest is how many config stamps were read from the database (ConfigStamp).
func StampReadsForTest() int64 { return stampReads.Load() }

// BoardBoundsForTest lowers the board's count bound and its sorted scope's
// size, so that a small office takes every path; the returned func restores them.
func BoardBoundsForTest(count, sorted int) func() {
	c, o := clockCountBound, sortedClocks
	clockCountBound, sortedClocks = count, sorted
	return func() { clockCountBound, sortedClocks = c, o }
}

// ClocksThroughMattersForTest is the board as it was read before migration
// 0085 — every running clock whose matter is in the scope, found through the
// matters — the oracle the board's own reads must equal.
func ClocksThroughMattersForTest(ctx context.Context, s *Store, f ClockFilter, now time.Time) ([]Clock, ClockCounts, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	return s.clocksOfMatters(ctx, f, now)
}

// BoardPlansForTest runs the board for f and returns the plan of each of its
// statements, as explain reads them ("count", "bounded counts", "page").
func BoardPlansForTest(ctx context.Context, s *Store, f ClockFilter, now time.Time) (map[string]string, error) {
	seen := map[string]stmt{}
	boardTrace = func(part, q string, args []any) { seen[part] = stmt{q, append([]any{}, args...)} }
	defer func() { boardTrace = func(string, string, []any) {} }()
	if _, _, err := s.Clocks(ctx, f, now); err != nil {
		return nil, err
	}
	return explainEach(ctx, s, seen)
}

// FillSearchBufferForTest sets how much the fill's search tables gather before
// writing a segment; the returned func restores it.
func FillSearchBufferForTest(n int) func() {
	old := fillSearchBuffer
	fillSearchBuffer = n
	return func() { fillSearchBuffer = old }
}

// HeldMattersForTest is how many matters committed batches inserted with their pairs and rollups written by the batch (held.go).
func HeldMattersForTest() int64 { return heldMatters.Load() }

// TriggerPairsForTest tells whether a matter's matter_pairs row holds exactly what the pair trigger computes
// from its row now (migration 0081: wq_pairs of the lowered text, the same expression).
func TriggerPairsForTest(ctx context.Context, s *Store, id int64) (bool, error) {
	var eq bool
	err := s.r.QueryRowContext(ctx, `SELECT p.pairs @> w.pairs AND w.pairs @> p.pairs AND cardinality(p.pairs) = cardinality(w.pairs)
		FROM matter_pairs p, (SELECT wq_pairs(lower(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts)) AS pairs
			FROM matters WHERE id = $1) w WHERE p.matter_id = $1`, id).Scan(&eq)
	return eq, err
}

// SetHeldRollupsFailForTest makes the rollups a batch adds up fail when they are sent (a division by zero after
// the day's and month's upserts); it returns the function that puts them back.
func SetHeldRollupsFailForTest() func() {
	heldRollupsFail.Store(true)
	return func() { heldRollupsFail.Store(false) }
}

// MergePlanForTest sets, until the returned func is called, a look at the
// plan SQLite gives FTS5's delete of merged pages on the fill's connection
// just before the fill merges the search tables.
func MergePlanForTest(seen func(plan string)) func() {
	mergePlanHook = func(ctx context.Context, c *sql.Conn) error {
		rows, err := c.QueryContext(ctx, "EXPLAIN QUERY PLAN DELETE FROM matters_fts_data WHERE id >= 1 AND id <= 2")
		if err != nil {
			return err
		}
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return err
			}
			plan = append(plan, detail)
		}
		seen(strings.Join(plan, "; "))
		return rows.Err()
	}
	return func() { mergePlanHook = nil }
}

// StaleSearchStatisticsForTest makes the statistics describe the search
// tables' pages as an empty office had them (two rows), as SQLite would keep
// them after an office grew until something analysed it again.
func StaleSearchStatisticsForTest(ctx context.Context, s *Store) error {
	for _, q := range []string{
		"UPDATE sqlite_stat1 SET stat = '2' WHERE tbl IN ('matters_fts_data', 'matters_bigram_data')",
		"ANALYZE sqlite_schema", // reload the statistics
	} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// SearchStatisticsForTest is what the statistics say of the trigram table's pages.
func SearchStatisticsForTest(ctx context.Context, s *Store) (string, error) {
	var stat string
	err := s.w.QueryRowContext(ctx, "SELECT stat FROM sqlite_stat1 WHERE tbl = 'matters_fts_data'").Scan(&stat)
	return stat, err
}

// AlertSortedForTest lowers the most alerts a range scope's page is sorted
// from, so that a small office takes every path; the returned func restores it.
func AlertSortedForTest(sorted int) func() {
	o := sortedAlerts
	sortedAlerts = sorted
	return func() { sortedAlerts = o }
}

// AlertsThroughMattersForTest is the alerts page as it was read before
// migration 0086 — the alerts of every matter of the scope, found through the
// matters, those of no matter for the whole office and a root area, those
// addressed to the user, counted exactly — the oracle the new reads must equal.
func AlertsThroughMattersForTest(ctx context.Context, s *Store, f AlertFilter) ([]Alert, int, error) {
	w, args := oldAlertWhere(f)
	var total int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM outbox o WHERE "+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	args = append(args, f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, "SELECT "+alertCols+" FROM outbox o LEFT JOIN matters m ON m.id = o.matter_id WHERE "+w+
		fmt.Sprintf(" ORDER BY o.id DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// oldAlertWhere is AlertFilter.where before migration 0086.
func oldAlertWhere(f AlertFilter) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var w string
	if f.Scope.MerchantID != nil {
		w = "o.user_id = " + arg(f.UserID)
	} else {
		var scope string
		scope, args = MatterFilter{Scope: f.Scope}.where()
		general := "1 = 0"
		if f.Scope.All || f.Scope.Unplaced {
			general = "o.matter_id IS NULL"
		}
		w = "(o.matter_id IN (SELECT id FROM matters WHERE " + scope + ") OR " + general + " OR o.user_id = " + arg(f.UserID) + ")"
	}
	if f.Unread {
		w += " AND o.read_at IS NULL"
	}
	if f.Undelivered {
		w += " AND o.delivered_at IS NULL"
	}
	if f.Kind != "" {
		w += " AND o.kind = " + arg(f.Kind)
	}
	if f.MatterID != nil {
		w += " AND o.matter_id = " + arg(*f.MatterID)
	}
	return w, args
}

// AlertPlansForTest runs the alerts page for f and returns the plan of each of
// its statements ("count", "page"), as explain reads them.
func AlertPlansForTest(ctx context.Context, s *Store, f AlertFilter) (map[string]string, error) {
	seen := map[string]stmt{}
	alertTrace = func(part, q string, args []any) { seen[part] = stmt{q, append([]any{}, args...)} }
	defer func() { alertTrace = func(string, string, []any) {} }()
	if _, _, err := s.Alerts(ctx, f); err != nil {
		return nil, err
	}
	return explainEach(ctx, s, seen)
}

// UnreadAlertExistsPlanForTest is the plan of UnreadAlertExists's statement.
func UnreadAlertExistsPlanForTest(ctx context.Context, s *Store) (string, error) {
	return explain(ctx, s, "SELECT 1 FROM outbox WHERE kind = $1 AND payload = $2 AND read_at IS NULL LIMIT 1", "calendar_missing", `{"year":2027}`)
}

// UnreadThroughMattersForTest is the unread badge as it was counted before
// migration 0086: every alert of the matters of the scope, exactly.
func UnreadThroughMattersForTest(ctx context.Context, s *Store, f AlertFilter) (int, error) {
	w, args := oldAlertWhere(f)
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM outbox o WHERE "+w, args...).Scan(&n)
	return n, err
}

// UnreadAlertExistsUnindexedForTest is UnreadAlertExists's statement kept off
// every index, as it ran before outbox_unread_kind (migration 0086).
func UnreadAlertExistsUnindexedForTest(ctx context.Context, s *Store, kind string, payload map[string]any) (bool, error) {
	b, err := marshalData(payload)
	if err != nil {
		return false, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE kind || '' = $1 AND payload || '' = $2 AND read_at IS NULL LIMIT 1) x", kind, b).Scan(&n)
	return n > 0, err
}

// AlertThroughMattersForTest is Alert as it was read before migration 0086.
func AlertThroughMattersForTest(ctx context.Context, s *Store, id int64, f AlertFilter) (Alert, error) {
	w, args := oldAlertWhere(f)
	args = append(args, id)
	return scanAlert(s.r.QueryRowContext(ctx, "SELECT "+alertCols+" FROM outbox o LEFT JOIN matters m ON m.id = o.matter_id WHERE "+
		w+fmt.Sprintf(" AND o.id = $%d", len(args)), args...))
}

// RanSinglyForTest is how many batches ran again with each held write alone
// after held writes sent together failed (PostgreSQL).
func RanSinglyForTest() int64 { return ranSingly.Load() }

// stmt is a statement a traced read ran.
type stmt struct {
	q    string
	args []any
}

// explainEach is the plan of each statement a traced read ran, by its part.
func explainEach(ctx context.Context, s *Store, seen map[string]stmt) (map[string]string, error) {
	out := map[string]string{}
	for part, st := range seen {
		p, err := explain(ctx, s, st.q, st.args...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", part, err)
		}
		out[part] = p
	}
	return out, nil
}
