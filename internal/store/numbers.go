package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
)

// Case numbers on PostgreSQL (issue 13). Drawing a number inside the
// command's transaction locks the day's row of case_counters until that
// transaction commits, and PostgreSQL releases row locks only after the
// commit's WAL flush: the group-commit writers took turns on the row, each
// waiting for the other's whole batch and flush (56–65 % of the backends
// sampled at 16 clients were waiting on it). Instead each store reserves a
// block of numbers of a series at a time, in a short transaction of its own
// that is committed (and flushed) before any number of the block is handed
// out, and hands them out in order from memory. R-P2 still holds — a number
// is unique and never given to two matters, whatever crashes, since the
// counter only grows and is durable before its numbers are used — but the
// series may now have gaps: the rest of a block when the process is killed,
// and, with several instances, blocks used side by side. A command that
// fails gives its numbers back (they were in no committed row), the next
// intakes take them first, and Close gives back what is left at the top of
// the counter, so a single instance that stops normally leaves no gap. The
// ledger import and SQLite (one writer, no lock to wait on) draw inside the
// transaction as before.

// numberBlock is how many numbers of a series one reservation takes.
const numberBlock = 32

type numberPool struct {
	db      *sql.DB
	reserve sync.Mutex // one reservation at a time
	mu      sync.Mutex
	series  map[string]*numberRange
}

// numberRange is what a store holds of one series: next … end reserved and
// not yet handed out, and numbers given back by failed commands.
type numberRange struct {
	next, end int64
	back      []int64 // ascending
}

type drawnNumber struct {
	series string
	seq    int64
}

func newNumberPool(db *sql.DB) *numberPool {
	return &numberPool{db: db, series: map[string]*numberRange{}}
}

// errCounterBusy: the counter row is locked by another transaction — a
// ledger import, or this very batch — so the number is drawn inside the
// command's transaction instead.
var errCounterBusy = errors.New("store: case counter busy")

func (p *numberPool) take(series string) (int64, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.series[series]
	if r == nil {
		return 0, false
	}
	if len(r.back) > 0 {
		seq := r.back[0]
		r.back = r.back[1:]
		return seq, true
	}
	if r.next <= r.end {
		seq := r.next
		r.next++
		return seq, true
	}
	return 0, false
}

// draw hands out the next number of a series, reserving a block when none is left.
func (p *numberPool) draw(ctx context.Context, series string) (int64, error) {
	if seq, ok := p.take(series); ok {
		return seq, nil
	}
	p.reserve.Lock()
	defer p.reserve.Unlock()
	if seq, ok := p.take(series); ok { // another writer reserved meanwhile
		return seq, nil
	}
	last, err := p.reserveBlock(ctx, series)
	if err != nil {
		return 0, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.series[series]
	if r == nil {
		r = &numberRange{}
		p.series[series] = r
	}
	r.next, r.end = last-numberBlock+2, last
	return last - numberBlock + 1, nil
}

// reserveBlock moves the counter on by a block and commits. It waits at most
// 50 ms for the row: it runs beside the batch that asked for it, and that
// batch may itself hold the row (errCounterBusy then).
func (p *numberPool) reserveBlock(ctx context.Context, series string) (int64, error) {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: reserve numbers: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '50ms'"); err != nil {
		return 0, fmt.Errorf("store: reserve numbers: %w", err)
	}
	var last int64
	err = tx.QueryRowContext(ctx, `INSERT INTO case_counters (day, last) VALUES ($1, $2)
		ON CONFLICT (day) DO UPDATE SET last = case_counters.last + excluded.last RETURNING last`, series, numberBlock).Scan(&last)
	if err == nil {
		err = tx.Commit()
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "55P03" { // lock_not_available
		return 0, errCounterBusy
	}
	if err != nil {
		return 0, fmt.Errorf("store: reserve numbers: %w", err)
	}
	return last, nil
}

// giveBack returns numbers drawn by commands that were rolled back: they are
// in no committed row, and the next intakes take them first.
func (p *numberPool) giveBack(ds []drawnNumber) {
	if p == nil || len(ds) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range ds {
		r := p.series[d.series]
		if r == nil {
			continue
		}
		i, found := slices.BinarySearch(r.back, d.seq)
		if !found {
			r.back = slices.Insert(r.back, i, d.seq)
		}
	}
}

// release gives the counter back what this store reserved and never used,
// when nobody has reserved after it; the writers have stopped.
func (p *numberPool) release(ctx context.Context) {
	p.mu.Lock()
	type top struct {
		series    string
		used, end int64
	}
	var tops []top
	for s, r := range p.series {
		used := r.next - 1
		for n := len(r.back); n > 0 && r.back[n-1] == used; n-- {
			used--
		}
		if used < r.end {
			tops = append(tops, top{s, used, r.end})
		}
	}
	p.series = map[string]*numberRange{}
	p.mu.Unlock()
	for _, t := range tops {
		_, _ = p.db.ExecContext(ctx, "UPDATE case_counters SET last = $1 WHERE day = $2 AND last = $3", t.used, t.series, t.end)
	}
}
