package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/casework"
)

// lookupBatch bounds the placeholders of one IN (...) list.
const lookupBatch = 500

// inBatches runs q once per batch of keys with "IN (...)" filled in, scanning each row with scan.
func (s *Store) inBatches(ctx context.Context, q string, keys []string, scan func(*sql.Rows) error) error {
	for lo := 0; lo < len(keys); lo += lookupBatch {
		batch := keys[lo:min(lo+lookupBatch, len(keys))]
		ph := make([]string, len(batch))
		args := make([]any, len(batch))
		for i, k := range batch {
			ph[i], args[i] = fmt.Sprintf("$%d", i+1), k
		}
		rows, err := s.r.QueryContext(ctx, strings.Replace(q, "(...)", "("+strings.Join(ph, ", ")+")", 1), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// MerchantRef is a merchant as an import row points at it.
type MerchantRef struct {
	ID   int64
	Name string
}

// MerchantsByUSCC finds merchants by their codes, for matching imported rows.
func (s *Store) MerchantsByUSCC(ctx context.Context, codes []string) (map[string]MerchantRef, error) {
	out := map[string]MerchantRef{}
	err := s.inBatches(ctx, "SELECT uscc, id, name FROM merchants WHERE uscc IN (...)", codes, func(r *sql.Rows) error {
		var code string
		var m MerchantRef
		err := r.Scan(&code, &m.ID, &m.Name)
		out[code] = m
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: merchants by uscc: %w", err)
	}
	return out, nil
}

// MerchantIDsByName finds merchants by exact name; a name may belong to several.
func (s *Store) MerchantIDsByName(ctx context.Context, names []string) (map[string][]int64, error) {
	out := map[string][]int64{}
	err := s.inBatches(ctx, "SELECT name, id FROM merchants WHERE name IN (...) ORDER BY id", names, func(r *sql.Rows) error {
		var name string
		var id int64
		err := r.Scan(&name, &id)
		out[name] = append(out[name], id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: merchants by name: %w", err)
	}
	return out, nil
}

// ImportedSources reports which source ids are already in the database.
func (s *Store) ImportedSources(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.inBatches(ctx, "SELECT source_id FROM matters WHERE source_id IN (...)", ids, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		out[id] = true
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: imported sources: %w", err)
	}
	return out, nil
}

// Import records one committed ledger file.
type Import struct {
	ID        int64     `json:"id"`
	FileName  string    `json:"file_name"`
	SHA256    string    `json:"sha256"`
	Format    string    `json:"format"`
	Rows      int       `json:"rows"`
	Imported  int       `json:"imported"`
	Skipped   int       `json:"skipped"`
	ActorID   *int64    `json:"actor_id,omitempty"`
	ActorName string    `json:"actor_name"`
	At        time.Time `json:"at"`
}

const importMatterSQL = `INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at,
	closed_at, version, consumer_name, consumer_phone, merchant_id, merchant_name, area_id, area_path, area_text,
	category, subcategory, amount_in_dispute, recovered, consumers, facts, request, taken_by, source_id)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
	ON CONFLICT (source_id) WHERE source_id IS NOT NULL DO NOTHING RETURNING id`

const importEventSQL = `INSERT INTO events (matter_id, at, actor_id, actor_name, action, from_state, to_state, note, data)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

// ImportMatters writes a ledger's matters, each with its timeline event
// (evs[i] belongs to ms[i]), with prepared statements in this one
// transaction. Numbers are drawn per received day in one step. A matter whose
// source_id is already stored is skipped, so a second import of the same rows
// changes nothing; it returns how many were inserted and skipped.
func (t *Tx) ImportMatters(ctx context.Context, imp *Import, ms []casework.Matter, evs []casework.Event) (int, int, error) {
	imp.At = utc(imp.At)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO imports (file_name, sha256, format, row_count, imported, skipped, actor_id, actor_name, at)
		VALUES ($1, $2, $3, $4, 0, 0, $5, $6, $7) RETURNING id`,
		imp.FileName, imp.SHA256, imp.Format, imp.Rows, idArg(imp.ActorID), imp.ActorName, imp.At).Scan(&imp.ID)
	if err != nil {
		return 0, 0, fmt.Errorf("store: import: %w", err)
	}
	if err := t.reserveNumbers(ctx, ms); err != nil {
		return 0, 0, err
	}
	q := importMatterSQL
	if t.dialect == SQLite {
		q = strings.TrimSuffix(q, " RETURNING id") // Exec and LastInsertId cost less than a result set per row
	}
	ins, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return 0, 0, fmt.Errorf("store: import: %w", err)
	}
	defer ins.Close()
	evt, err := t.tx.PrepareContext(ctx, importEventSQL)
	if err != nil {
		return 0, 0, fmt.Errorf("store: import: %w", err)
	}
	defer evt.Close()
	for i := range ms {
		m := &ms[i]
		var source any
		if m.SourceID != "" {
			source = m.SourceID
		}
		args := []any{m.Number, m.Kind, m.Channel, m.State, m.Outcome, m.RuleSet, utc(m.ReceivedAt), utc(m.CreatedAt), utc(m.UpdatedAt),
			utcPtr(m.ClosedAt), m.Version, m.Consumer.Name, m.Consumer.Phone, idArg(m.MerchantID), m.MerchantName, idArg(m.AreaID), m.AreaPath, m.AreaText,
			m.Category, m.Subcategory, m.AmountInDispute, m.Recovered, m.Consumers, m.Facts, m.Request, idArg(m.TakenBy), source}
		inserted, err := t.insertReturningID(ctx, ins, &m.ID, args)
		if err != nil {
			return 0, 0, fmt.Errorf("store: import row %s: %w", m.SourceID, err)
		}
		if !inserted {
			imp.Skipped++
			continue
		}
		ev := &evs[i]
		ev.MatterID = m.ID
		if ev.Data == nil {
			ev.Data = map[string]any{}
		}
		ev.Data["import_id"] = imp.ID
		data, err := marshalData(ev.Data)
		if err != nil {
			return 0, 0, fmt.Errorf("store: import event: %w", err)
		}
		if _, err := evt.ExecContext(ctx, ev.MatterID, utc(ev.At), idArg(ev.ActorID), ev.ActorName, ev.Action, ev.From, ev.To, ev.Note, data); err != nil {
			return 0, 0, fmt.Errorf("store: import event: %w", err)
		}
		imp.Imported++
	}
	if _, err := t.tx.ExecContext(ctx, "UPDATE imports SET imported = $1, skipped = $2 WHERE id = $3", imp.Imported, imp.Skipped, imp.ID); err != nil {
		return 0, 0, fmt.Errorf("store: import: %w", err)
	}
	return imp.Imported, imp.Skipped, nil
}

// insertReturningID runs a prepared INSERT … ON CONFLICT DO NOTHING and reads
// the new row's id; inserted is false when the row was already there.
func (t *Tx) insertReturningID(ctx context.Context, st *sql.Stmt, id *int64, args []any) (bool, error) {
	if t.dialect == SQLite {
		res, err := st.ExecContext(ctx, args...)
		if err != nil {
			return false, err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return false, err
		}
		*id, err = res.LastInsertId()
		return err == nil, err
	}
	err := st.QueryRowContext(ctx, args...).Scan(id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// reserveNumbers draws the case numbers of many matters with one counter update per received day (R-P2).
func (t *Tx) reserveNumbers(ctx context.Context, ms []casework.Matter) error {
	need := map[string]int64{}
	var days []string
	for _, m := range ms {
		d := casework.NumberDay(m.ReceivedAt)
		if need[d] == 0 {
			days = append(days, d)
		}
		need[d]++
	}
	next := map[string]int64{}
	for _, d := range days {
		var last int64
		err := t.tx.QueryRowContext(ctx, `INSERT INTO case_counters (day, last) VALUES ($1, $2)
			ON CONFLICT (day) DO UPDATE SET last = case_counters.last + excluded.last RETURNING last`, d, need[d]).Scan(&last)
		if err != nil {
			return fmt.Errorf("store: reserve numbers: %w", err)
		}
		next[d] = last - need[d] + 1
	}
	for i := range ms {
		d := casework.NumberDay(ms[i].ReceivedAt)
		ms[i].Number = casework.FormatNumber(d, next[d])
		next[d]++
	}
	return nil
}

// Imports lists committed imports, newest first.
func (s *Store) Imports(ctx context.Context, limit int) ([]Import, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, file_name, sha256, format, row_count, imported, skipped, actor_id, actor_name, at
		FROM imports ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: imports: %w", err)
	}
	defer rows.Close()
	var out []Import
	for rows.Next() {
		var im Import
		var actor sql.NullInt64
		if err := rows.Scan(&im.ID, &im.FileName, &im.SHA256, &im.Format, &im.Rows, &im.Imported, &im.Skipped, &actor, &im.ActorName, &im.At); err != nil {
			return nil, fmt.Errorf("store: imports: %w", err)
		}
		im.ActorID, im.At = nullID(actor), im.At.UTC()
		out = append(out, im)
	}
	return out, rows.Err()
}
