package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL's batches (issue 13, branch pgintake3). Every statement is a
// round trip through two processes, and on two shared cores the round trips
// were most of what an intake cost (BENCHMARKS.md). A batch used to spend,
// besides its commands' own statements, one on `begin`, one on the shard
// and the first savepoint, one on the config stamp, one a command on
// releasing and setting the savepoint, and one on `commit`.
//
// Now the writer takes a connection of its own (*sql.Conn) and begins the
// transaction by hand: the stamp, `BEGIN` and the shard go in one
// simple-protocol message. The commands then run without savepoints, one
// after the other, and the batch commits — as long as none fails. When one
// does, the whole transaction is rolled back at once; the failure stands as
// that command's result (it saw what the commands before it wrote, as it
// would have inside a savepoint), and the other commands of the batch run
// again in the savepoint transaction (tryBatch) — a command may run more than
// once already (a deadlock's victim, a batch whose commit failed), and
// nothing of a rolled-back run is kept: its AfterCommit work, its case
// numbers (given back) and the stamp it read go with it. A deadlock's victim
// or a serialisation failure is run again alone after the batch, as before.
// Failures are rare at intake (the input is checked before the
// transaction), so a batch of n commands costs n's own statements and two
// round trips.

// pgBegin is the batch's first round trip: the config stamp, BEGIN and the
// writer's rollup shard (migration 0081). The SELECT before BEGIN belongs to
// the transaction that BEGIN opens (PostgreSQL includes the statements of a
// multi-statement message before a BEGIN in its transaction block).
func pgBegin(shard int) string {
	return "SELECT version FROM config_version WHERE id = 1; BEGIN; SET LOCAL weiquan.shard = '" + strconv.Itoa(shard) + "'"
}

// runBatchPG runs a batch (or a lone command) on PostgreSQL and answers each
// command once its fate is known.
func (s *Store) runBatchPG(batch []*txReq, shard int) {
	results, ok := s.pgBatch(batch, shard)
	s.answer(batch, results, ok)
}

// pgBatch runs the batch in one transaction without savepoints; see above.
// ok is false when nothing was decided and every command must run again.
func (s *Store) pgBatch(batch []*txReq, shard int) ([]txRes, bool) {
	ctx := context.Background()
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return nil, false
	}
	results, failed, res, clean := s.pgRun(ctx, conn, batch, shard, false)
	if clean && failed == againSingly {
		ranSingly.Add(1)
		results, failed, res, clean = s.pgRun(ctx, conn, batch, shard, true)
	}
	if !clean { // in a transaction, or its state unknown: never back to the pool
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = conn.Close()
	switch {
	case !clean:
		return nil, false
	case failed < 0:
		return results, true
	default:
		return s.pgRest(batch, failed, res, shard), true
	}
}

// ranSingly counts the batches run again singly (held_test.go).
var ranSingly atomic.Int64

// pgRun runs the commands on conn until one fails (failed is its index, res
// its result, the transaction rolled back) or all have and the transaction
// commits (failed is -1). clean says the connection is outside any transaction.
// With singly, each held write is sent alone (lateWrites.group); without,
// failed is againSingly when held writes sent together failed: nothing was
// kept, and the batch should run again singly.
func (s *Store) pgRun(ctx context.Context, conn *sql.Conn, batch []*txReq, shard int, singly bool) (results []txRes, failed int, res txRes, clean bool) {
	stamp := &batchStamp{}
	open := &pgOpen{s: s, shard: shard, stamp: stamp}
	results = make([]txRes, len(batch))
	var drawn []drawnNumber // case numbers the commands took
	late := &lateWrites{rollups: heldRollups{shard: shard}, singly: singly}
	rollback := func(i int, res txRes) ([]txRes, int, txRes, bool) {
		var err error
		if open.begun {
			_, err = conn.ExecContext(ctx, "ROLLBACK")
		}
		s.numbers.giveBack(drawn)
		if late.failed != nil && late.failed.cmd == -1 {
			// The rollups the batch added up failed (a deadlock, say): no
			// one command's failure. Nothing was kept; as after a failed
			// COMMIT each command runs again alone (pgBatch), where the
			// triggers count. The connection is not reused.
			return nil, -1, res, false
		}
		if late.failed != nil && late.failed.cmd == againSingly {
			return nil, againSingly, res, err == nil
		}
		if late.failed != nil { // an earlier command's held write failed, not this one
			i, res = late.failed.cmd, txRes{err: late.failed.err}
		}
		res.retry = !res.panicked && retryAlone(res.err)
		return nil, i, res, err == nil
	}
	// undecided: the transaction could not begin, or began with another
	// config stamp than the one the commands were given (pgOpen): nothing
	// is kept, and each command runs again alone. The connection is not reused.
	undecided := func() ([]txRes, int, txRes, bool) {
		if open.begun {
			_, _ = conn.ExecContext(ctx, "ROLLBACK")
		}
		s.numbers.giveBack(drawn)
		return nil, -1, res, false
	}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		late.cur = i
		t := &Tx{tx: txQuerier{conn: conn, stamp: stamp, late: late, open: open}, dialect: Postgres, ns: s.ns, numbers: s.numbers}
		res := call(r.fn, t)
		drawn = append(drawn, t.drawn...)
		if open.err != nil || open.moved {
			return undecided()
		}
		if res.err != nil || late.failed != nil {
			return rollback(i, res)
		}
		res.after = t.after
		results[i] = res
	}
	if !open.begun {
		if len(late.held) == 0 && len(late.rollups.days) == 0 && !open.guessed {
			// No command sent a statement, held a write or was given a stamp.
			s.commits.Add(1)
			s.commands.Add(int64(len(batch)))
			return results, -1, res, true
		}
		if open.begin(ctx, conn) != nil || open.moved {
			return undecided()
		}
	}
	if txStatus(conn) != 'T' { // a command went on after a failed statement: COMMIT would roll back without an error
		return nil, -1, res, false
	}
	// The held writes and COMMIT in one round trip.
	if err := late.send(ctx, conn, "COMMIT"); err != nil {
		if late.failed != nil {
			return rollback(late.failed.cmd, txRes{})
		}
		return nil, -1, res, false // perhaps committed: its numbers are not given back
	}
	s.commits.Add(1)
	s.commands.Add(int64(len(batch)))
	heldMatters.Add(late.rollups.matters)
	return results, -1, res, true
}

// pgOpen is a batch's transaction, begun with its first statement (branch
// pgintake5). The begin message (pgBegin) was a round trip of its own, ≈ 1.5
// ms of a batch's ≈ 11 ms on two loaded cores; now an intake's first
// statement — the matter's insert pipelined with detection's candidates —
// carries BEGIN, the config stamp and the shard in its own round trip
// (InsertMatterThenCandidates), and any other first statement sends the
// begin message just before it as before (txQuerier.ensure).
//
// A command asks the config stamp (Tx.ConfigStamp) before its first
// statement. It is then given the stamp the store's batches last read
// (guess), and the begin checks it against the stamp it reads in the
// transaction: if they differ (a setting or the calendar changed meanwhile,
// in this instance or another), nothing of the batch is kept and each
// command runs again alone, where it reads the stamp itself. So every
// command works with the stamp as the transaction that keeps it reads it,
// at its first statement, as before.
type pgOpen struct {
	s       *Store
	shard   int
	stamp   *batchStamp
	begun   bool
	guessed bool   // a command was given guess before the transaction began
	guess   string // the stamp it was given
	moved   bool   // the stamp read at the begin is not guess
	err     error  // the begin failed
}

// begin sends the begin message (pgBegin) unless the transaction has begun.
func (o *pgOpen) begin(ctx context.Context, conn *sql.Conn) error {
	if o.begun || o.err != nil {
		return o.err
	}
	var v int64
	if err := conn.QueryRowContext(ctx, pgBegin(o.shard), pgx.QueryExecModeSimpleProtocol).Scan(&v); err != nil {
		o.err = fmt.Errorf("store: begin: %w", err)
		return o.err
	}
	o.began(v)
	return nil
}

// began notes the transaction begun with the config stamp v.
func (o *pgOpen) began(v int64) {
	o.begun = true
	o.s.stampAt.Store(v + 1)
	o.stamp.v, o.stamp.ok = strconv.FormatInt(v, 10), true
	if o.guessed && o.stamp.v != o.guess {
		o.moved = true
	}
}

// guessStamp gives a command asking the config stamp before the
// transaction began the stamp the store's batches last read, to be checked
// at the begin; ok is false when there is none yet.
func (o *pgOpen) guessStamp() (string, bool) {
	if o.begun || o.err != nil {
		return "", false
	}
	v := o.s.stampAt.Load()
	if v == 0 {
		return "", false
	}
	o.guessed, o.guess = true, strconv.FormatInt(v-1, 10)
	o.stamp.v, o.stamp.ok = o.guess, true
	return o.guess, true
}

// pgRest settles a batch whose command i failed with res: that result
// stands, and the other commands run again in a savepoint transaction (a
// failed one of them so fails alone). If that transaction cannot commit they
// are marked to run alone.
func (s *Store) pgRest(batch []*txReq, i int, res txRes, shard int) []txRes {
	results := make([]txRes, len(batch))
	results[i] = res
	if !res.retry {
		s.commands.Add(1)
	}
	rest := make([]*txReq, 0, len(batch)-1)
	for j, r := range batch {
		if j != i {
			rest = append(rest, r)
		}
	}
	if len(rest) == 0 {
		return results
	}
	sub, ok := s.tryBatch(rest, shard)
	k := 0
	for j := range batch {
		if j == i {
			continue
		}
		if ok {
			results[j] = sub[k]
		} else {
			results[j] = txRes{retry: true}
		}
		k++
	}
	return results
}

// txStatus is the connection's transaction status as the server last
// reported it: 'I' idle, 'T' in a transaction, 'E' in a failed one.
func txStatus(conn *sql.Conn) byte {
	var st byte
	_ = conn.Raw(func(dc any) error {
		if c, ok := dc.(*stdlib.Conn); ok {
			st = c.Conn().PgConn().TxStatus()
		}
		return nil
	})
	return st
}

// stmtCounter counts the round trips of the writers' pool — each statement,
// each pipelined batch — so a test can hold a batch to its count.
type stmtCounter struct{ n atomic.Int64 }

func (c *stmtCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *stmtCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// A pipelined batch (late.go) is one round trip.
func (c *stmtCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *stmtCounter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (c *stmtCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}
