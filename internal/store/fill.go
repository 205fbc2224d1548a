package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fill writes n synthetic matters received through year y straight into the
// database, numbered from first+1, with their merchants and timelines: the
// fixture of the scale benchmarks and of `weiquan load --fill`. Areas 1 (the
// city) and 2–11 (its towns) must exist.
//
// The matters: 70 % complaints, 20 % reports, 10 % inquiries over 7 channels;
// 1 in 20 without an area; 1 complaint in 13 still open with a deadline; a
// quarter of complaints with an on-site promise; a third rated. Their facts
// come from twelve kinds of dispute over eight kinds of goods with amounts
// from 50 to 20,000 yuan: "质量" is in 8 of 12 kinds (two matters in three),
// "质量问题" in 7 (58 %), "装修" and "押金不退" in one each (8 %), "手机" in
// about 8 % (goods and shop names), "牛奶" nowhere. One merchant for every 200
// matters (at least 50), busy ones far busier than the rest (a tenth of the
// merchants take a third of the matters, a hundredth a tenth); 1 matter in 25
// names a merchant that is not on record. Each matter has its receipt on
// its timeline and, when closed, its closing, shaped as intake and the
// close action write them, its clocks, and about 0.7 staff alerts (reminders,
// breaches, callback tasks, escalations…), most of them read (fillAlertsSQL).
//
// It is a benchmark tool, for an office no server is serving: the secondary
// indexes and the triggers of matters and events (and the foreign keys and
// the pair index on PostgreSQL) are read from the catalog and dropped, the
// rows go in with large INSERT … SELECT statements, then the same
// definitions are created again and what the triggers would have written —
// rollups, the search indexes, the pairs — is added for the new matters in
// bulk. An interrupted fill leaves an office to throw away.
// progress (may be nil) gets the time of each phase.
func (s *Store) Fill(ctx context.Context, first, n, y int, progress io.Writer) error {
	if progress == nil {
		progress = io.Discard
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: fill: %w", err)
	}
	f := &filler{s: s, c: conn, w: progress, t: time.Now()}
	err = f.run(ctx, first, n, y)
	if err == nil && s.dialect == SQLite {
		err = f.mergeSearch(ctx)
	}
	conn.Close() // SQLite's writer pool has one connection, which Optimize needs
	if err != nil {
		return fmt.Errorf("store: fill: %w", err)
	}
	if s.dialect == SQLite {
		s.Optimize(ctx, true)
		f.phase("statistics (PRAGMA optimize)")
	}
	return nil
}

type filler struct {
	s *Store
	c *sql.Conn
	w io.Writer
	t time.Time
}

func (f *filler) phase(name string) {
	fmt.Fprintf(f.w, "fill: %-40s %6.1fs\n", name, time.Since(f.t).Seconds())
	f.t = time.Now()
}

func (f *filler) exec(ctx context.Context, q string, args ...any) error {
	if _, err := f.c.ExecContext(ctx, q, args...); err != nil {
		if len(q) > 200 {
			q = q[:200] + "…"
		}
		return fmt.Errorf("%w\n%s", err, q)
	}
	return nil
}

func (f *filler) execAll(ctx context.Context, qs []string) error {
	for _, q := range qs {
		if err := f.exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func (f *filler) intOf(ctx context.Context, q string) (int64, error) {
	var v int64
	err := f.c.QueryRowContext(ctx, q).Scan(&v)
	return v, err
}

// fillChunk rows go in with one statement.
const fillChunk = 250_000

func (f *filler) run(ctx context.Context, first, n, y int) error {
	pg := f.s.dialect == Postgres
	if pg {
		if err := f.execAll(ctx, []string{"SET maintenance_work_mem = '1GB'", "SET max_parallel_maintenance_workers = 2",
			"SET synchronous_commit = off"}); err != nil {
			return err
		}
		defer f.c.ExecContext(context.Background(), "RESET ALL")
	} else {
		var cache, temp string
		if err := f.c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
			return err
		}
		if err := f.c.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&temp); err != nil {
			return err
		}
		// Index builds sort on disk (temp_store FILE) rather than in memory.
		if err := f.execAll(ctx, []string{"PRAGMA synchronous = OFF", "PRAGMA cache_size = -524288",
			"PRAGMA temp_store = FILE", "PRAGMA threads = 2"}); err != nil {
			return err
		}
		defer f.execAll(context.Background(), []string{"PRAGMA synchronous = NORMAL", "PRAGMA cache_size = " + cache,
			"PRAGMA temp_store = " + temp, "PRAGMA threads = 0"})
	}
	defs, err := f.s.fillDefinitions(ctx, f.c)
	if err != nil {
		return err
	}
	lastID, err := f.intOf(ctx, "SELECT COALESCE(MAX(id), 0) FROM matters")
	if err != nil {
		return err
	}
	if err := f.inTx(ctx, func() error {
		for _, d := range defs {
			if err := f.exec(ctx, d.drop); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	f.phase(fmt.Sprintf("drop %d indexes, triggers, keys", len(defs)))

	// Merchants, contiguous ids base+1 … base+m.
	m := max(50, n/200)
	base, err := f.intOf(ctx, "SELECT COALESCE(MAX(id), 0) FROM merchants")
	if err != nil {
		return err
	}
	if err := f.inTx(ctx, func() error { return f.exec(ctx, fillMerchantsSQL(f.s.dialect, y), m) }); err != nil {
		return err
	}
	lo, err := f.intOf(ctx, "SELECT MIN(id) FROM merchants WHERE id > "+strconv.FormatInt(base, 10))
	if err != nil {
		return err
	}
	hi, err := f.intOf(ctx, "SELECT MAX(id) FROM merchants WHERE id > "+strconv.FormatInt(base, 10))
	if err != nil {
		return err
	}
	if hi-lo+1 != int64(m) {
		return fmt.Errorf("merchants not contiguous: %d … %d for %d", lo, hi, m)
	}
	f.phase(fmt.Sprintf("%d merchants", m))

	q := fillSQL(f.s.dialect, y)
	for a := first; a < first+n; a += fillChunk {
		b := min(a+fillChunk, first+n)
		if err := f.inTx(ctx, func() error { return f.exec(ctx, q, a+1, b, first+n, lo-1, m) }); err != nil {
			return err
		}
	}
	f.phase(fmt.Sprintf("%d matters", n))

	top, err := f.intOf(ctx, "SELECT COALESCE(MAX(id), 0) FROM matters")
	if err != nil {
		return err
	}
	for _, ev := range fillEventsSQL(f.s.dialect) {
		for a := lastID; a < top; a += fillChunk {
			if err := f.inTx(ctx, func() error { return f.exec(ctx, ev, a, min(a+fillChunk, top)) }); err != nil {
				return err
			}
		}
	}
	f.phase("timeline events")

	for _, dl := range fillDeadlinesSQL(f.s.dialect) {
		for a := lastID; a < top; a += fillChunk {
			if err := f.inTx(ctx, func() error { return f.exec(ctx, dl, a, min(a+fillChunk, top)) }); err != nil {
				return err
			}
		}
	}
	f.phase("deadlines")

	alerts := fillAlertsSQL(f.s.dialect)
	for a := lastID; a < top; a += fillChunk {
		if err := f.inTx(ctx, func() error { return f.exec(ctx, alerts, a, min(a+fillChunk, top)) }); err != nil {
			return err
		}
	}
	f.phase("alerts (the outbox)")

	if !pg {
		// FTS5 merges its segments as it writes (automerge), most of the
		// time of a bulk insert; a large buffer writes a few big ones.
		if err := f.ftsConfig(ctx, 0, 64, fillSearchBuffer); err != nil {
			return err
		}
		defer f.ftsConfig(context.Background(), 4, 16, 1<<20)
	}
	for _, d := range fillDerivedSQL(f.s.dialect) {
		if strings.Contains(d.sql, "$2") {
			// The search indexes a chunk a transaction: one transaction
			// of millions of rows slowed down as it grew.
			for a := lastID; a < top; a += fillChunk {
				if err := f.inTx(ctx, func() error { return f.exec(ctx, d.sql, a, min(a+fillChunk, top)) }); err != nil {
					return err
				}
			}
			f.phase(d.name)
			continue
		}
		if err := f.inTx(ctx, func() error {
			for _, q := range strings.Split(d.sql, ";\n") {
				var args []any
				if strings.Contains(q, "$1") {
					args = []any{lastID}
				}
				if err := f.exec(ctx, q, args...); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		f.phase(d.name)
	}
	if pg {
		if err := f.fillPairs(ctx, lastID, top); err != nil {
			return err
		}
		f.phase("pairs")
	}
	if pg {
		if err := f.createIndexesAside(ctx, defs); err != nil {
			return err
		}
	}
	for _, d := range defs {
		if d.index && pg {
			continue
		}
		if err := f.exec(ctx, d.create); err != nil {
			return err
		}
		if d.index {
			f.phase("create index " + d.name)
		}
	}
	f.phase("create foreign keys and triggers")
	if pg {
		// Autovacuum would vacuum and analyze in its own time; until it does,
		// the planner knows nothing of the new rows and no page is marked all
		// visible, so every index-only scan reads the table too. The office a
		// fill stands for is one autovacuum has been through.
		for _, t := range []string{"matters", "events", "deadlines", "outbox", "merchants", "matter_rollup", "matter_rollup_month", "onsite_rollup", "hotline_rollup", "matter_pairs"} {
			if err := f.exec(ctx, "VACUUM (ANALYZE) "+t); err != nil {
				return err
			}
		}
		f.phase("VACUUM (ANALYZE)")
	} else if err := f.exec(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	return nil
}

// createIndexesAside creates the indexes of defs on PostgreSQL two at a time,
// each on a connection of its own, the GIN indexes (single-threaded, the
// longest) first.
func (f *filler) createIndexesAside(ctx context.Context, defs []fillDef) error {
	var todo []fillDef
	for _, d := range defs {
		if d.index {
			todo = append(todo, d)
		}
	}
	slices.SortStableFunc(todo, func(a, b fillDef) int {
		return cmp.Compare(boolInt(!strings.Contains(a.create, "USING gin")), boolInt(!strings.Contains(b.create, "USING gin")))
	})
	next := make(chan fillDef)
	errs := make(chan error, 2)
	var mu sync.Mutex
	t0 := time.Now()
	for w := 0; w < 2; w++ {
		go func() {
			errs <- func() error {
				c, err := f.s.w.Conn(ctx)
				if err != nil {
					return err
				}
				defer c.Close()
				defer c.ExecContext(context.Background(), "RESET ALL")
				for _, q := range []string{"SET maintenance_work_mem = '1GB'", "SET max_parallel_maintenance_workers = 1"} {
					if _, err := c.ExecContext(ctx, q); err != nil {
						return err
					}
				}
				for d := range next {
					t := time.Now()
					if _, err := c.ExecContext(ctx, d.create); err != nil {
						return fmt.Errorf("%s: %w", d.name, err)
					}
					mu.Lock()
					fmt.Fprintf(f.w, "fill:   index %-32s %6.1fs (beside another)\n", d.name, time.Since(t).Seconds())
					mu.Unlock()
				}
				return nil
			}()
		}()
	}
	var err error
	for _, d := range todo {
		select {
		case next <- d:
			continue
		case err = <-errs:
		}
		break
	}
	close(next)
	for i := 0; i < 2; i++ {
		if err != nil {
			break
		}
		err = <-errs
	}
	if err != nil {
		return err
	}
	f.t = t0
	f.phase(fmt.Sprintf("create %d indexes, two at a time", len(todo)))
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inTx runs fn between BEGIN and COMMIT on the filler's connection.
func (f *filler) inTx(ctx context.Context, fn func() error) error {
	if err := f.exec(ctx, "BEGIN"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		f.c.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	if err := f.exec(ctx, "COMMIT"); err != nil {
		return err
	}
	return f.checkpoint(ctx)
}

// checkpoint copies SQLite's WAL into the database after each of the fill's
// transactions and empties it (TRUNCATE), on the fill's own connection, before
// the next one begins. Left to the store's checkpointer (checkpoint.go), the
// fill's back-to-back transactions never let the WAL start again: it grew to
// 10 GB at 10 M, and every page read then searched a wal-index of 2.5 million
// frames — the search tables' merge advanced a few pages a second. No server
// serves the office during a fill, so nothing holds the WAL back.
func (f *filler) checkpoint(ctx context.Context) error {
	if f.s.dialect != SQLite {
		return nil
	}
	var busy, log, done int
	if err := f.c.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done); err != nil {
		return fmt.Errorf("store: fill checkpoint: %w", err)
	}
	if busy != 0 {
		f.s.committed() // a reader held it back: the checkpointer tries again
	}
	return nil
}

// fillDef is a schema object Fill drops and creates again, as the catalog
// defines it.
type fillDef struct {
	name, drop, create string
	index              bool
}

// fillDefinitions reads from the catalog the objects whose upkeep a bulk
// insert can do without: the secondary indexes and triggers of matters,
// events, deadlines and the outbox (SQLite), and on PostgreSQL also their
// foreign keys and the pair table's index. Indexes that back a constraint (the primary keys, the
// unique number) stay. They are created again in this order: triggers last.
func (s *Store) fillDefinitions(ctx context.Context, c *sql.Conn) ([]fillDef, error) {
	var q string
	if s.dialect == Postgres {
		q = `SELECT 1, c.relname, 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid IN ('matters'::regclass, 'events'::regclass, 'matter_pairs'::regclass, 'deadlines'::regclass, 'outbox'::regclass)
				AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		UNION ALL
		SELECT 2, conname, 'ALTER TABLE ' || conrelid::regclass::text || ' DROP CONSTRAINT ' || quote_ident(conname),
			'ALTER TABLE ' || conrelid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('matters'::regclass, 'events'::regclass, 'deadlines'::regclass, 'outbox'::regclass)
		UNION ALL
		SELECT 3, tgname, 'DROP TRIGGER ' || quote_ident(tgname) || ' ON ' || tgrelid::regclass::text, pg_get_triggerdef(oid)
			FROM pg_trigger WHERE tgrelid IN ('matters'::regclass, 'events'::regclass) AND NOT tgisinternal
		ORDER BY 1, 2`
	} else {
		q = `SELECT CASE type WHEN 'index' THEN 1 ELSE 3 END, name, 'DROP ' || upper(type) || ' "' || name || '"', sql
			FROM sqlite_master WHERE tbl_name IN ('matters', 'events', 'deadlines', 'outbox') AND type IN ('index', 'trigger') AND sql IS NOT NULL
			ORDER BY 1, 2`
	}
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []fillDef
	for rows.Next() {
		var order int
		var d fillDef
		if err := rows.Scan(&order, &d.name, &d.drop, &d.create); err != nil {
			return nil, err
		}
		d.index = order == 1
		out = append(out, d)
	}
	return out, rows.Err()
}
