package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
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

// maxBatch bounds the commands of one transaction, so one batch's latency
// stays a few milliseconds.
const maxBatch = 64

var errClosed = errors.New("store: closed")

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
}

// GroupStats says how many transactions the writer committed and how many
// commands they held (SQLite); their ratio is the mean batch.
func (s *Store) GroupStats() (commits, commands int64) {
	return s.commits.Load(), s.commands.Load()
}

func (s *Store) startWriter() {
	s.queue = make(chan *txReq)
	s.wdone = make(chan struct{})
	stop := s.stop
	go func() {
		defer close(s.wdone)
		for {
			var first *txReq
			select {
			case <-stop:
				return
			case first = <-s.queue:
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
			s.runBatch(batch)
		}
	}()
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
func (s *Store) alone(r *txReq) txRes {
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

func (s *Store) runBatch(batch []*txReq) {
	if len(batch) == 1 {
		batch[0].done <- s.alone(batch[0])
		return
	}
	results, ok := s.tryBatch(batch)
	if !ok {
		// The transaction itself failed (begin, a savepoint, the commit):
		// nothing of it was kept; each command runs again on its own.
		for _, r := range batch {
			r.done <- s.alone(r)
		}
		return
	}
	for i, r := range batch {
		r.done <- results[i]
	}
}

// tryBatch runs the batch in one transaction, each command in a savepoint.
// ok is false when the transaction could not be committed.
func (s *Store) tryBatch(batch []*txReq) ([]txRes, bool) {
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
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT command"); err != nil {
			_ = tx.Rollback()
			return nil, false
		}
		t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache}, dialect: s.dialect}
		res := call(r.fn, t)
		if res.err != nil {
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO command"); err != nil {
				_ = tx.Rollback()
				return nil, false
			}
		} else {
			res.after = t.after
		}
		if _, err := tx.ExecContext(ctx, "RELEASE command"); err != nil {
			_ = tx.Rollback()
			return nil, false
		}
		results[i] = res
	}
	if s.feeds { // the whole batch's new matters at once
		t := &Tx{tx: txQuerier{Tx: tx, cache: s.wcache}, dialect: s.dialect}
		if err := t.feedSearch(ctx); err != nil {
			_ = tx.Rollback()
			return nil, false
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, false
	}
	s.commits.Add(1)
	s.commands.Add(int64(len(batch)))
	return results, true
}
