package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime/debug"
	"strconv"
)

// bulkImportMin is how many rows an import on SQLite must have written, and
// more than the office held before it, before it writes in bulk (bulkImport).
var bulkImportMin = 20_000

// bulkImport is how a large import writes on SQLite once it has written
// more rows than there were matters before it (and at least bulkImportMin):
//
//   - matters' plain secondary indexes are dropped inside the import's
//     transaction and created again before it commits, each sorted once:
//     otherwise each row lands at a random place in most of them, and the
//     pages of a million rows' indexes do not fit the page cache. Their
//     planner statistics are kept and put back. The unique indexes stay (the
//     import skips rows already stored by them). DDL is transactional: a
//     rollback leaves the indexes as they were, and readers (WAL) see the old
//     schema until the commit;
//   - the page cache shrinks meanwhile to bulkIndexCacheKB (the rows then
//     touch few pages, and SQLite sorts each index in memory beside it);
//   - the search tables are fed in statements of bulkFeedRows, with FTS5
//     gathering bulkHashKB before it writes a segment: with its default of
//     1 MB the merging of small segments, and reading their pages back to
//     delete them, was a third of a million-row import.
//
// Below the threshold, rebuilding every index would cost more than it saves.
type bulkImport struct {
	before  int64 // matters' highest id when the import began
	written int
	on      bool
	indexes []namedSQL // the indexes dropped, to create again
}

type namedSQL struct{ name, sql string }

// bulkHashKB is the memory in which FTS5 gathers a bulk feed before it
// writes a segment (its default is 1 MB).
const bulkHashKB = 16 << 10

// bulkIndexCacheKB is SQLite's page cache while a bulk import writes its rows
// and creates the indexes.
const bulkIndexCacheKB = 16 << 10

// bulkFeedRows is how many matters one statement of a bulk feed gives the
// search tables: a statement keeps a copy of every page its merges rewrite
// until it ends.
const bulkFeedRows = 50_000

// beginBulk notes how many matters stand before an import (SQLite).
func (w *ImportWriter) beginBulk(ctx context.Context) error {
	w.bulk = &bulkImport{}
	if err := w.t.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM matters").Scan(&w.bulk.before); err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	return nil
}

// grow counts rows about to be written and turns bulk writing on when the
// import has outgrown the table it writes into.
func (w *ImportWriter) grow(ctx context.Context, n int) error {
	b := w.bulk
	if b == nil || b.on {
		return nil
	}
	b.written += n
	if b.written < bulkImportMin || int64(b.written) <= b.before {
		return nil
	}
	b.on = true
	if _, err := w.t.tx.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(bulkIndexCacheKB)); err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	return w.dropIndexes(ctx)
}

// dropIndexes drops matters' plain secondary indexes, keeping their
// definitions and planner statistics in temporary tables.
func (w *ImportWriter) dropIndexes(ctx context.Context) error {
	t := w.t
	rows, err := t.tx.QueryContext(ctx, `SELECT s.name, s.sql FROM pragma_index_list('matters') l
		JOIN sqlite_schema s ON s.type = 'index' AND s.name = l.name
		WHERE l.origin = 'c' AND NOT l."unique" AND s.sql IS NOT NULL ORDER BY l.seq`)
	if err != nil {
		return fmt.Errorf("store: import indexes: %w", err)
	}
	var idx []namedSQL
	for rows.Next() {
		var n namedSQL
		if err := rows.Scan(&n.name, &n.sql); err != nil {
			rows.Close()
			return fmt.Errorf("store: import indexes: %w", err)
		}
		idx = append(idx, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: import indexes: %w", err)
	}
	for _, stat := range []string{"sqlite_stat1", "sqlite_stat4"} {
		var one int
		err := t.tx.QueryRowContext(ctx, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $1", stat).Scan(&one)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return fmt.Errorf("store: import indexes: %w", err)
		}
		for _, q := range []string{"DROP TABLE IF EXISTS temp.import_" + stat,
			"CREATE TEMP TABLE import_" + stat + " AS SELECT * FROM " + stat + " WHERE tbl = 'matters'"} {
			if _, err := t.tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("store: import indexes: %w", err)
			}
		}
	}
	for _, n := range idx {
		if _, err := t.tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(n.name)); err != nil {
			return fmt.Errorf("store: import: drop index %s: %w", n.name, err)
		}
		w.bulk.indexes = append(w.bulk.indexes, n)
	}
	return nil
}

// finishBulk creates the dropped indexes again with their statistics, gives
// the import back its page cache and feeds the search tables.
func (w *ImportWriter) finishBulk(ctx context.Context) error {
	b := w.bulk
	if b == nil || !b.on {
		return nil
	}
	t := w.t
	// SQLite sorts each index in memory (temp_store is memory): what the
	// rows left of Go's heap goes back to the system first.
	debug.FreeOSMemory()
	for _, n := range b.indexes {
		if _, err := t.tx.ExecContext(ctx, n.sql); err != nil {
			return fmt.Errorf("store: import: create index %s: %w", n.name, err)
		}
	}
	if _, err := t.tx.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(importCacheKB)); err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	if len(b.indexes) > 0 {
		for _, stat := range []string{"sqlite_stat1", "sqlite_stat4"} {
			var one int
			err := t.tx.QueryRowContext(ctx, "SELECT 1 FROM sqlite_temp_schema WHERE type = 'table' AND name = $1", "import_"+stat).Scan(&one)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return fmt.Errorf("store: import indexes: %w", err)
			}
			// Dropping an index dropped its statistics; the unique ones' are there still.
			for _, q := range []string{"INSERT INTO " + stat + " SELECT * FROM temp.import_" + stat + " i WHERE NOT EXISTS (SELECT 1 FROM " + stat + " s WHERE s.tbl = i.tbl AND s.idx IS i.idx)",
				"DROP TABLE temp.import_" + stat} {
				if _, err := t.tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("store: import indexes: %w", err)
				}
			}
		}
		if _, err := t.tx.ExecContext(ctx, "ANALYZE sqlite_schema"); err != nil { // the planner reads them again
			return fmt.Errorf("store: import indexes: %w", err)
		}
	}
	return w.feedBulk(ctx)
}

// feedBulk feeds the search tables this import's matters in statements of
// bulkFeedRows, FTS5 gathering bulkHashKB in memory before it writes a
// segment, then puts their setting back.
func (w *ImportWriter) feedBulk(ctx context.Context) error {
	t := w.t
	tables := []string{"matters_fts", "matters_bigram"}
	saved := map[string]any{}
	for _, tb := range tables {
		var v any = 1 << 20 // FTS5's default
		err := t.tx.QueryRowContext(ctx, "SELECT v FROM "+tb+"_config WHERE k = 'hashsize'").Scan(&v)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("store: import search: %w", err)
		}
		saved[tb] = v
	}
	set := func(tb string, v any) error {
		if _, err := t.tx.ExecContext(ctx, "INSERT INTO "+tb+" ("+tb+", rank) VALUES ('hashsize', $1)", v); err != nil {
			return fmt.Errorf("store: import search: %s: %w", tb, err)
		}
		return nil
	}
	for _, tb := range tables {
		if err := set(tb, bulkHashKB<<10); err != nil {
			return err
		}
	}
	if err := t.feedSearchBy(ctx, bulkFeedRows); err != nil {
		return err
	}
	for _, tb := range tables {
		if err := set(tb, saved[tb]); err != nil {
			return err
		}
	}
	return nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, s[i])
	}
	return string(append(out, '"'))
}
