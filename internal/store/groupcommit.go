package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

type groupCounters struct {
	commits, commands atomic.Int64
}

// Group commit (issue 13). SQLite has one writer; every command used to
// commit alone, so each paid a transaction's fixed cost — the WAL frames of
// the pages it touched, the commit record, the lock — and the physical limit
// of intake was the number of commits per second. One writer goroutine now
// takes the commands waiting at that moment (up to maxBatch) into one
// transaction, each inside a SAVEPOINT: a command that fails is rolled back to
// its savepoint and fails alone; the others commit together, and no caller
// hears back before the COMMIT that holds its command has returned. With
// synchronous=NORMAL in WAL mode a committed transaction survives the
// process being killed at any instant (cmd/weiquan TestNothingLostOnSIGKILL).
//
// Nothing waits to gather a batch: a lone command runs at once, as before;
// batches form by themselves when commands arrive faster than they commit.
//
// PostgreSQL batches the same way (issue 13), with a few writers
// (pgWriters) each taking its own batch over the pool. Every intake draws its
// case number from the day's row of case_counters and holds that row locked
// until its commit, and PostgreSQL releases locks only after the commit's WAL
// flush: one command a transaction put a flush (2–3 ms on this machine)
// between every two intakes of a day, and at 16 clients 88–94 % of the
// backends sampled were waiting on that row (BENCHMARKS.md). A batch holds
// the row once and flushes once for all its commands. Several writers let a
// long command (an import) run beside batches of short ones. Batches of one
// process can lock rows in an order single commands never could (and two
// instances' batches likewise): a command PostgreSQL picks as the victim of a
// deadlock, or that fails to serialise, is rolled back to its savepoint and
// run again alone after the batch, so batching never adds a failure; a lone
// command that fails so is run once more. PostgreSQL's batches run without
// savepoints while no command fails (groupcommit_pg.go); tryBatch is their
// fallback when one does.

// maxBatch bounds the commands of one transaction, so one batch's latency
// stays a few milliseconds.
const maxBatch = 64

var errClosed = errors.New("store: closed")

// pgWriters is how many batches run at once on PostgreSQL.
func pgWriters() int {
	if n, err := strconv.Atoi(os.Getenv("WEIQUAN_PG_WRITERS")); err == nil && n > 0 {
		return n
	}
	return 2
}

type txReq struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan txRes
}

type txRes struct {
	err      error
	after    []func()
	panicked bool
	panicVal any
	retry    bool // rolled back; run it again alone once the batch has committed
}

// GroupStats says how many transactions the writers committed and how many
// commands they held; their ratio is the mean batch.
func (s *Store) GroupStats() (commits, commands int64) {
	return s.commits.Load(), s.commands.Load()
}

// startWriters starts n writers taking batches from one queue (SQLite: one).
func (s *Store) startWriters(n int) {
	s.queue = make(chan *txReq)
	s.wdone = make(chan struct{})
	stop := s.stop
	idleAfter := feedIdle
	var wg sync.WaitGroup
	base := rand.IntN(8)
	for i := range n {
		shard := (base + i) % 8
		wg.Add(1)
		go func() {
			defer wg.Done()
			busy := false // the last batch held more than one command
			for {
				var first *txReq
				var idle <-chan time.Time
				var timer *time.Timer
				if s.feeds && s.pending.Load() > 0 {
					timer = time.NewTimer(idleAfter)
					idle = timer.C
				}
				fed := false
				select {
				case <-stop:
					return
				case first = <-s.queue:
				case <-idle:
					fed = true
				}
				if timer != nil {
					timer.Stop()
				}
				if fed {
					// Nothing to do: the search tables get what is pending
					// (on failure it stays pending for the next try).
					if err := s.feedPending(context.Background()); err != nil {
						slog.Error("store: feeding the search tables", "err", err)
						s.pending.Store(0) // tried again when a commit finds matters pending
					}
					continue
				}
				batch := []*txReq{first}
			gather:
				for len(batch) < maxBatch {
					select {
					case r := <-s.queue:
						batch = append(batch, r)
					default:
						break gather
					}
				}
				if s.dialect == SQLite && busy && len(batch) < gatherUpTo {
					batch = s.gatherMore(batch)
				}
				busy = len(batch) > 1
				s.runBatch(batch, shard)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(s.wdone)
	}()
}

// SQLite's writer, while commands keep coming (its last batch held more
// than one), waits up to gatherWait for more until its batch holds
// gatherUpTo: each commit writes the pages the batch changed to the WAL, and
// the same hot pages (the newest leaves of the time-ordered indexes, the
// rollup rows, the day's counter) again for every batch, so at 16 clients a
// batch of ≈ 3.5 commands spent a third of the writer's time committing. A
// command arriving at an idle office never waits. Measured (BENCHMARKS.md,
// "The single writer, continued"): batches 3.3 → 6.4 commands, the writer
// −15 % an intake, p50 and p99 no worse.
const (
	gatherWait = 300 * time.Microsecond
	gatherUpTo = 8
)

// gatherMore adds to batch the commands that arrive within gatherWait, up to gatherUpTo.
func (s *Store) gatherMore(batch []*txReq) []*txReq {
	t := time.NewTimer(gatherWait)
	defer t.Stop()
	for len(batch) < gatherUpTo {
		select {
		case r := <-s.queue:
			batch = append(batch, r)
		case <-t.C:
			return batch
		}
	}
	return batch
}

// groupTx hands fn to the writer and waits until it has been committed or has failed.
func (s *Store) groupTx(ctx context.Context, fn func(*Tx) error) error {
	r := &txReq{ctx: ctx, fn: fn, done: make(chan txRes, 1)}
	select {
	case s.queue <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.wdone:
		return errClosed
	}
	res := <-r.done
	if res.panicked {
		panic(res.panicVal)
	}
	if res.err == nil {
		for _, f := range res.after {
			f()
		}
	}
	return res.err
}

// call runs one command, turning a panic into a result the caller re-raises.
func call(fn func(*Tx) error, t *Tx) (res txRes) {
	defer func() {
		if p := recover(); p != nil {
			res = txRes{panicked: true, panicVal: p, err: fmt.Errorf("store: command panicked: %v", p)}
		}
	}()
	return txRes{err: fn(t)}
}

// alone runs one request in its own transaction.
// A deadlock's victim or a serialisation failure is run once more.
func (s *Store) alone(r *txReq) txRes {
	res := s.aloneOnce(r)
	if res.err != nil && !res.panicked && retryAlone(res.err) {
		res = s.aloneOnce(r)
	}
	return res
}

func (s *Store) aloneOnce(r *txReq) txRes {
	var res txRes
	after, err := s.txAlone(r.ctx, func(t *Tx) error {
		res = call(r.fn, t)
		return res.err
	})
	res.err, res.after = err, after
	if err == nil {
		s.commits.Add(1)
		s.commands.Add(1)
	}
	return res
}

func (s *Store) runBatch(batch []*txReq, shard int) {
	if s.dialect == Postgres {
		s.runBatchPG(batch, shard)
		return
	}
	if len(batch) == 1 {
		batch[0].done <- s.alone(batch[0])
		return
	}
	results, ok := s.tryBatch(batch, shard)
	s.answer(batch, results, ok)
}

// answer tells each command of a batch its fate. When the transaction itself
// failed (!ok: begin, a savepoint, a rollback, the commit) nothing of it was
// kept and each command runs again on its own; a command marked to retry (a
// deadlock's victim) runs again alone — a lone one once more.
func (s *Store) answer(batch []*txReq, results []txRes, ok bool) {
	if !ok {
		for _, r := range batch {
			r.done <- s.alone(r)
		}
		return
	}
	for i, r := range batch {
		if results[i].retry {
			if len(batch) == 1 {
				results[i] = s.aloneOnce(r)
			} else {
				results[i] = s.alone(r)
			}
		}
		r.done <- results[i]
	}
}

// retryAlone tells a failure that batching itself may have caused: a deadlock
// between commands that would each have run alone, or a serialisation failure.
func retryAlone(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// tryBatch runs the batch in one transaction, each command in a savepoint.
// ok is false when the transaction could not be committed. On PostgreSQL the
// batch adds to the rollups' shard of its writer (migration 0081), set with its
// first savepoint, so that the writers' batches never wait for each other's
// commit on the day's rollup rows.
func (s *Store) tryBatch(batch []*txReq, shard int) ([]txRes, bool) {
	ctx := context.Background()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, false
	}
	defer func() {
		if s.wcache != nil {
			s.wcache.prepareWanted(ctx, s.w)
		}
	}()
	results := make([]txRes, len(batch))
	var drawn []drawnNumber // case numbers the kept commands took
	// The config stamp is read once a batch (ConfigStamp), on SQLite too:
	// its one writer makes the batch's commands the only ones that could
	// change the calendar or a setting meanwhile, and their statements
	// naming those tables forget it (txQuerier.stmt).
	stamp := &batchStamp{}
	abort := func() ([]txRes, bool) {
		_ = tx.Rollback()
		s.numbers.giveBack(drawn)
		return nil, false
	}
	// PostgreSQL: each statement is a round trip, so the savepoint is
	// released and set again in one, and one rolled back to is used again as
	// it stands. SQLite sets and releases it around each command.
	pg := s.dialect == Postgres
	const none, clean, used = 0, 1, 2
	sp := none
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		step := "SAVEPOINT command"
		if pg && sp == none {
			step = "SET LOCAL weiquan.shard = '" + strconv.Itoa(shard) + "'; SAVEPOINT command"
		}
		if sp == used {
			step = "RELEASE command; SAVEPOINT command"
		}
		if sp != clean {
			if _, err := tx.ExecContext(ctx, step); err != nil {
				return abort()
			}
		}
		sp = clean
		t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache, stamp: stamp}, dialect: s.dialect, ns: s.ns, numbers: s.numbers}
		res := call(r.fn, t)
		drawn = append(drawn, t.drawn...)
		if res.err != nil {
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO command"); err != nil {
				return abort()
			}
			drawn = drawn[:len(drawn)-len(t.drawn)]
			s.numbers.giveBack(t.drawn)
			stamp.ok = false // it may have read a stamp it then rolled back
			res.retry = !res.panicked && retryAlone(res.err)
		} else {
			res.after = t.after
			sp = used
		}
		if !pg {
			if _, err := tx.ExecContext(ctx, "RELEASE command"); err != nil {
				return abort()
			}
			sp = none
		}
		results[i] = res
	}
	var pending int64
	if s.feeds { // the new matters of many batches at once
		t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache}, dialect: s.dialect}
		if pending, err = t.feedSearch(ctx, false); err != nil {
			return abort()
		}
	}
	if err := tx.Commit(); err != nil { // perhaps committed: its numbers are not given back
		return nil, false
	}
	s.committed()
	if s.feeds {
		s.pending.Store(pending)
	}
	s.commits.Add(1)
	for _, res := range results {
		if !res.retry {
			s.commands.Add(1)
		}
	}
	return results, true
}
