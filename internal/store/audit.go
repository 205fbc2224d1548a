package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/audit"
)

// auditLock serialises appends on PostgreSQL so each entry sees the one before it.
const auditLock = 7_315_12346

// AppendAudit adds an entry to the audit log inside the transaction.
func (t *Tx) AppendAudit(ctx context.Context, e *audit.Entry) error {
	if t.dialect == Postgres {
		if _, err := t.tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", auditLock); err != nil {
			return fmt.Errorf("store: audit lock: %w", err)
		}
	}
	prev := audit.Genesis
	err := t.tx.QueryRowContext(ctx, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: audit: %w", err)
	}
	e.At = utc(e.At)
	e.Seal(prev)
	err = t.tx.QueryRowContext(ctx, `INSERT INTO audit (at, actor_id, actor_name, action, entity, ref, data, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.At, idArg(e.ActorID), e.ActorName, e.Action, e.Entity, e.Ref, e.Data, e.PrevHash, e.Hash).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

const auditCols = "id, at, actor_id, actor_name, action, entity, ref, data, prev_hash, hash"

func scanAudit(row interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	var actor sql.NullInt64
	err := row.Scan(&e.ID, &e.At, &actor, &e.ActorName, &e.Action, &e.Entity, &e.Ref, &e.Data, &e.PrevHash, &e.Hash)
	e.At, e.ActorID = e.At.UTC(), nullID(actor)
	return e, err
}

// VerifyAudit checks the whole chain, reading it in pages so memory stays flat.
func (s *Store) VerifyAudit(ctx context.Context) (int, error) {
	var page []audit.Entry
	var after int64
	next := func() (*audit.Entry, error) {
		if len(page) == 0 {
			rows, err := s.r.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE id > $1 ORDER BY id LIMIT 1000", after)
			if err != nil {
				return nil, fmt.Errorf("store: audit: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				e, err := scanAudit(rows)
				if err != nil {
					return nil, fmt.Errorf("store: audit: %w", err)
				}
				page = append(page, e)
			}
			if err := rows.Err(); err != nil {
				return nil, fmt.Errorf("store: audit: %w", err)
			}
			if len(page) == 0 {
				return nil, nil
			}
		}
		e := page[0]
		page = page[1:]
		after = e.ID
		return &e, nil
	}
	return audit.Verify(next)
}

// AuditFilter narrows the audit listing.
type AuditFilter struct {
	Entity, Ref string
	Limit       int
}

// AuditEntries lists entries newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]audit.Entry, error) {
	where, args := "1 = 1", []any{}
	if f.Entity != "" {
		args = append(args, f.Entity)
		where += fmt.Sprintf(" AND entity = $%d", len(args))
	}
	if f.Ref != "" {
		args = append(args, f.Ref)
		where += fmt.Sprintf(" AND ref = $%d", len(args))
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	args = append(args, f.Limit)
	rows, err := s.r.QueryContext(ctx, "SELECT "+auditCols+" FROM audit WHERE "+where+fmt.Sprintf(" ORDER BY id DESC LIMIT $%d", len(args)), args...)
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
	return out, rows.Err()
}
