package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Late writes (issue 13, branch pgintake3). An intake's deadline and its
// timeline entry are inserts whose ids nobody reads; in a PostgreSQL batch
// (groupcommit_pg.go) each was a round trip of its own. They are now held
// and sent later, pipelined in one round trip: with the batch's COMMIT, or
// earlier, just before a statement of the transaction that names their
// table. A held write that fails fails the command that made it — the batch
// is rolled back and the others run again (pgRun) — however late it is sent.
// Everywhere else (SQLite, a lone transaction, the savepoint transaction) a
// late write runs at once.

// lateWrite is one held statement and the command that made it.
type lateWrite struct {
	cmd   int
	table string
	query string
	args  []any
	wrap  func(error) error // the error its command would have returned
}

// lateWrites are the held statements of one batch, in order.
type lateWrites struct {
	cur    int // the command running now
	held   []lateWrite
	failed *lateFailure
}

type lateFailure struct {
	cmd int
	err error
}

// errLateFailed stops the command running when the held writes sent before
// its statement failed; the batch ends, and that command runs again.
var errLateFailed = errors.New("store: an earlier command's held write failed")

// later runs a write whose result is not needed: held in a PostgreSQL batch, at once elsewhere.
func (t *Tx) later(ctx context.Context, table string, wrap func(error) error, query string, args ...any) error {
	if l := t.tx.late; l != nil {
		l.held = append(l.held, lateWrite{cmd: l.cur, table: table, query: query, args: args, wrap: wrap})
		return nil
	}
	if _, err := t.tx.ExecContext(ctx, query, args...); err != nil {
		return wrap(err)
	}
	return nil
}

// needs tells whether query may read or change what is held: it names a
// held write's table (a statement that names none cannot touch it).
func (l *lateWrites) needs(query string) bool {
	for _, w := range l.held {
		if strings.Contains(query, w.table) {
			return true
		}
	}
	return false
}

// send pipelines the held writes, then tail (the COMMIT, or nothing), in one
// round trip on conn. A held write's error is noted in l.failed with its
// command; tailErr is the tail's own.
func (l *lateWrites) send(ctx context.Context, conn *sql.Conn, tail string) (tailErr error) {
	held := l.held
	l.held = nil
	if len(held) == 0 && tail == "" {
		return nil
	}
	var b pgx.Batch
	for _, w := range held {
		b.Queue(w.query, w.args...)
	}
	if tail != "" {
		b.Queue(tail)
	}
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: late writes on %T", dc)
		}
		br := c.Conn().SendBatch(ctx, &b)
		for _, w := range held {
			if _, err := br.Exec(); err != nil {
				if l.failed == nil {
					l.failed = &lateFailure{cmd: w.cmd, err: w.wrap(err)}
				}
				_ = br.Close()
				return nil
			}
		}
		if tail != "" {
			_, tailErr = br.Exec()
		}
		if err := br.Close(); err != nil && tailErr == nil {
			tailErr = err
		}
		return nil
	})
	if err != nil && l.failed == nil && tailErr == nil {
		tailErr = err
	}
	if l.failed != nil && tailErr == nil {
		tailErr = errLateFailed
	}
	return tailErr
}

// flushFor sends what is held before a statement that needs it.
func (t txQuerier) flushFor(ctx context.Context, query string) error {
	if t.late == nil || len(t.late.held) == 0 || (query != "" && !t.late.needs(query)) {
		return nil
	}
	return t.late.send(ctx, t.conn, "")
}
