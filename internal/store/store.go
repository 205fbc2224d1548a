// Package store keeps weiquan's data in SQLite (embedded, the default) or
// PostgreSQL, with the same $N SQL for both and dialect-specific SQL only for
// schema and search.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"weiquan/internal/fault"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite" // registers "sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the database behind a Store.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Sentinel errors callers map to HTTP statuses.
var (
	ErrNotFound  = fault.ErrNotFound
	ErrDuplicate = fault.ErrDuplicate
)

// Store is the database. Reads go to a pool of readers; writes go through Tx,
// which on SQLite uses a single writer connection so writers never fight for the lock.
type Store struct {
	dialect Dialect
	url     string // PostgreSQL: where a listener connects (signal.go)
	ns      string // PostgreSQL: the schema, which scopes the signals (one database may hold several offices or tests)
	w       *sql.DB
	r       readDB
	keyed   readDB         // reads by key on every request (PostgreSQL: plans kept); the readers on SQLite
	wcache  *stmtCache     // the writer's prepared statements (SQLite)
	stop    chan struct{}  // ends the writers and the optimize loop (SQLite)
	queue   chan *txReq    // commands for the group-commit writers
	wdone   chan struct{}  // closed when the writers have stopped
	feeds   bool           // SQLite, once migrated: commits feed the search tables (feedSearch)
	numbers *numberPool    // PostgreSQL: case numbers reserved in blocks (numbers.go)
	wstmts  *stmtCounter   // PostgreSQL: statements sent by the writers' pool, for tests
	stampAt atomic.Int64   // PostgreSQL: the config stamp a writer's batch last read, plus one (0: none yet); groupcommit_pg.go
	chunks  atomic.Int64   // searches' chunks asked of an index (driverIDs), for tests
	pending atomic.Int64   // SQLite: matters waiting for the search tables after the last commit (feedSearch)
	ckpt    *sql.DB        // SQLite: the connection that checkpoints beside the writer (checkpoint.go)
	ckptWG  sync.WaitGroup // the checkpointer, waited for by Close
	// SQLite: told of each commit of the writer, closed to stop (checkpoint.go)
	ckptKick, ckptStop chan struct{}
	checkpoints        atomic.Int64 // checkpoints run, for tests
	ckptLog, ckptDone  atomic.Int64 // the last checkpoint's WAL frames and those it had copied, for tests
	groupCounters
}

// Options say where the data lives.
type Options struct {
	URL     string // postgres://… ; empty means SQLite in DataDir
	DataDir string
}

// Open connects, creating the SQLite file and running migrations as needed.
func Open(ctx context.Context, o Options) (*Store, error) {
	var s *Store
	var err error
	if strings.HasPrefix(o.URL, "postgres://") || strings.HasPrefix(o.URL, "postgresql://") {
		s, err = openPostgres(o.URL)
		if err == nil {
			s.url = o.URL
		}
	} else if o.URL == "" {
		s, err = openSQLite(o.DataDir)
	} else {
		return nil, fmt.Errorf("store: unsupported database URL %q (want postgres://… or none for SQLite)", redact(o.URL))
	}
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dialect == SQLite { // matters left pending for the search tables (feedSearch)
		s.feeds = true
		if err := s.feedPending(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if s.dialect == Postgres {
		if err := s.w.QueryRowContext(ctx, "SELECT current_schema()").Scan(&s.ns); err != nil {
			s.Close()
			return nil, fmt.Errorf("store: current schema: %w", err)
		}
	}
	if err := s.seedCalendar(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.stop = make(chan struct{})
	if s.dialect == SQLite {
		s.Optimize(ctx, true)
		go s.optimizeLoop(s.stop)
		s.startWriters(1)
	} else {
		s.startWriters(pgWriters())
	}
	return s, nil
}

// Optimize lets SQLite refresh the statistics its planner chooses indexes by
// (PRAGMA optimize, which runs ANALYZE on the tables whose statistics are
// missing or stale, each bounded by analysis_limit so it takes milliseconds
// even over millions of rows). At open and then once an hour every table is
// looked at. Without statistics the planner guesses, and at a million matters
// a wrong guess costs seconds. PostgreSQL's autovacuum does this itself.
//
// Every table, not only those this connection's statements used (PRAGMA
// optimize's 0x10000): the search tables' own tables are read and written by
// FTS5 inside SQLite, and statistics that still describe them as they were in
// an empty office (two rows) make FTS5's "DELETE … WHERE id >= ? AND id <= ?"
// — run for every step of a merge of its segments — a scan of the whole table
// instead of a range: at 10 M matters a merge that takes minutes never ended
// (BENCHMARKS.md, "The fill's last step at 10 M: found").
func (s *Store) Optimize(ctx context.Context, atOpen bool) {
	if s.dialect != SQLite {
		return
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	_ = analyze(ctx, conn)
}

// analyze is Optimize's statement on a writer connection the caller holds.
func analyze(ctx context.Context, conn querier) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA analysis_limit=1000"); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, "PRAGMA optimize=0x10002")
	return err
}

// optimizeLoop runs Optimize hourly until stop is closed (the channel itself,
// not s.stop, which Close sets to nil while the loop may be reading it).
func (s *Store) optimizeLoop(stop <-chan struct{}) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			s.Optimize(context.Background(), false)
		}
	}
}

func openSQLite(dir string) (*Store, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("store: create data folder: %w", err)
	}
	path, err := filepath.Abs(filepath.Join(dir, "weiquan.db"))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// busy_timeout must come before journal_mode so that setting WAL waits rather than fails.
	// 60 s: a ledger import from the command line holds the write lock for its one transaction
	// (20,000 rows took 10–30 s on a 2-core machine at load 20 once the search and rollup triggers ran).
	// synchronous=NORMAL in WAL mode survives a crash of the process at any instant (R-P1);
	// only a power loss can lose the last commits.
	common := "_pragma=busy_timeout(60000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_time_format=sqlite"
	// The writer never checkpoints: the store does, beside it (checkpoint.go).
	w, err := sql.Open("sqlite", "file:"+path+"?"+common+"&_pragma=wal_autocheckpoint(0)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", "file:"+path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// Every reader stays open: database/sql keeps only two idle connections by
	// default, so under a burst of readers the others were closed as they were
	// released and opened again for the next read — each open re-reads the
	// schema and re-prepares every cached statement on the new connection
	// (≈ 9 % of an intake's CPU under 16 clients, most of it in signing the
	// request in).
	readers := max(4, 2*runtime.NumCPU())
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	ck, err := sql.Open("sqlite", "file:"+path+"?"+common)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	ck.SetMaxOpenConns(1)
	rd := readDB{DB: r, cache: newStmtCache()}
	s := &Store{dialect: SQLite, w: w, r: rd, keyed: rd, wcache: newStmtCache(), ckpt: ck}
	s.startCheckpointer()
	return s, nil
}

func openPostgres(url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	// pgx prepares every statement once per connection; after five runs
	// PostgreSQL would switch such a statement to a generic plan, blind to its
	// arguments: a village's search then combined the area index with a
	// trigram scan of every row (5 ms became 630 ms). Each run is planned for
	// its own arguments instead; planning costs well under a millisecond.
	//
	// The writers have a pool of their own that keeps PostgreSQL's default
	// (plan_cache_mode auto): what they run are inserts and updates of one
	// row, reads by key and detection's read of one merchant's newest
	// matters, whose plans do not turn on the values, and planning each of
	// them at every run was a third of the server's CPU an intake (perf, 16
	// clients), most of it detection's join.
	_, set := cfg.RuntimeParams["plan_cache_mode"]
	wcfg, kcfg := cfg.Copy(), cfg.Copy()
	if !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	db.SetConnMaxLifetime(time.Hour)
	wstmts := &stmtCounter{}
	wcfg.Tracer = wstmts
	w := stdlib.OpenDB(*wcfg)
	// Each writer holds a connection for its batch, and a batch may need one
	// more to reserve case numbers (numbers.go), the fill and migrations a few.
	w.SetMaxOpenConns(max(8, pgWriters()+4))
	w.SetMaxIdleConns(pgWriters() + 2)
	w.SetConnMaxLifetime(time.Hour)
	// Reads of one row by its key on every request (the session or API key
	// behind it) go to a few connections of their own that, like the
	// writers', keep the default plan_cache_mode: on the readers' pool the
	// session's join was planned for each request (BENCHMARKS.md, "Intake on
	// PostgreSQL, round trips"). They read the database as it stands, so a
	// session ended or a key revoked by any instance is refused at once.
	k := stdlib.OpenDB(*kcfg)
	k.SetMaxOpenConns(8)
	k.SetMaxIdleConns(8)
	k.SetConnMaxLifetime(time.Hour)
	return &Store{dialect: Postgres, w: w, r: readDB{DB: db}, keyed: readDB{DB: k}, numbers: newNumberPool(w), wstmts: wstmts}, nil
}

// Dialect tells which database this is.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers; /healthz calls it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.r.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	var one int
	if err := s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close releases the pools.
func (s *Store) Close() error {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
		if s.wdone != nil {
			<-s.wdone
		}
	}
	if s.numbers != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s.numbers.release(ctx)
		cancel()
	}
	s.stopCheckpointer()
	if s.ckpt != nil {
		_ = s.ckpt.Close()
	}
	if s.r.cache != nil {
		s.r.cache.close()
	}
	if s.wcache != nil {
		s.wcache.close()
	}
	err := s.w.Close()
	if s.r.DB != s.w {
		err = errors.Join(err, s.r.DB.Close())
	}
	if s.keyed.DB != nil && s.keyed.DB != s.r.DB {
		err = errors.Join(err, s.keyed.DB.Close())
	}
	return err
}

// querier is what both a pool and a transaction can do, so reads are written once.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is one write transaction: one command, all or nothing (R-P3).
type Tx struct {
	tx      txQuerier
	dialect Dialect
	ns      string
	after   []func()
	numbers *numberPool   // PostgreSQL: case numbers reserved in blocks
	drawn   []drawnNumber // taken from numbers; given back if the command rolls back
}

// AfterCommit runs fn once the transaction has committed, and never when it
// rolls back: for work outside the database that must follow only what is durable.
func (t *Tx) AfterCommit(fn func()) { t.after = append(t.after, fn) }

// Tx runs fn in a write transaction and commits if it returns nil. The
// commands waiting at the same moment share one transaction, each in its own
// savepoint (group commit, see groupcommit.go): a failing command fails alone,
// and Tx returns only once its command is committed.
func (s *Store) Tx(ctx context.Context, fn func(*Tx) error) error {
	if s.queue != nil {
		return s.groupTx(ctx, fn)
	}
	after, err := s.txAlone(ctx, fn)
	if err == nil {
		for _, f := range after {
			f()
		}
	}
	return err
}

// txAlone runs fn in a transaction of its own and returns its AfterCommit work.
func (s *Store) txAlone(ctx context.Context, fn func(*Tx) error) ([]func(), error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache}, dialect: s.dialect, ns: s.ns, numbers: s.numbers}
	err = fn(t)
	var pending int64
	if err == nil && s.feeds {
		pending, err = t.feedSearch(ctx, false)
	}
	if err != nil {
		_ = tx.Rollback()
		s.numbers.giveBack(t.drawn)
	} else if err = tx.Commit(); err != nil { // perhaps committed: its numbers are not given back
		err = fmt.Errorf("store: commit: %w", err)
	} else {
		s.committed()
		if s.feeds {
			s.pending.Store(pending)
		}
	}
	if s.wcache != nil {
		s.wcache.prepareWanted(ctx, s.w)
	}
	return t.after, err
}

// forUpdate locks a row read inside a transaction on PostgreSQL; SQLite's
// immediate transactions already hold the write lock.
func (t *Tx) forUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// isUnique reports whether err is a unique-constraint violation on either
// database, by its error code (never by message text, which drivers may word
// differently): PostgreSQL's SQLSTATE 23505, SQLite's extended result codes
// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505" // unique_violation
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// utc normalises a time for storage: UTC, microseconds (PostgreSQL's precision).
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func utcPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return utc(*t)
}

func nullTime(nt sql.NullTime) *time.Time {
	if !nt.Valid {
		return nil
	}
	t := nt.Time.UTC()
	return &t
}

func nullFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

func nullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func idArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func redact(url string) string {
	if i := strings.Index(url, "@"); i > 0 {
		if j := strings.Index(url, "://"); j > 0 && j < i {
			return url[:j+3] + "…" + url[i:]
		}
	}
	return url
}

// Exec runs a statement inside the transaction; tests use it to simulate tampering.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, query, args...)
	return err
}

// openSQLiteFile opens one SQLite file read-only, outside any store.
func openSQLiteFile(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// DBFile is the name of the embedded database in its data folder.
const DBFile = "weiquan.db"
