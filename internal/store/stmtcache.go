package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// maxCached bounds the statement cache; queries beyond it simply run unprepared.
const maxCached = 1000

// stmtCache keeps prepared statements so SQLite does not parse the same SQL on
// every call: parsing was a fifth of an intake's time. PostgreSQL needs none —
// pgx caches statements per connection itself.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // seen inside a write transaction, prepared after it ends
}

func newStmtCache() *stmtCache {
	return &stmtCache{stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// cacheable leaves out what must not be prepared once and reused: several
// statements in one string (migrations).
func cacheable(query string) bool { return !strings.Contains(query, ";") }

func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stmts[query]
}

// prepare returns the cached statement for query, preparing it on db if need be.
func (c *stmtCache) prepare(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	if !cacheable(query) {
		return nil
	}
	if st := c.get(query); st != nil {
		return st
	}
	c.mu.Lock()
	full := len(c.stmts) >= maxCached
	c.mu.Unlock()
	if full {
		return nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared call reports the error
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.stmts[query]; ok {
		st.Close()
		return old
	}
	c.stmts[query] = st
	return st
}

// want notes a query run inside a write transaction; the single writer
// connection is busy then, so it is prepared when the transaction has ended.
func (c *stmtCache) want(query string) {
	if !cacheable(query) {
		return
	}
	c.mu.Lock()
	if _, ok := c.stmts[query]; !ok && len(c.wanted) < maxCached {
		c.wanted[query] = true
	}
	c.mu.Unlock()
}

// prepareWanted prepares what write transactions asked for.
func (c *stmtCache) prepareWanted(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	if len(c.wanted) == 0 {
		c.mu.Unlock()
		return
	}
	qs := make([]string, 0, len(c.wanted))
	for q := range c.wanted {
		qs = append(qs, q)
	}
	clear(c.wanted)
	c.mu.Unlock()
	for _, q := range qs {
		c.prepare(ctx, db, q)
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// readDB is the reader pool, with prepared statements on SQLite.
type readDB struct {
	*sql.DB
	cache *stmtCache // nil on PostgreSQL
}

func (r readDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if traceStmt != nil {
		traceStmt(r.cache != nil, query)
	}
	if r.cache != nil {
		if st := r.cache.prepare(ctx, r.DB, query); st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return r.DB.QueryContext(ctx, query, args...)
}

func (r readDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if traceStmt != nil {
		traceStmt(r.cache != nil, query)
	}
	if r.cache != nil {
		if st := r.cache.prepare(ctx, r.DB, query); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return r.DB.QueryRowContext(ctx, query, args...)
}

// txQuerier runs a write transaction's statements, reusing the writer's prepared ones.
type txQuerier struct {
	*sql.Tx
	conn  *sql.Conn   // PostgreSQL batches: the writer's connection, its transaction begun by hand (groupcommit_pg.go); Tx is nil then
	late  *lateWrites // PostgreSQL batches: writes held until a statement needs them or the commit (late.go)
	cache *stmtCache  // nil on PostgreSQL
	stamp *batchStamp // PostgreSQL group commit: the config stamp read once a batch
	open  *pgOpen     // PostgreSQL batches: the transaction, begun with its first statement (groupcommit_pg.go)
}

// ensure begins a PostgreSQL batch's transaction before its first statement.
func (t txQuerier) ensure(ctx context.Context) error {
	if t.open == nil {
		return nil
	}
	return t.open.begin(ctx, t.conn)
}

// batchStamp keeps the config stamp (Tx.ConfigStamp) for the commands of one
// PostgreSQL batch: each command read it, a round trip of the ~7 an intake
// makes inside the batch. A statement that names the tables the stamp follows
// forgets it, so a command after one that changed the calendar or a setting
// reads it again; a change another transaction commits meanwhile is seen by
// the next batch, as if this batch's commands had run just before it.
type batchStamp struct {
	v  string
	ok bool
}

func (t txQuerier) stmt(ctx context.Context, query string) *sql.Stmt {
	if traceStmt != nil {
		traceStmt(t.cache != nil, query)
	}
	if t.stamp != nil && t.stamp.ok && (strings.Contains(query, "settings") || strings.Contains(query, "calendar_days")) {
		t.stamp.ok = false
	}
	if t.cache == nil {
		return nil
	}
	if st := t.cache.get(query); st != nil {
		return t.Tx.StmtContext(ctx, st)
	}
	t.cache.want(query)
	return nil
}

func (t txQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if t.conn != nil {
		if err := t.ensure(ctx); err != nil {
			return nil, err
		}
		_ = t.flushFor(ctx, query) // a held write's failure is its command's (pgRun); this statement then fails too
		return t.conn.ExecContext(ctx, query, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if t.conn != nil {
		if err := t.ensure(ctx); err != nil {
			return nil, err
		}
		_ = t.flushFor(ctx, query) // a held write's failure is its command's (pgRun); this statement then fails too
		return t.conn.QueryContext(ctx, query, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if t.conn != nil {
		if err := t.ensure(ctx); err != nil {
			// Never outside the transaction: a cancelled context makes the
			// row fail without sending anything (and pgRun decides nothing).
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			return t.conn.QueryRowContext(cctx, query, args...)
		}
		_ = t.flushFor(ctx, query) // a held write's failure is its command's (pgRun); this statement then fails too
		return t.conn.QueryRowContext(ctx, query, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// PrepareContext prepares a statement inside the transaction (the ledger import's bulk inserts).
func (t txQuerier) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if t.conn != nil {
		if err := t.ensure(ctx); err != nil {
			return nil, err
		}
		_ = t.flushFor(ctx, "")
		return t.conn.PrepareContext(ctx, query)
	}
	return t.Tx.PrepareContext(ctx, query)
}
