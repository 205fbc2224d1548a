package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/ledger"
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

// Import records one committed ledger file (ledger.Import).
type Import = ledger.Import

// importBatch is how many rows one prepared multi-row INSERT carries on
// PostgreSQL (few round trips; 27 × 500 parameters, under its limit).
// SQLite takes fewer: the modernc driver looks each parameter up by position
// in a list, so a statement's cost grows with the square of its parameters.
const (
	importBatch       = 500
	importBatchSQLite = 20
)

const importMatterCols = `number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at,
	closed_at, version, consumer_name, consumer_phone, merchant_id, merchant_name, area_id, area_path, area_text,
	category, subcategory, amount_in_dispute, recovered, consumers, facts, request, taken_by, source_id`

const importEventCols = "matter_id, at, actor_id, actor_name, action, from_state, to_state, note, data"

func importMatterArgs(m *casework.Matter) []any {
	return []any{m.Number, m.Kind, m.Channel, m.State, m.Outcome, m.RuleSet, utc(m.ReceivedAt), utc(m.CreatedAt), utc(m.UpdatedAt),
		utcPtr(m.ClosedAt), m.Version, m.Consumer.Name, m.Consumer.Phone, idArg(m.MerchantID), m.MerchantName, idArg(m.AreaID), m.AreaPath, m.AreaText,
		m.Category, m.Subcategory, m.AmountInDispute, m.Recovered, m.Consumers, m.Facts, m.Request, idArg(m.TakenBy), m.SourceID}
}

// ImportMatters writes a ledger's matters, each with its timeline event
// (evs[i] belongs to ms[i]), in this one transaction, with prepared
// multi-row statements of importBatch rows. Numbers are drawn per received
// day in one step. A matter whose source_id is already stored is skipped, so
// a second import of the same rows changes nothing; it returns how many were
// inserted and skipped.
func (t *Tx) ImportMatters(ctx context.Context, imp *Import, ms []casework.Matter, evs []casework.Event) (int, int, error) {
	w, err := t.BeginImport(ctx, imp)
	if err != nil {
		return 0, 0, err
	}
	defer w.Close()
	if err := w.Write(ctx, ms, evs); err != nil {
		return 0, 0, err
	}
	if err := w.Finish(ctx); err != nil {
		return 0, 0, err
	}
	return imp.Imported, imp.Skipped, nil
}

// ImportWriter writes one ledger import in its transaction, a part at a
// time, so the rows of a large file need not all be in memory: BeginImport,
// Write as often as needed, Finish, Close.
type ImportWriter struct {
	t               *Tx
	imp             *Import
	matters, events *batchStmts
	batch           int
	restore         string      // the connection's cache_size to put back (SQLite)
	stage           *batchStmts // SQLite: rows into temp.import_stage
	staged          bool        // the stage exists and is empty
	bulk            *bulkImport // SQLite: how a large import writes
}

// importCacheKB is SQLite's page cache while an import writes: the default
// 2 MB cannot hold the pages of the matters' indexes that each row touches.
const importCacheKB = 65536

// BeginImport records the import (its counts are written by Finish) and
// prepares to write its rows.
func (t *Tx) BeginImport(ctx context.Context, imp *Import) (*ImportWriter, error) {
	imp.At = utc(imp.At)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO imports (file_name, sha256, format, row_count, imported, skipped, actor_id, actor_name, at)
		VALUES ($1, $2, $3, $4, 0, 0, $5, $6, $7) RETURNING id`,
		imp.FileName, imp.SHA256, imp.Format, imp.Rows, idArg(imp.ActorID), imp.ActorName, imp.At).Scan(&imp.ID)
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	w := &ImportWriter{t: t, imp: imp, batch: importBatch,
		matters: &batchStmts{t: t, cols: 27, prefix: "INSERT INTO matters (" + importMatterCols + ") VALUES ",
			suffix: " ON CONFLICT (source_id) WHERE source_id IS NOT NULL DO NOTHING RETURNING id, source_id"},
		events: &batchStmts{t: t, cols: 9, prefix: "INSERT INTO events (" + importEventCols + ") VALUES "}}
	if t.dialect == SQLite {
		w.batch = importBatchSQLite
		w.stage = &batchStmts{t: t, cols: 27, prefix: "INSERT INTO temp.import_stage (" + importMatterCols + ") VALUES "}
		if err := t.tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&w.restore); err != nil {
			return nil, fmt.Errorf("store: import: %w", err)
		}
		if _, err := t.tx.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(importCacheKB)); err != nil {
			return nil, fmt.Errorf("store: import: %w", err)
		}
		if err := w.beginBulk(ctx); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Write inserts matters with their events (evs[i] belongs to ms[i]),
// numbered in the order given; those whose source_id is already stored are
// skipped and counted.
func (w *ImportWriter) Write(ctx context.Context, ms []casework.Matter, evs []casework.Event) error {
	for i := range ms {
		if ms[i].SourceID == "" {
			return fmt.Errorf("store: import: row %d has no source id", i)
		}
	}
	if err := w.t.reserveNumbers(ctx, ms); err != nil {
		return err
	}
	if w.stage != nil {
		if err := w.grow(ctx, len(ms)); err != nil {
			return err
		}
		return w.writeStaged(ctx, ms, evs)
	}
	for lo := 0; lo < len(ms); lo += w.batch {
		hi := min(lo+w.batch, len(ms))
		if err := w.t.importBatch(ctx, w.imp, w.matters, w.events, ms[lo:hi], evs[lo:hi]); err != nil {
			return err
		}
	}
	return nil
}

// Finish writes the import's counts, and its format and rows read, known
// only once the file is read. (On SQLite the commit feeds the search tables
// all the import's rows at once, or, for fewer than feedAt, the writer when
// idle: feedSearch, migration 0077; an import written in bulk creates
// matters' indexes again and feeds them here, bulkImport.) An import that is
// not finished must be rolled back.
func (w *ImportWriter) Finish(ctx context.Context) error {
	if err := w.finishBulk(ctx); err != nil {
		return err
	}
	if _, err := w.t.tx.ExecContext(ctx, "UPDATE imports SET format = $1, row_count = $2, imported = $3, skipped = $4 WHERE id = $5",
		w.imp.Format, w.imp.Rows, w.imp.Imported, w.imp.Skipped, w.imp.ID); err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	return nil
}

// Close releases the prepared statements and gives the connection back its cache size.
func (w *ImportWriter) Close() {
	w.matters.close()
	w.events.close()
	if w.stage != nil {
		w.stage.close()
	}
	if w.restore != "" {
		w.t.tx.ExecContext(context.Background(), "PRAGMA cache_size = "+w.restore)
	}
}

// ImportedSources reports which source ids are already stored, as this transaction sees them.
func (t *Tx) ImportedSources(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for lo := 0; lo < len(ids); lo += lookupBatch {
		batch := ids[lo:min(lo+lookupBatch, len(ids))]
		ph := make([]string, len(batch))
		args := make([]any, len(batch))
		for i, k := range batch {
			ph[i], args[i] = fmt.Sprintf("$%d", i+1), k
		}
		rows, err := t.tx.QueryContext(ctx, "SELECT source_id FROM matters WHERE source_id IN ("+strings.Join(ph, ", ")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store: imported sources: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: imported sources: %w", err)
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: imported sources: %w", err)
		}
	}
	return out, nil
}

// importBatch inserts one batch of matters, learns their ids by source id
// (RETURNING gives no order), and inserts the events of those inserted.
func (t *Tx) importBatch(ctx context.Context, imp *Import, matters, events *batchStmts, ms []casework.Matter, evs []casework.Event) error {
	args := make([]any, 0, len(ms)*matters.cols)
	for i := range ms {
		args = append(args, importMatterArgs(&ms[i])...)
	}
	st, err := matters.get(ctx, len(ms))
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("store: import rows %s…: %w", ms[0].SourceID, err)
	}
	ids, err := importedIDs(rows, len(ms))
	if err != nil {
		return fmt.Errorf("store: import rows %s…: %w", ms[0].SourceID, err)
	}
	return t.importEvents(ctx, imp, events, ms, evs, ids)
}

// importedIDs reads RETURNING id, source_id.
func importedIDs(rows *sql.Rows, n int) (map[string]int64, error) {
	ids := make(map[string]int64, n)
	for rows.Next() {
		var id int64
		var source string
		if err := rows.Scan(&id, &source); err != nil {
			rows.Close()
			return nil, err
		}
		ids[source] = id
	}
	rows.Close()
	return ids, rows.Err()
}

// importEvents inserts the events of the matters inserted (ids by source id);
// the others were there already and are counted as skipped.
func (t *Tx) importEvents(ctx context.Context, imp *Import, events *batchStmts, ms []casework.Matter, evs []casework.Event, ids map[string]int64) error {
	eargs := make([]any, 0, len(ms)*events.cols)
	for i := range ms {
		id, ok := ids[ms[i].SourceID]
		if !ok {
			imp.Skipped++ // already imported, perhaps by an import running beside this one
			continue
		}
		ms[i].ID = id
		ev := &evs[i]
		ev.MatterID = id
		if ev.Data == nil {
			ev.Data = map[string]any{}
		}
		ev.Data["import_id"] = imp.ID
		data, err := marshalData(ev.Data)
		if err != nil {
			return fmt.Errorf("store: import event: %w", err)
		}
		eargs = append(eargs, ev.MatterID, utc(ev.At), idArg(ev.ActorID), ev.ActorName, ev.Action, ev.From, ev.To, ev.Note, data)
		imp.Imported++
	}
	if len(eargs) == 0 {
		return nil
	}
	st, err := events.get(ctx, len(eargs)/events.cols)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, eargs...); err != nil {
		return fmt.Errorf("store: import events: %w", err)
	}
	return nil
}

// writeStaged is Write on SQLite: the rows go first into a temporary table
// without triggers (prepared 20-row statements, as the modernc driver wants
// them small), then into matters with one INSERT … SELECT. Every statement
// that writes in a transaction where FTS5 tables have pending data makes
// them write it out as a new segment (their savepoint), and merging tens of
// thousands of 20-row segments was 90 % of a million-row import; one
// statement per part makes one segment per part.
func (w *ImportWriter) writeStaged(ctx context.Context, ms []casework.Matter, evs []casework.Event) error {
	t := w.t
	if !w.staged {
		if _, err := t.tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS import_stage (seq INTEGER PRIMARY KEY, "+importMatterCols+")"); err != nil {
			return fmt.Errorf("store: import: %w", err)
		}
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM temp.import_stage"); err != nil {
			return fmt.Errorf("store: import: %w", err)
		}
		w.staged = true
	}
	for lo := 0; lo < len(ms); lo += w.batch {
		hi := min(lo+w.batch, len(ms))
		args := make([]any, 0, (hi-lo)*w.stage.cols)
		for i := lo; i < hi; i++ {
			args = append(args, importMatterArgs(&ms[i])...)
		}
		st, err := w.stage.get(ctx, hi-lo)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: import rows %s…: %w", ms[lo].SourceID, err)
		}
	}
	rows, err := t.tx.QueryContext(ctx, "INSERT INTO matters ("+importMatterCols+") SELECT "+importMatterCols+
		" FROM temp.import_stage WHERE true ORDER BY seq ON CONFLICT (source_id) WHERE source_id IS NOT NULL DO NOTHING RETURNING id, source_id")
	if err != nil {
		return fmt.Errorf("store: import rows %s…: %w", ms[0].SourceID, err)
	}
	ids, err := importedIDs(rows, len(ms))
	if err != nil {
		return fmt.Errorf("store: import rows %s…: %w", ms[0].SourceID, err)
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM temp.import_stage"); err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	for lo := 0; lo < len(ms); lo += w.batch {
		hi := min(lo+w.batch, len(ms))
		if err := t.importEvents(ctx, w.imp, w.events, ms[lo:hi], evs[lo:hi], ids); err != nil {
			return err
		}
	}
	return nil
}

// batchStmts prepares a multi-row INSERT once per number of rows (the full
// batch, and the short last one) and keeps it for the transaction.
//
// On SQLite its parameters are anonymous (?): the modernc driver asks SQLite
// the name of every parameter it binds, and SQLite finds a numbered
// parameter's name by walking the list of all of them, so binding $1 … $540
// took 15 % of an import's time.
type batchStmts struct {
	t              *Tx
	cols           int
	prefix, suffix string
	byRows         map[int]*sql.Stmt
}

func (b *batchStmts) get(ctx context.Context, rows int) (*sql.Stmt, error) {
	if st, ok := b.byRows[rows]; ok {
		return st, nil
	}
	var q strings.Builder
	q.WriteString(b.prefix)
	n := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := 0; c < b.cols; c++ {
			if c > 0 {
				q.WriteString(", ")
			}
			n++
			if b.t.dialect == SQLite {
				q.WriteByte('?')
			} else {
				q.WriteString("$" + strconv.Itoa(n))
			}
		}
		q.WriteByte(')')
	}
	q.WriteString(b.suffix)
	st, err := b.t.tx.PrepareContext(ctx, q.String())
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	if b.byRows == nil {
		b.byRows = map[int]*sql.Stmt{}
	}
	b.byRows[rows] = st
	return st, nil
}

func (b *batchStmts) close() {
	for _, st := range b.byRows {
		st.Close()
	}
}

// reserveNumbers draws the case numbers of many matters with one counter update per received day (R-P2).
func (t *Tx) reserveNumbers(ctx context.Context, ms []casework.Matter) error {
	need := map[string]int64{}
	var days []string
	for _, m := range ms {
		d := casework.NumberSeries(m.Kind, m.ReceivedAt)
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
		d := casework.NumberSeries(ms[i].Kind, ms[i].ReceivedAt)
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
