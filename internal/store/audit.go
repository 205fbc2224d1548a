package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/audit"
)

// auditLock serialises appends on PostgreSQL so each entry sees the one before it.
const auditLock = 7_315_12346

// AppendAudit seals an entry after the last one and adds it inside the transaction,
// and returns the link it follows. With a key the entry is keyed (R-P8); without
// one it gets the plain seal of logs written before keys, which only tests and
// old data have — never after a keyed entry.
func (t *Tx) AppendAudit(ctx context.Context, e *audit.Entry, key []byte) (audit.Link, error) {
	if t.dialect == Postgres {
		if _, err := t.tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", auditLock); err != nil {
			return audit.Link{}, fmt.Errorf("store: audit lock: %w", err)
		}
	}
	prev := audit.Link{Hash: audit.Genesis}
	err := t.tx.QueryRowContext(ctx, "SELECT id, hash, seq, keyed FROM audit ORDER BY id DESC LIMIT 1").Scan(&prev.ID, &prev.Hash, &prev.Seq, &prev.Keyed)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return prev, fmt.Errorf("store: audit: %w", err)
	}
	e.At = utc(e.At)
	switch {
	case key == nil && prev.Keyed:
		return prev, fmt.Errorf("store: audit: an unkeyed entry cannot follow keyed ones")
	case key == nil:
		e.Seal(prev.Hash)
	case prev.Keyed:
		e.SealKeyed(key, prev.Hash, prev.Seq+1)
	default: // the first keyed entry: its place counts the plain entries before it
		var n int64
		if err := t.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit").Scan(&n); err != nil {
			return prev, fmt.Errorf("store: audit: %w", err)
		}
		e.SealKeyed(key, prev.Hash, n+1)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO audit (at, actor_id, actor_name, action, entity, ref, data, prev_hash, hash, seq, keyed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.At, idArg(e.ActorID), e.ActorName, e.Action, e.Entity, e.Ref, e.Data, e.PrevHash, e.Hash, e.Seq, e.Keyed).Scan(&e.ID)
	if err != nil {
		return prev, fmt.Errorf("store: audit: %w", err)
	}
	return prev, nil
}

// AuditLink reads where an entry stands, to check inside a transaction that the
// entry a head points at is still there.
func (t *Tx) AuditLink(ctx context.Context, id int64) (audit.Link, error) {
	return auditLink(ctx, t.tx, id)
}

func auditLink(ctx context.Context, q querier, id int64) (audit.Link, error) {
	var l audit.Link
	err := q.QueryRowContext(ctx, "SELECT id, hash, seq, keyed FROM audit WHERE id = $1", id).Scan(&l.ID, &l.Hash, &l.Seq, &l.Keyed)
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrNotFound
	}
	if err != nil {
		return l, fmt.Errorf("store: audit: %w", err)
	}
	return l, nil
}

// AuditLink reads where an entry stands.
func (s *Store) AuditLink(ctx context.Context, id int64) (audit.Link, error) {
	return auditLink(ctx, s.r, id)
}

// AuditTail is the last entry and its position (the count of entries), or a zero
// link and 0 for an empty log. Counting is needed only while the tail is plain.
func (s *Store) AuditTail(ctx context.Context) (audit.Link, int64, error) {
	var l audit.Link
	err := s.r.QueryRowContext(ctx, "SELECT id, hash, seq, keyed FROM audit ORDER BY id DESC LIMIT 1").Scan(&l.ID, &l.Hash, &l.Seq, &l.Keyed)
	if errors.Is(err, sql.ErrNoRows) {
		return audit.Link{}, 0, nil
	}
	if err != nil {
		return l, 0, fmt.Errorf("store: audit: %w", err)
	}
	if l.Keyed {
		return l, l.Seq, nil
	}
	var n int64
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit").Scan(&n); err != nil {
		return l, 0, fmt.Errorf("store: audit: %w", err)
	}
	return l, n, nil
}

// LastAudit is the newest entry, or nil for an empty log.
func (s *Store) LastAudit(ctx context.Context) (*audit.Entry, error) {
	e, err := scanAudit(s.r.QueryRowContext(ctx, "SELECT "+auditCols+" FROM audit ORDER BY id DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return &e, nil
}

// HasKeyedAudit reports whether any entry is keyed.
func (s *Store) HasKeyedAudit(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM audit WHERE keyed LIMIT 1) k").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: audit: %w", err)
	}
	return n > 0, nil
}

const auditCols = "id, seq, at, actor_id, actor_name, action, entity, ref, data, keyed, prev_hash, hash"

func scanAudit(row interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	var actor sql.NullInt64
	err := row.Scan(&e.ID, &e.Seq, &e.At, &actor, &e.ActorName, &e.Action, &e.Entity, &e.Ref, &e.Data, &e.Keyed, &e.PrevHash, &e.Hash)
	e.At, e.ActorID = e.At.UTC(), nullID(actor)
	return e, err
}

// VerifyAudit checks the whole chain against c, reading it in pages so memory stays flat.
func (s *Store) VerifyAudit(ctx context.Context, c audit.Check) (audit.Report, error) {
	var page []audit.Entry
	var after int64
	next := func() (*audit.Entry, error) {
		if len(page) == 0 {
			var err error
			if page, err = s.auditPage(ctx, "id > $1 ORDER BY id", after); err != nil || len(page) == 0 {
				return nil, err
			}
		}
		e := page[0]
		page = page[1:]
		after = e.ID
		return &e, nil
	}
	return audit.Verify(c, next)
}

func (s *Store) auditPage(ctx context.Context, cond string, args ...any) ([]audit.Entry, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE "+cond+" LIMIT 1000", args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

// AuditFilter narrows the audit listing; every condition combines with AND.
type AuditFilter struct {
	Actor  string     // user name at the time of the entry
	Action string     // e.g. read_personal
	Entity string     // e.g. matter
	Ref    string     // case number or id
	From   *time.Time // at or after
	Before *time.Time // strictly before
	Limit  int        // 1–1000, default 100
	Offset int
}

func (f AuditFilter) where() (string, []any) {
	where, args := "1 = 1", []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Actor != "" {
		add("actor_name = $%d", f.Actor)
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.Ref != "" {
		add("ref = $%d", f.Ref)
	}
	if f.From != nil {
		add("at >= $%d", utc(*f.From))
	}
	if f.Before != nil {
		add("at < $%d", utc(*f.Before))
	}
	return where, args
}

// AuditEntries lists one page of entries newest first, and how many match in all.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]audit.Entry, int, error) {
	where, args := f.where()
	var total int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	args = append(args, f.Limit, max(f.Offset, 0))
	rows, err := s.r.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE "+where+
		fmt.Sprintf(" ORDER BY id DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	out := []audit.Entry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	return out, total, nil
}

// EachAuditEntry calls fn for every matching entry newest first, in pages read one
// after the other, so an export of the whole log never holds it (Limit and Offset are ignored).
func (s *Store) EachAuditEntry(ctx context.Context, f AuditFilter, fn func(*audit.Entry) error) error {
	where, args := f.where()
	var before int64 = -1
	for {
		cond, a := where, args
		if before >= 0 {
			a = append(append([]any{}, args...), before)
			cond += fmt.Sprintf(" AND id < $%d", len(a))
		}
		page, err := s.auditPage(ctx, cond+" ORDER BY id DESC", a...)
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		if len(page) < 1000 {
			return nil
		}
		before = page[len(page)-1].ID
	}
}
