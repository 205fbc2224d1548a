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
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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
// close action write them.
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

	if !pg {
		// FTS5 merges its segments as it writes (automerge), most of the
		// time of a bulk insert; a large buffer writes a few big ones.
		if err := f.ftsConfig(ctx, 0, 64, 256<<20); err != nil {
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
	if !pg {
		// Written without merging, each search table holds dozens of large
		// segments; left so, the office's first write after the fill would
		// merge them in a crisis merge inside its own transaction (an intake
		// waited minutes at 10 M). Merged once here, as an office's steady
		// writing would have kept them.
		for _, t := range []string{"matters_fts", "matters_bigram"} {
			if err := f.exec(ctx, "INSERT INTO "+t+" ("+t+") VALUES ('optimize')"); err != nil {
				return err
			}
		}
		f.phase("search index segments merged")
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
		for _, t := range []string{"matters", "events", "deadlines", "merchants", "matter_rollup", "matter_rollup_month", "onsite_rollup", "hotline_rollup", "matter_pairs"} {
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

// fillPairs writes matter_pairs (migration 0013) for the matters with ids
// in (last, top]: wq_pairs computed here and copied in, as its SQL took 0.4
// ms a matter (an hour for 10 M). The pairs of the fill's text (digits,
// ASCII letters, Chinese) are the same whichever side lowercases.
func (f *filler) fillPairs(ctx context.Context, last, top int64) error {
	rd, err := f.s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer rd.Close()
	if err := f.exec(ctx, "DELETE FROM matter_pairs WHERE matter_id > $1", last); err != nil {
		return err
	}
	const chunk = 50_000
	for a := last; a < top; a += chunk {
		rows, err := rd.QueryContext(ctx, `SELECT id, lower(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts)
			FROM matters WHERE id > $1 AND id <= $2`, a, min(a+chunk, top))
		if err != nil {
			return err
		}
		var batch [][]any
		for rows.Next() {
			var id int64
			var t string
			if err := rows.Scan(&id, &t); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, []any{id, textPairs(t)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := f.c.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{"matter_pairs"}, []string{"matter_id", "pairs"}, pgx.CopyFromRows(batch))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// textPairs is wq_pairs: the distinct pairs of adjacent characters of t,
// leaving out those with a space.
func textPairs(t string) []string {
	if utf8.ValidString(t) { // each pair a substring of t: no copy (an intake's pairs, held.go)
		out := []string{}
		prev, prevAt := ' ', 0
		for i, c := range t {
			if prev != ' ' && c != ' ' {
				out = append(out, t[prevAt:i+utf8.RuneLen(c)])
			}
			prev, prevAt = c, i
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	r := []rune(t)
	out := []string{}
	for i := 0; i+1 < len(r); i++ {
		if r[i] != ' ' && r[i+1] != ' ' {
			out = append(out, string(r[i:i+2]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ftsConfig sets how the search tables merge their segments and how much
// they gather in memory before writing one (defaults 4, 16, 1 MB).
func (f *filler) ftsConfig(ctx context.Context, automerge, crisismerge, hashsize int) error {
	for _, t := range []string{"matters_fts", "matters_bigram"} {
		for k, v := range map[string]int{"automerge": automerge, "crisismerge": crisismerge, "hashsize": hashsize} {
			if err := f.exec(ctx, fmt.Sprintf("INSERT INTO %s (%s, rank) VALUES ('%s', %d)", t, t, k, v)); err != nil {
				return err
			}
		}
	}
	return nil
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
	f.s.committed() // its WAL copied into the database as it goes (checkpoint.go)
	return nil
}

// fillDef is a schema object Fill drops and creates again, as the catalog
// defines it.
type fillDef struct {
	name, drop, create string
	index              bool
}

// fillDefinitions reads from the catalog the objects whose upkeep a bulk
// insert can do without: the secondary indexes and triggers of matters and
// events (SQLite), and on PostgreSQL also their foreign keys and the pair
// table's index. Indexes that back a constraint (the primary keys, the
// unique number) stay. They are created again in this order: triggers last.
func (s *Store) fillDefinitions(ctx context.Context, c *sql.Conn) ([]fillDef, error) {
	var q string
	if s.dialect == Postgres {
		q = `SELECT 1, c.relname, 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid IN ('matters'::regclass, 'events'::regclass, 'matter_pairs'::regclass, 'deadlines'::regclass)
				AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		UNION ALL
		SELECT 2, conname, 'ALTER TABLE ' || conrelid::regclass::text || ' DROP CONSTRAINT ' || quote_ident(conname),
			'ALTER TABLE ' || conrelid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('matters'::regclass, 'events'::regclass, 'deadlines'::regclass)
		UNION ALL
		SELECT 3, tgname, 'DROP TRIGGER ' || quote_ident(tgname) || ' ON ' || tgrelid::regclass::text, pg_get_triggerdef(oid)
			FROM pg_trigger WHERE tgrelid IN ('matters'::regclass, 'events'::regclass) AND NOT tgisinternal
		ORDER BY 1, 2`
	} else {
		q = `SELECT CASE type WHEN 'index' THEN 1 ELSE 3 END, name, 'DROP ' || upper(type) || ' "' || name || '"', sql
			FROM sqlite_master WHERE tbl_name IN ('matters', 'events', 'deadlines') AND type IN ('index', 'trigger') AND sql IS NOT NULL
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

// fillDerived is what the triggers would have written for the matters after
// $1 (the last id before the fill), in one statement each (statements apart
// by ";\n"; those with $2 are run over ids ($1, $2] a chunk at a time): the
// months are added up from the days, not from the matters again.
type fillDerived struct{ name, sql string }

func fillDerivedSQL(d Dialect) []fillDerived {
	if d == Postgres {
		day := "to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
		key := "(day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)"
		adds := " n = t.n + excluded.n, recovered = t.recovered + excluded.recovered, rated = t.rated + excluded.rated, rating_sum = t.rating_sum + excluded.rating_sum"
		return []fillDerived{
			{"rollups by day and by month", `CREATE TEMP TABLE fill_rollup AS
				SELECT ` + day + ` AS day, area_path, (area_id IS NULL)::INTEGER AS unplaced, COALESCE(station_id, 0) AS station_id, kind, channel,
					category, (state = 'closed')::INTEGER AS closed, outcome, COUNT(*) AS n, SUM(recovered) AS recovered,
					COUNT(satisfaction) AS rated, COALESCE(SUM(satisfaction), 0) AS rating_sum
				FROM matters WHERE id > $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
				INSERT INTO matter_rollup AS t SELECT day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
					n, recovered, rated, rating_sum FROM fill_rollup
				ON CONFLICT ` + key + ` DO UPDATE SET` + adds + `;
				INSERT INTO matter_rollup_month AS t SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed,
					outcome, 0, SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM fill_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
				ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
				DROP TABLE fill_rollup`},
			{"on-site rollup", `INSERT INTO onsite_rollup AS t
				SELECT ` + day + `, area_path, (area_id IS NULL)::INTEGER, COALESCE(station_id, 0), onsite_minutes(m), 0,
					COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
				FROM matters m WHERE id > $1 AND on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
				ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET n = t.n + excluded.n, kept = t.kept + excluded.kept`},
			{"12345 rating rollup", `INSERT INTO hotline_rollup AS t
				SELECT ` + day + `, area_path, (area_id IS NULL)::INTEGER, COALESCE(station_id, 0), hotline_rating, 0, COUNT(*)
				FROM matters WHERE id > $1 AND hotline_rating <> '' GROUP BY 1, 2, 3, 4, 5
				ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = t.n + excluded.n`},
		}
	}
	day := "date(received_at, '+8 hours')"
	adds := " n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum"
	return []fillDerived{
		{"rollups by day and by month", `CREATE TEMP TABLE fill_rollup AS
			SELECT ` + day + ` AS day, area_path, area_id IS NULL AS unplaced, COALESCE(station_id, 0) AS station_id, kind, channel, category,
				state = 'closed' AS closed, outcome, COUNT(*) AS n, SUM(recovered) AS recovered, COUNT(satisfaction) AS rated,
				COALESCE(SUM(satisfaction), 0) AS rating_sum
			FROM matters WHERE id > $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
			INSERT INTO matter_rollup SELECT day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
				n, recovered, rated, rating_sum FROM fill_rollup WHERE true
			ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
			INSERT INTO matter_rollup_month SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
				SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM fill_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
			ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
			DROP TABLE fill_rollup`},
		{"on-site rollup", `INSERT INTO onsite_rollup
			SELECT ` + day + `, area_path, area_id IS NULL, COALESCE(station_id, 0),
				CASE WHEN arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(arrived_at) - unixepoch(received_at)) / 60) END,
				0, COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
			FROM matters WHERE id > $1 AND on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET n = n + excluded.n, kept = kept + excluded.kept`},
		{"12345 rating rollup", `INSERT INTO hotline_rollup
			SELECT ` + day + `, area_path, area_id IS NULL, COALESCE(station_id, 0), hotline_rating, 0, COUNT(*)
			FROM matters WHERE id > $1 AND hotline_rating <> '' GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n`},
		{"search index (trigram)", `INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
			SELECT id, number, consumer_name, consumer_phone, merchant_name, facts FROM matters WHERE id > $1 AND id <= $2`},
		{"search index (pairs)", `INSERT INTO matters_bigram (rowid, grams)
			SELECT id, wq_bigrams(number, consumer_name, consumer_phone, merchant_name, facts) FROM matters WHERE id > $1 AND id <= $2`},
	}
}

// fillEventsSQL writes the timelines of the matters with ids in ($1, $2]:
// every receipt first, then every closing, as intake and the close action
// write them (the close leaves the state that was the outcome).
func fillEventsSQL(d Dialect) []string {
	data := `'{"channel":"' || channel || '","kind":"' || kind || '","level":"' || level || '","rule_set":"' || rule_set || '"}'`
	return []string{
		`INSERT INTO events (matter_id, at, actor_name, action, from_state, to_state, note, data)
		SELECT id, received_at, '系统 / system', 'intake', '', 'received', '', ` + data + `
		FROM matters WHERE id > $1 AND id <= $2 ORDER BY id`,
		`INSERT INTO events (matter_id, at, actor_name, action, from_state, to_state, note, data)
		SELECT id, closed_at, '系统 / system', 'close', outcome, 'closed', '', ''
		FROM matters WHERE id > $1 AND id <= $2 AND state = 'closed' ORDER BY id`,
	}
}

// fillDeadlinesSQL writes the clocks of the matters with ids in ($1, $2], as
// intake and the steps after it leave them: a complaint's acceptance (met the
// day after receipt) and its mediation (running until the matter's deadline
// while it is open, met at the closing once closed), a report's verification
// (met at its closing). The supervisor's board and the KPIs read these at
// scale.
func fillDeadlinesSQL(d Dialect) []string {
	plus := func(col string, days int) string {
		if d == Postgres {
			return fmt.Sprintf("(%s + INTERVAL '%d days')", col, days)
		}
		return fmt.Sprintf("(strftime('%%Y-%%m-%%d %%H:%%M:%%S', %s, '+%d days') || '+00:00')", col, days)
	}
	day := func(col string) string {
		if d == Postgres {
			return "to_char(" + col + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
		}
		return "date(" + col + ", '+8 hours')"
	}
	// An open clock already past its reminder or its due time is written as
	// the clock worker would have left it (reminded, breached), so that a
	// server started on a filled office does not fire them all at once.
	now := "(strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00')"
	if d == Postgres {
		now = "now()"
	}
	cols := "INSERT INTO deadlines (matter_id, kind, rule, start_at, due_date, due_at, remind_at, met_at, created_at, updated_at)"
	mediationDue := "CASE WHEN state = 'closed' THEN " + plus("received_at", 60) + " ELSE due_at END"
	return []string{
		cols + `
		SELECT id, 'acceptance', 'R-L6', received_at, ` + day(plus("received_at", 9)) + `, ` + plus("received_at", 9) + `, ` + plus("received_at", 8) + `,
			` + plus("received_at", 1) + `, received_at, ` + plus("received_at", 1) + `
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'complaint' ORDER BY id`,
		`INSERT INTO deadlines (matter_id, kind, rule, start_at, due_date, due_at, remind_at, met_at, created_at, updated_at,
			reminded_at, breached_at)
		SELECT id, 'mediation', 'R-L18', ` + plus("received_at", 1) + `, ` + day(mediationDue) + `, ` + mediationDue + `,
			` + plus(mediationDue, -3) + `, closed_at, ` + plus("received_at", 1) + `, COALESCE(closed_at, ` + plus("received_at", 1) + `),
			CASE WHEN state <> 'closed' AND ` + plus("due_at", -3) + ` < ` + now + ` THEN ` + plus("due_at", -3) + ` END,
			CASE WHEN state <> 'closed' AND due_at < ` + now + ` THEN due_at END
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'complaint' ORDER BY id`,
		cols + `
		SELECT id, 'report_verification', 'R-L24', received_at, ` + day(plus("received_at", 21)) + `, ` + plus("received_at", 21) + `,
			` + plus("received_at", 18) + `, closed_at, received_at, COALESCE(closed_at, received_at)
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'report' ORDER BY id`,
	}
}

// fillMerchantsSQL writes $1 merchants: shops, enterprises and online shops
// of the ten towns.
func fillMerchantsSQL(d Dialect, y int) string {
	at := fmt.Sprintf("'%04d-12-31 16:00:00+00:00'", y-2)
	counter := "WITH RECURSIVE c(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM c WHERE k + 1 < $1) SELECT k FROM c"
	if d == Postgres {
		at = fmt.Sprintf("TIMESTAMPTZ '%04d-12-31 16:00:00+00'", y-2)
		counter = "SELECT generate_series(0, $1::BIGINT - 1) AS k"
	}
	return `INSERT INTO merchants (name, type, address, area_id, phone, platform, created_at, updated_at)
	SELECT ` + fillMerchantName("k") + `,
		CASE WHEN k % 10 = 9 THEN 'online_shop' WHEN k % 3 = 0 THEN 'individual' ELSE 'enterprise' END,
		'瑞昌市' || (k % 97 + 1) || '号', 2 + k % 10, '0792' || (4000000 + k),
		CASE WHEN k % 10 = 9 THEN '淘宝' ELSE '' END, ` + at + `, ` + at + `
	FROM (` + counter + `) c ORDER BY k`
}

// fillMerchantName is the name of merchant k (0-based), in SQL.
func fillMerchantName(k string) string {
	return `substr('恒鑫福兴隆华盛泰永安', CAST(1 + (` + k + ` / 10) % 10 AS INTEGER), 1) || substr('达源丰和顺昌美佳利新', CAST(1 + (` + k + ` / 100) % 10 AS INTEGER), 1) ||
		CASE ` + k + ` % 10 WHEN 0 THEN '超市' WHEN 1 THEN '家电城' WHEN 2 THEN '手机店' WHEN 3 THEN '服装店' WHEN 4 THEN '餐馆'
			WHEN 5 THEN '健身中心' WHEN 6 THEN '装饰公司' WHEN 7 THEN '汽车租赁' WHEN 8 THEN '电器维修部' ELSE '网店' END || '第' || ` + k + ` || '店'`
}

// fillSQL is the INSERT … SELECT of the matters: $1..$2 the counter, $3 the
// total over which a year of minutes is spread, $4 the id before the first
// merchant of the fill, $5 how many merchants.
func fillSQL(d Dialect, y int) string {
	base := fmt.Sprintf("%04d-12-31 16:00:00", y-1) // 00:00 on 1 January in Asia/Shanghai
	var at func(string) string
	var counter, phone, boolv, area string
	if d == Postgres {
		at = func(plus string) string {
			return "(TIMESTAMPTZ '" + base + "+00' + ((" + plus + ") * INTERVAL '1 minute'))"
		}
		counter = "SELECT generate_series($1::BIGINT, $2::BIGINT) AS i"
		phone = "'139' || lpad(i::TEXT, 8, '0')"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)::TEXT"
	} else {
		at = func(plus string) string {
			return "strftime('%Y-%m-%d %H:%M:%S', '" + base + "', '+' || (" + plus + ") || ' minutes') || '+00:00'"
		}
		counter = "WITH RECURSIVE c(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM c WHERE i < $2) SELECT i FROM c"
		phone = "'139' || substr('00000000' || i, -8)"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)"
	}
	open := "kind = 'complaint' AND i % 13 = 0"
	// The merchant: u spreads i over 0 … 10006, and u² crowds the matters
	// onto the first merchants: the first share s of them takes √s of the
	// matters (10 % take 32 %, 1 % take 10 %).
	merchant := "(((i * 7919) % 10007) * ((i * 7919) % 10007) * $5 / 100140049)"
	goods := `CASE i % 8 WHEN 0 THEN '电动车' WHEN 1 THEN '空调' WHEN 2 THEN '手机' WHEN 3 THEN '羽绒服' WHEN 4 THEN '热水器'
		WHEN 5 THEN '笔记本电脑' WHEN 6 THEN '运动鞋' ELSE '冰箱' END`
	yuan := "(50 + (i * 37) % 19950)"
	facts := `CASE (i / 10) % 12
		WHEN 0 THEN '消费者反映购买的' || ` + goods + ` || '存在质量问题，多次联系商家未果，要求退货退款，涉及金额' || ` + yuan + ` || '元。'
		WHEN 1 THEN '消费者称' || ` + goods + ` || '使用不到一个月即出现质量问题，商家以人为损坏为由拒绝保修，涉及金额' || ` + yuan + ` || '元。'
		WHEN 2 THEN '网购' || ` + goods + ` || '收货后发现质量问题，平台客服推诿，要求退款' || ` + yuan + ` || '元并承担运费。'
		WHEN 3 THEN '消费者在店内购买的' || ` + goods + ` || '与宣传不符且有质量问题，要求三倍赔偿，金额' || ` + yuan + ` || '元。'
		WHEN 4 THEN ` + goods + ` || '维修后同一质量问题再次出现，商家拒绝更换，消费者要求退还维修费' || ` + yuan + ` || '元。'
		WHEN 5 THEN '消费者购买的' || ` + goods + ` || '在三包期内出现质量问题，商家要求自行寄往厂家检测，涉及' || ` + yuan + ` || '元。'
		WHEN 6 THEN '消费者称商家以次充好，' || ` + goods + ` || '存在明显质量问题，要求退一赔三，共计' || ` + yuan + ` || '元。'
		WHEN 7 THEN '消费者反映' || ` + goods + ` || '经检测质量不合格，要求商家承担检测费用及损失' || ` + yuan + ` || '元。'
		WHEN 8 THEN '消费者办理健身卡后门店停业，剩余' || ` + yuan + ` || '元预付款无法退还，要求退款。'
		WHEN 9 THEN '房屋装修工期延误两个月，装修公司拒绝按合同赔偿，涉及金额' || ` + yuan + ` || '元。'
		WHEN 10 THEN '租车归还后商家以车辆划痕为由押金不退，扣留押金' || ` + yuan + ` || '元。'
		ELSE '在餐馆就餐时发现菜品中有异物，要求商家道歉并赔偿' || ` + yuan + ` || '元。' END`
	request := `CASE (i / 10) % 12 WHEN 8 THEN '退还预付款' WHEN 9 THEN '按合同赔偿' WHEN 10 THEN '退还押金'
		WHEN 11 THEN '赔礼道歉并赔偿' ELSE '退货退款' END`
	name := `substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗', CAST(1 + i % 20 AS INTEGER), 1) ||
		substr('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚', CAST(1 + (i / 20) % 21 AS INTEGER), 1) ||
		CASE WHEN i % 3 = 0 THEN '' ELSE substr('华红建国文英兰玉春海', CAST(1 + (i / 420) % 10 AS INTEGER), 1) END`
	return `INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at, closed_at, version,
		consumer_name, consumer_phone, merchant_id, merchant_name, area_id, area_path, category, amount_in_dispute, recovered, consumers,
		facts, request, on_site_due_at, arrived_at, on_site_kept, satisfaction, due_at, due_kind)
	SELECT 'B' || i, kind,
		CASE i % 7 WHEN 0 THEN 'hotline_12315' WHEN 1 THEN 'platform_12315' WHEN 2 THEN 'web' WHEN 3 THEN 'letter'
			WHEN 4 THEN 'visit' WHEN 5 THEN 'transfer_12345' ELSE 'transfer_department' END,
		CASE WHEN ` + open + ` THEN 'mediating' ELSE 'closed' END,
		CASE WHEN ` + open + ` THEN '' WHEN kind = 'complaint' AND i % 5 = 0 THEN 'terminated'
			WHEN kind = 'complaint' THEN 'agreement' WHEN kind = 'report' THEN 'filed' ELSE 'answered' END,
		'order121', ` + at("m") + `, ` + at("m") + `, ` + at("m") + `,
		CASE WHEN ` + open + ` THEN NULL ELSE ` + at("m + 2880") + ` END, 1,
		` + name + `, ` + phone + `,
		CASE WHEN i % 25 = 0 THEN NULL ELSE $4 + 1 + mk END,
		CASE WHEN i % 25 = 0 THEN '流动摊贩' ELSE ` + fillMerchantName("mk") + ` END,
		CASE WHEN i % 20 = 0 THEN NULL ELSE 2 + i % 10 END,
		CASE WHEN i % 20 = 0 THEN '' ELSE '/1/' || ` + area + ` || '/' END,
		CASE WHEN kind <> 'complaint' THEN '' WHEN i % 2 = 0 THEN 'goods' ELSE 'services' END,
		100 * ` + yuan + `,
		CASE WHEN kind = 'complaint' AND i % 13 <> 0 AND i % 5 <> 0 THEN 100 * ` + yuan + ` * (1 + i % 4) / 4 ELSE 0 END, 1,
		` + facts + `, ` + request + `,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + 30") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + i % 50") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + boolv + ` END,
		CASE WHEN i % 3 = 0 THEN 1 + i % 5 END,
		CASE WHEN ` + open + ` THEN ` + at("m + 10080 + i % 7000") + ` END,
		CASE WHEN ` + open + ` THEN 'mediation' ELSE '' END
	FROM (SELECT i, CASE WHEN i % 10 < 7 THEN 'complaint' WHEN i % 10 < 9 THEN 'report' ELSE 'inquiry' END AS kind,
		(i * 525599) / $3 AS m, ` + merchant + ` AS mk FROM (` + counter + `) c) r`
}
