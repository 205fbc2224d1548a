package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// feedRows bounds the pending matters one statement feeds to the search
// tables: SQLite keeps, until a statement ends, a copy of every page it
// changed that was there before it (temp_store is memory), and merging the
// segments of a large index rewrites many (a million-row import).
var feedRows int64 = 100_000

// feedAt is how many pending matters make a commit feed the search tables
// itself; fewer wait for the writer to be idle (feedIdle) or for more.
// Feeding the tables with each group-commit batch (a few matters) cost the
// single writer a fifth of its time per intake: an FTS5 segment a batch, its
// merging, FTS5's work at every savepoint. The searches read the pending
// matters beside the tables (searchCond, driverIDs), so a matter is found
// from its commit on either way.
var feedAt int64 = 256

// feedIdle is how long the writer waits for a command before it feeds the
// search tables what is pending.
var feedIdle = 20 * time.Millisecond

// feedSearch gives SQLite's search tables the matters inserted since they
// were last fed (migration 0077), with the values they have now, feedRows a
// statement — when force is set or at least feedAt are pending; it returns
// how many stay pending. FTS5 writes a segment for what it holds whenever a
// statement opens a savepoint, so feeding it a matter at a time left a
// segment a matter to merge. Every commit of the store's writers calls it.
func (t *Tx) feedSearch(ctx context.Context, force bool) (int64, error) {
	if t.dialect != SQLite {
		return 0, nil
	}
	var n int64
	if err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_pending").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: search: %w", err)
	}
	if n == 0 || !force && n < feedAt {
		return n, nil
	}
	return 0, t.feedSearchBy(ctx, feedRows)
}

// feedSearchBy feeds the search tables every pending matter, n a statement
// (a bulk import chooses its own n).
func (t *Tx) feedSearchBy(ctx context.Context, n int64) error {
	if t.dialect != SQLite {
		return nil
	}
	var lo, hi sql.NullInt64
	if err := t.tx.QueryRowContext(ctx, "SELECT MIN(id), MAX(id) FROM search_pending").Scan(&lo, &hi); err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	if !lo.Valid {
		return nil
	}
	for from := lo.Int64 - 1; from < hi.Int64; from += n {
		for _, q := range []string{
			`INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
			SELECT m.id, m.number, m.consumer_name, m.consumer_phone, m.merchant_name, m.facts
			FROM search_pending p JOIN matters m ON m.id = p.id WHERE p.id > $1 AND p.id <= $2 ORDER BY p.id`,
			`INSERT INTO matters_bigram (rowid, grams)
			SELECT m.id, wq_bigrams(m.number, m.consumer_name, m.consumer_phone, m.merchant_name, m.facts)
			FROM search_pending p JOIN matters m ON m.id = p.id WHERE p.id > $1 AND p.id <= $2 ORDER BY p.id`,
		} {
			if _, err := t.tx.ExecContext(ctx, q, from, from+n); err != nil {
				return fmt.Errorf("store: search: %w", err)
			}
		}
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM search_pending"); err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	return nil
}

// feedPending feeds the search tables everything pending, in a transaction
// of its own (the writer, when idle).
func (s *Store) feedPending(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache}, dialect: s.dialect}
	if _, err := t.feedSearch(ctx, true); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	s.committed()
	s.pending.Store(0)
	return nil
}
