package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/collective"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Late writes and pipelined statements (issue 13, branch pgintake3). An intake's deadline and its
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
	cur     int // the command running now
	held    []lateWrite
	rollups heldRollups // the new matters' rollup counts, added up (held.go)
	singly  bool        // each held write in a statement of its own (group)
	failed  *lateFailure
}

// lateFailure is the first held write that failed. cmd is its command's
// index, or -1 for the rollups the batch added up, which no one command owns:
// the batch is then undecided and each command runs again alone.
type lateFailure struct {
	cmd int
	err error
}

// errLateFailed stops the command running when the held writes sent before
// its statement failed; the batch ends, and that command runs again.
var errLateFailed = errors.New("store: an earlier command's held write failed")

// errStampMoved stops a command given a config stamp that the transaction's
// begin then found changed (pgOpen); the batch runs again, each command alone.
var errStampMoved = errors.New("store: the config stamp changed before the batch began")

// later runs a write whose result is not needed: held in a PostgreSQL batch, at once elsewhere.
func (t *Tx) later(ctx context.Context, table string, wrap func(error) error, query string, args ...any) error {
	if l := t.tx.late; l != nil {
		if traceStmt != nil {
			traceStmt(false, query)
		}
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
	if len(l.rollups.days) > 0 && strings.Contains(query, "matter_rollup") {
		return true
	}
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
	rq, rargs := l.rollups.statements()
	if len(held) == 0 && len(rq) == 0 && tail == "" {
		return nil
	}
	groups := l.group(held)
	var b pgx.Batch
	for _, g := range groups {
		b.Queue(g.query, g.args...)
	}
	for i, q := range rq {
		if traceStmt != nil {
			traceStmt(false, q)
		}
		b.Queue(q, rargs[i]...)
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
		for _, g := range groups {
			if _, err := br.Exec(); err != nil {
				if l.failed == nil && g.w != nil {
					l.failed = &lateFailure{cmd: g.w.cmd, err: g.w.wrap(err)}
				}
				if l.failed == nil { // several commands' rows: whose is not known
					l.failed = &lateFailure{cmd: againSingly, err: fmt.Errorf("store: held writes: %w", err)}
				}
				_ = br.Close()
				return nil
			}
		}
		for range rq {
			if _, err := br.Exec(); err != nil {
				if l.failed == nil {
					l.failed = &lateFailure{cmd: -1, err: fmt.Errorf("store: the batch's rollups: %w", err)}
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

// againSingly is the command of a held write's failure when it was sent with
// other commands' rows in one statement: the batch runs again, each held
// write in a statement of its own, so that the failure is its command's.
const againSingly = -2

// heldGroup is one statement of held writes: w's alone, or the rows of several
// writes of one shape in one multi-row INSERT (w nil).
type heldGroup struct {
	query string
	args  []any
	w     *lateWrite
}

// group makes the statements of held, in order. The writes of one table
// that all have one shape (one INSERT … VALUES (…) with the same text; an
// intake's timeline entry, its deadline) go as one INSERT with a row each,
// in their order, so their ids follow the same order as before; each other
// write, and all of them when l.singly, alone. A multi-row INSERT saves the
// server a statement's start and end for each row after the first (≈ 20 µs
// a row by pgbench).
func (l *lateWrites) group(held []lateWrite) []heldGroup {
	out := make([]heldGroup, 0, len(held))
	if l.singly || len(held) < 2 {
		for i := range held {
			out = append(out, heldGroup{query: held[i].query, args: held[i].args, w: &held[i]})
		}
		return out
	}
	shape := map[string]string{} // table → its one query, "" when it has several
	count := map[string]int{}
	for _, w := range held {
		if q, ok := shape[w.table]; !ok {
			shape[w.table] = w.query
		} else if q != w.query {
			shape[w.table] = ""
		}
		count[w.table]++
	}
	at := map[string]int{} // table → its group in out
	for i := range held {
		w := &held[i]
		q := shape[w.table]
		values := strings.LastIndex(q, "VALUES (")
		if count[w.table] < 2 || q == "" || values < 0 || !strings.HasPrefix(q, "INSERT INTO ") || !oneRow(q[values+len("VALUES "):]) {
			out = append(out, heldGroup{query: w.query, args: w.args, w: w})
			continue
		}
		j, ok := at[w.table]
		if !ok {
			at[w.table] = len(out)
			out = append(out, heldGroup{query: q, args: append([]any(nil), w.args...), w: w})
			continue
		}
		g := &out[j]
		g.query += ",\n" + renumber(q[values+len("VALUES "):], len(g.args))
		g.args = append(g.args, w.args...)
		g.w = nil
	}
	return out
}

// oneRow tells whether tail is one parenthesised row and nothing after it
// (no ON CONFLICT, no RETURNING), so that more rows can follow it.
func oneRow(tail string) bool {
	depth := 0
	for i := 0; i < len(tail); i++ {
		switch tail[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i == len(tail)-1
			}
		case '\'':
			return false // a literal could hold a parenthesis: not grouped
		}
	}
	return false
}

// renumber shifts the parameters $1… of a VALUES row (or a condition) by n.
func renumber(row string, n int) string {
	if n == 0 {
		return row
	}
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		c := row[i]
		b.WriteByte(c)
		if c != '$' {
			continue
		}
		j := i + 1
		for j < len(row) && row[j] >= '0' && row[j] <= '9' {
			j++
		}
		if j == i+1 {
			continue
		}
		k, _ := strconv.Atoi(row[i+1 : j])
		b.WriteString(strconv.Itoa(k + n))
		i = j - 1
	}
	return b.String()
}

// flushFor sends what is held before a statement that needs it.
func (t txQuerier) flushFor(ctx context.Context, query string) error {
	if t.late == nil || len(t.late.held) == 0 || (query != "" && !t.late.needs(query)) {
		return nil
	}
	if err := t.ensure(ctx); err != nil {
		return err
	}
	return t.late.send(ctx, t.conn, "")
}

// CandidatesAsk is what collective detection asks of a new complaint's merchant (CollectiveCandidates).
type CandidatesAsk struct {
	MerchantID   *int64
	MerchantName string
	Since        time.Time
	Limit        int
}

// InsertMatterThenCandidates inserts m as InsertMatter does, then lists the
// collective candidates as CollectiveCandidates does. In a PostgreSQL batch
// the two statements go pipelined in one round trip: the candidates need
// nothing the insert returns, and the matter's id the service needs next
// comes back with them.
func (t *Tx) InsertMatterThenCandidates(ctx context.Context, m *casework.Matter, ask CandidatesAsk) ([]collective.Matter, error) {
	if t.tx.late == nil || (ask.MerchantID == nil && ask.MerchantName == "") {
		if err := t.InsertMatter(ctx, m); err != nil {
			return nil, err
		}
		return t.CollectiveCandidates(ctx, ask.MerchantID, ask.MerchantName, ask.Since, ask.Limit)
	}
	if m.Number == "" {
		n, err := t.NextNumber(ctx, casework.NumberSeries(m.Kind, m.ReceivedAt))
		if err != nil {
			return nil, err
		}
		m.Number = n
	}
	q, args := insertMatterQuery(m)
	note, held := t.heldInsert(m)
	if held {
		q, args = insertMatterHeld(m)
	}
	cq, cargs := candidatesQuery(t.dialect, ask.MerchantID, ask.MerchantName, ask.Since, ask.Limit)
	if traceStmt != nil {
		traceStmt(false, q)
		traceStmt(false, cq)
	}
	// The transaction begins with this round trip when nothing before it
	// sent a statement (pgOpen); else what is held and needed goes first.
	open := t.tx.open
	first := open != nil && !open.begun && open.err == nil && len(t.tx.late.held) == 0
	if !first {
		if err := t.tx.ensure(ctx); err != nil {
			return nil, err
		}
		_ = t.tx.flushFor(ctx, q+cq)
	}
	var b pgx.Batch
	if first {
		b.Queue("BEGIN")
		b.Queue("SELECT version FROM config_version WHERE id = 1")
		b.Queue("SELECT set_config('weiquan.shard', $1, true)", strconv.Itoa(open.shard))
	}
	b.Queue(q, args...)
	b.Queue(cq, cargs...)
	var insErr, candErr error
	var out []collective.Matter
	err := t.tx.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: pipelined insert on %T", dc)
		}
		br := c.Conn().SendBatch(ctx, &b)
		defer br.Close()
		if first {
			var v int64
			_, err := br.Exec()
			if err == nil {
				err = br.QueryRow().Scan(&v)
			}
			if err == nil {
				_, err = br.Exec()
			}
			if err != nil {
				open.err = fmt.Errorf("store: begin: %w", err)
				return nil
			}
			open.began(v)
		}
		if held {
			insErr = scanHeld(br.QueryRow(), m)
		} else {
			insErr = br.QueryRow().Scan(&m.ID)
		}
		if insErr != nil {
			return nil
		}
		rows, err := br.Query()
		if err != nil {
			candErr = fmt.Errorf("store: collective candidates: %w", err)
			return nil
		}
		defer rows.Close()
		out, candErr = scanCandidates(rows, collective.MerchantKey(ask.MerchantID, ask.MerchantName), ask.Limit)
		return nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("store: insert matter: %w", err)
	case first && open.err != nil:
		return nil, open.err
	case first && open.moved: // nothing of the batch is kept (pgRun)
		return nil, errStampMoved
	case isUnique(insErr):
		return nil, fmt.Errorf("store: insert matter %s: %w", m.Number, ErrDuplicate)
	case insErr != nil:
		return nil, fmt.Errorf("store: insert matter: %w", insErr)
	}
	if held { // inserted: the triggers left its rollups to the batch
		note()
	}
	if candErr != nil {
		return nil, candErr
	}
	return out, nil
}
