package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/fault"
)

const matterCols = `id, number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at, closed_at, version,
	consumer_name, consumer_phone, consumer_address, consumer_id_number, merchant_id, merchant_name, merchant_address,
	area_id, area_path, area_text, station_id, assignee_id, level, category, subcategory, amount_in_dispute, recovered,
	consumers, facts, request, answer, taken_by, linked_id, reason_code, platform_no, needs_visit, source_id, lat, lng, accepted_at, on_site_due_at, arrived_at, arrived_lat, arrived_lng, on_site_kept, satisfaction, due_at, due_kind,
	terminated_at, notified_at, clue_at, clue_done_at, extended_at, restarted_at, merged_into, replied_at, dispute_at, dispute_done_at`

func scanMatter(row interface{ Scan(...any) error }) (casework.Matter, error) {
	var m casework.Matter
	var closed sql.NullTime
	var merch, area, station, assignee, taken, linked sql.NullInt64
	var source sql.NullString
	var due, accepted, onSiteDue, arrived sql.NullTime
	var lat, lng, alat, alng sql.NullFloat64
	var kept sql.NullBool
	var sat sql.NullInt64
	var term, notified, clue, clueDone, extended, restarted, replied, dispute, disputeDone sql.NullTime
	var merged sql.NullInt64
	err := row.Scan(&m.ID, &m.Number, &m.Kind, &m.Channel, &m.State, &m.Outcome, &m.RuleSet, &m.ReceivedAt, &m.CreatedAt, &m.UpdatedAt, &closed, &m.Version,
		&m.Consumer.Name, &m.Consumer.Phone, &m.Consumer.Address, &m.Consumer.IDNumber, &merch, &m.MerchantName, &m.MerchantAddress,
		&area, &m.AreaPath, &m.AreaText, &station, &assignee, &m.Level, &m.Category, &m.Subcategory, &m.AmountInDispute, &m.Recovered,
		&m.Consumers, &m.Facts, &m.Request, &m.Answer, &taken, &linked, &m.ReasonCode, &m.PlatformNo, &m.NeedsVisit, &source,
		&lat, &lng, &accepted, &onSiteDue, &arrived, &alat, &alng, &kept, &sat, &due, &m.DueKind,
		&term, &notified, &clue, &clueDone, &extended, &restarted, &merged, &replied, &dispute, &disputeDone)
	m.TerminatedAt, m.NotifiedAt, m.ClueAt, m.ClueDoneAt = nullTime(term), nullTime(notified), nullTime(clue), nullTime(clueDone)
	m.ExtendedAt, m.RestartedAt, m.MergedInto, m.RepliedAt = nullTime(extended), nullTime(restarted), nullID(merged), nullTime(replied)
	m.DisputeAt, m.DisputeDoneAt = nullTime(dispute), nullTime(disputeDone)
	m.DueAt, m.AcceptedAt, m.OnSiteDueAt, m.ArrivedAt = nullTime(due), nullTime(accepted), nullTime(onSiteDue), nullTime(arrived)
	m.Lat, m.Lng, m.ArrivedLat, m.ArrivedLng = nullFloat(lat), nullFloat(lng), nullFloat(alat), nullFloat(alng)
	if kept.Valid {
		m.OnSiteKept = &kept.Bool
	}
	if sat.Valid {
		v := int(sat.Int64)
		m.Satisfaction = &v
	}
	m.ReceivedAt, m.CreatedAt, m.UpdatedAt, m.ClosedAt = m.ReceivedAt.UTC(), m.CreatedAt.UTC(), m.UpdatedAt.UTC(), nullTime(closed)
	m.MerchantID, m.AreaID, m.StationID, m.AssigneeID = nullID(merch), nullID(area), nullID(station), nullID(assignee)
	m.TakenBy, m.LinkedID, m.SourceID = nullID(taken), nullID(linked), source.String
	return m, err
}

// NextNumber draws the next case number of a series — the day the matter was
// received, reports apart (casework.NumberSeries) (R-P2).
// The counter row is locked until the transaction ends, so numbers are never
// reused; on PostgreSQL the store hands out numbers of blocks it reserved
// (numbers.go) and draws here only when the counter row is busy.
func (t *Tx) NextNumber(ctx context.Context, series string) (string, error) {
	day := series
	var seq int64
	if t.numbers != nil {
		seq, err := t.numbers.draw(ctx, series)
		if err == nil {
			t.drawn = append(t.drawn, drawnNumber{series, seq})
			return casework.FormatNumber(day, seq), nil
		}
		if !errors.Is(err, errCounterBusy) {
			return "", err
		}
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO case_counters (day, last) VALUES ($1, 1)
		ON CONFLICT (day) DO UPDATE SET last = case_counters.last + 1 RETURNING last`, day).Scan(&seq)
	if err != nil {
		return "", fmt.Errorf("store: next number: %w", err)
	}
	return casework.FormatNumber(day, seq), nil
}

// InsertMatter stores a new matter, drawing its number when it has none.
func (t *Tx) InsertMatter(ctx context.Context, m *casework.Matter) error {
	if m.Number == "" {
		n, err := t.NextNumber(ctx, casework.NumberSeries(m.Kind, m.ReceivedAt))
		if err != nil {
			return err
		}
		m.Number = n
	}
	q, args := insertMatterQuery(m)
	note, held := t.heldInsert(m) // PostgreSQL's batches write its pairs and rollups themselves (held.go)
	var err error
	if held {
		q, args = insertMatterHeld(m)
		err = scanHeld(t.tx.QueryRowContext(ctx, q, args...), m)
	} else {
		err = t.tx.QueryRowContext(ctx, q, args...).Scan(&m.ID)
	}
	if isUnique(err) {
		return fmt.Errorf("store: insert matter %s: %w", m.Number, ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("store: insert matter: %w", err)
	}
	if held {
		note()
	}
	return nil
}

// insertMatterQuery is the insert of a numbered matter, returning its id.
func insertMatterQuery(m *casework.Matter) (string, []any) {
	var source any
	if m.SourceID != "" {
		source = m.SourceID
	}
	return `INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at,
		closed_at, version, consumer_name, consumer_phone, consumer_address, consumer_id_number, merchant_id, merchant_name, merchant_address,
		area_id, area_path, area_text, station_id, assignee_id, level, category, subcategory, amount_in_dispute, recovered,
		consumers, facts, request, answer, taken_by, linked_id, reason_code, platform_no, needs_visit, source_id,
		lat, lng, accepted_at, on_site_due_at, arrived_at, arrived_lat, arrived_lng, on_site_kept, satisfaction, due_at, due_kind,
		terminated_at, notified_at, clue_at, clue_done_at, extended_at, restarted_at, merged_into, replied_at, dispute_at, dispute_done_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
		$26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49,
		$50, $51, $52, $53, $54, $55, $56, $57, $58, $59) RETURNING id`, []any{
			m.Number, m.Kind, m.Channel, m.State, m.Outcome, m.RuleSet, utc(m.ReceivedAt), utc(m.CreatedAt), utc(m.UpdatedAt),
			utcPtr(m.ClosedAt), m.Version, m.Consumer.Name, m.Consumer.Phone, m.Consumer.Address, m.Consumer.IDNumber, idArg(m.MerchantID), m.MerchantName, m.MerchantAddress,
			idArg(m.AreaID), m.AreaPath, m.AreaText, idArg(m.StationID), idArg(m.AssigneeID), m.Level, m.Category, m.Subcategory, m.AmountInDispute, m.Recovered,
			m.Consumers, m.Facts, m.Request, m.Answer, idArg(m.TakenBy), idArg(m.LinkedID), m.ReasonCode, m.PlatformNo, m.NeedsVisit, source,
			m.Lat, m.Lng, utcPtr(m.AcceptedAt), utcPtr(m.OnSiteDueAt), utcPtr(m.ArrivedAt), m.ArrivedLat, m.ArrivedLng, m.OnSiteKept, m.Satisfaction,
			utcPtr(m.DueAt), m.DueKind,
			utcPtr(m.TerminatedAt), utcPtr(m.NotifiedAt), utcPtr(m.ClueAt), utcPtr(m.ClueDoneAt), utcPtr(m.ExtendedAt), utcPtr(m.RestartedAt),
			idArg(m.MergedInto), utcPtr(m.RepliedAt), utcPtr(m.DisputeAt), utcPtr(m.DisputeDoneAt)}
}

// UpdateMatter writes a changed matter back and bumps its version. It refuses
// (ErrConflict) when someone else changed the matter since it was read.
func (t *Tx) UpdateMatter(ctx context.Context, m *casework.Matter) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE matters SET state = $1, outcome = $2, updated_at = $3, closed_at = $4, version = version + 1,
		consumer_name = $5, consumer_phone = $6, consumer_address = $7, consumer_id_number = $8, merchant_id = $9, merchant_name = $10,
		merchant_address = $11, area_id = $12, area_path = $13, area_text = $14, station_id = $15, assignee_id = $16, level = $17,
		category = $18, subcategory = $19, amount_in_dispute = $20, recovered = $21, consumers = $22, facts = $23, request = $24,
		answer = $25, linked_id = $26, reason_code = $27, platform_no = $28, needs_visit = $29, due_at = $30, due_kind = $31,
		lat = $32, lng = $33, accepted_at = $34, on_site_due_at = $35, arrived_at = $36, arrived_lat = $37, arrived_lng = $38,
		on_site_kept = $39, satisfaction = $40,
		terminated_at = $43, notified_at = $44, clue_at = $45, clue_done_at = $46, extended_at = $47, restarted_at = $48,
		merged_into = $49, replied_at = $50, dispute_at = $51, dispute_done_at = $52
		WHERE id = $41 AND version = $42`,
		m.State, m.Outcome, utc(m.UpdatedAt), utcPtr(m.ClosedAt), m.Consumer.Name, m.Consumer.Phone, m.Consumer.Address, m.Consumer.IDNumber,
		idArg(m.MerchantID), m.MerchantName, m.MerchantAddress, idArg(m.AreaID), m.AreaPath, m.AreaText, idArg(m.StationID), idArg(m.AssigneeID),
		m.Level, m.Category, m.Subcategory, m.AmountInDispute, m.Recovered, m.Consumers, m.Facts, m.Request,
		m.Answer, idArg(m.LinkedID), m.ReasonCode, m.PlatformNo, m.NeedsVisit, utcPtr(m.DueAt), m.DueKind,
		m.Lat, m.Lng, utcPtr(m.AcceptedAt), utcPtr(m.OnSiteDueAt), utcPtr(m.ArrivedAt), m.ArrivedLat, m.ArrivedLng,
		m.OnSiteKept, m.Satisfaction, m.ID, m.Version,
		utcPtr(m.TerminatedAt), utcPtr(m.NotifiedAt), utcPtr(m.ClueAt), utcPtr(m.ClueDoneAt), utcPtr(m.ExtendedAt), utcPtr(m.RestartedAt),
		idArg(m.MergedInto), utcPtr(m.RepliedAt), utcPtr(m.DisputeAt), utcPtr(m.DisputeDoneAt))
	if err != nil {
		return fmt.Errorf("store: update matter %s: %w", m.Number, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update matter %s: %w", m.Number, ErrConflict)
	}
	m.Version++
	return nil
}

// ErrConflict means the row changed since it was read.
var ErrConflict = fault.ErrConflict

func getMatter(ctx context.Context, q querier, where string, arg any, suffix string) (casework.Matter, error) {
	m, err := scanMatter(q.QueryRowContext(ctx, "SELECT "+matterCols+" FROM matters WHERE "+where+suffix, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("store: matter %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("store: matter %v: %w", arg, err)
	}
	return m, nil
}

// MatterByNumber returns a matter by its case number.
func (s *Store) MatterByNumber(ctx context.Context, number string) (casework.Matter, error) {
	return getMatter(ctx, s.r, "number = $1", number, "")
}

// Matter returns a matter by id.
func (s *Store) Matter(ctx context.Context, id int64) (casework.Matter, error) {
	return getMatter(ctx, s.r, "id = $1", id, "")
}

// LockMatter reads a matter for changing it in this transaction.
func (t *Tx) LockMatter(ctx context.Context, number string) (casework.Matter, error) {
	return getMatter(ctx, t.tx, "number = $1", number, t.forUpdate())
}

// LockMatterID reads a matter by id for changing it in this transaction.
func (t *Tx) LockMatterID(ctx context.Context, id int64) (casework.Matter, error) {
	return getMatter(ctx, t.tx, "id = $1", id, t.forUpdate())
}

// MatterBySource finds an imported matter by its source id.
func (t *Tx) MatterBySource(ctx context.Context, source string) (casework.Matter, error) {
	return getMatter(ctx, t.tx, "source_id = $1", source, "")
}

// AppendEvent adds one entry to a matter's timeline.
func (t *Tx) AppendEvent(ctx context.Context, ev *casework.Event) error {
	data := ""
	if len(ev.Data) > 0 {
		b, err := marshalData(ev.Data)
		if err != nil {
			return fmt.Errorf("store: event data: %w", err)
		}
		data = b
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO events (matter_id, at, actor_id, actor_name, action, from_state, to_state, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		ev.MatterID, utc(ev.At), idArg(ev.ActorID), ev.ActorName, ev.Action, ev.From, ev.To, ev.Note, data).Scan(&ev.ID)
	if err != nil {
		return fmt.Errorf("store: append event: %w", err)
	}
	return nil
}

// AppendEventLater appends a timeline entry whose id the caller does not
// need: written before the transaction commits and before any later
// statement of it that names events, perhaps with others in one round trip
// (late.go); a failure is the command's all the same. ev.ID stays 0.
func (t *Tx) AppendEventLater(ctx context.Context, ev casework.Event) error {
	data := ""
	if len(ev.Data) > 0 {
		b, err := marshalData(ev.Data)
		if err != nil {
			return fmt.Errorf("store: event data: %w", err)
		}
		data = b
	}
	return t.later(ctx, "events", func(err error) error { return fmt.Errorf("store: append event: %w", err) },
		`INSERT INTO events (matter_id, at, actor_id, actor_name, action, from_state, to_state, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		ev.MatterID, utc(ev.At), idArg(ev.ActorID), ev.ActorName, ev.Action, ev.From, ev.To, ev.Note, data)
}

// Timeline returns a matter's events in the order they happened.
func (s *Store) Timeline(ctx context.Context, matterID int64) ([]casework.Event, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, matter_id, at, actor_id, actor_name, action, from_state, to_state, note, data
		FROM events WHERE matter_id = $1 ORDER BY id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	defer rows.Close()
	var out []casework.Event
	for rows.Next() {
		var ev casework.Event
		var actor sql.NullInt64
		var data string
		if err := rows.Scan(&ev.ID, &ev.MatterID, &ev.At, &actor, &ev.ActorName, &ev.Action, &ev.From, &ev.To, &ev.Note, &data); err != nil {
			return nil, fmt.Errorf("store: timeline: %w", err)
		}
		ev.At, ev.ActorID = ev.At.UTC(), nullID(actor)
		if data != "" {
			if ev.Data, err = unmarshalData(data); err != nil {
				return nil, fmt.Errorf("store: timeline data: %w", err)
			}
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// Scope limits which matters a viewer may see (R-P4).
type Scope struct {
	All        bool   // admins and the office's own top level
	PathLo     string // area subtree [PathLo, PathHi)
	PathHi     string
	Unplaced   bool   // also matters with no area, for staff at a root area
	MerchantID *int64 // a merchant sees complaints against itself only
	// Court is a judge's court (its station): the judge sees exactly the disputes it
	// delegated and the applications for judicial confirmation filed with it, CourtMatters —
	// nothing else (issue 10 item 8), not even what is dispatched to the court's station.
	Court        *int64
	CourtMatters []int64
}

// MatterFilter narrows a listing of matters.
type MatterFilter struct {
	Scope      Scope
	Numbers    []string // any of these case numbers
	States     []casework.State
	Kind       casework.Kind
	Kinds      []casework.Kind // any of these kinds
	Channel    casework.Channel
	AreaPath   string // this area and below
	StationID  *int64
	AssigneeID *int64
	MerchantID *int64
	Phone      string
	OpenOnly   bool
	From, To   *time.Time // received in [From, To)
	Outcomes   []casework.Outcome
	Category   *casework.Category // nil: any; "": not yet classified
	Unplaced   bool               // no area
	AreaID     *int64             // exactly this area, not the areas below it
	OnSite     string             // on-site promise (R-S1): "promised", "kept" or "arrived"
	Rated      bool               // has a satisfaction rating
	// HotlineRatings: its 12345 work order carries one of these callback ratings
	// ("satisfied", "basically_satisfied", "dissatisfied"; "any" for any rating).
	HotlineRatings []string
	ImportID       *int64 // created by this ledger import
	ByDue          bool   // nearest deadline first (the work queue), else newest first
	Q              string // words found in the case number, names, phone, merchant or facts
	CountUpTo      int    // 0: count every match; else stop counting past this many (see Matters)
	dialect        Dialect
	Limit          int
	Offset         int
	// byOrderIndex reads a list with many matches in its order's index, the
	// scope checked on each entry (see Matters).
	byOrderIndex bool
	// rangeScope: the scope is a range of an area index even on the open
	// queue (its count for a town, matters_open_area).
	rangeScope bool
}

func (f MatterFilter) where() (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	sc := f.Scope
	switch {
	case sc.Court != nil:
		c := arg(*sc.Court)
		conds = append(conds, "id IN (SELECT matter_id FROM court_delegations WHERE court_station_id = "+c+
			" UNION SELECT matter_id FROM confirmations WHERE court_station_id = "+c+")")
	case sc.MerchantID != nil:
		conds = append(conds, "merchant_id = "+arg(*sc.MerchantID), "kind = 'complaint'")
	case sc.All:
	case sc.PathLo != "":
		col, idCol := "area_path", "area_id"
		if (f.openQueue() || f.byOrderIndex) && f.dialect == SQLite && !f.rangeScope {
			col, idCol = "+area_path", "+area_id" // "+": checked on matters_open_due's entries, not a range to sort
		}
		c := "(" + col + " >= " + arg(sc.PathLo) + " AND " + col + " < " + arg(sc.PathHi) + ")"
		if sc.Unplaced {
			c = "(" + c + " OR " + idCol + " IS NULL)"
		}
		conds = append(conds, c)
	default:
		conds = append(conds, "1 = 0")
	}
	in := func(col string, vs []string) {
		ph := make([]string, len(vs))
		for i, v := range vs {
			ph[i] = arg(v)
		}
		conds = append(conds, col+" IN ("+strings.Join(ph, ", ")+")")
	}
	if len(f.Numbers) > 0 {
		in("number", f.Numbers)
	}
	if len(f.States) > 0 {
		in("state", strs(f.States))
	}
	if len(f.Kinds) > 0 {
		in("kind", strs(f.Kinds))
	}
	if f.OpenOnly {
		conds = append(conds, "state <> 'closed'")
	}
	if f.Kind != "" {
		conds = append(conds, "kind = "+arg(string(f.Kind)))
	}
	if f.Channel != "" {
		conds = append(conds, "channel = "+arg(string(f.Channel)))
	}
	if f.AreaPath != "" {
		lo, hi := f.AreaPath, f.AreaPath[:len(f.AreaPath)-1]+"0"
		conds = append(conds, "area_path >= "+arg(lo)+" AND area_path < "+arg(hi))
	}
	if f.StationID != nil {
		conds = append(conds, "station_id = "+arg(*f.StationID))
	}
	if f.AssigneeID != nil {
		conds = append(conds, "assignee_id = "+arg(*f.AssigneeID))
	}
	if f.MerchantID != nil {
		conds = append(conds, "merchant_id = "+arg(*f.MerchantID))
	}
	if f.Phone != "" {
		conds = append(conds, "consumer_phone = "+arg(f.Phone))
	}
	if f.From != nil {
		conds = append(conds, "received_at >= "+arg(utc(*f.From)))
	}
	if f.To != nil {
		conds = append(conds, "received_at < "+arg(utc(*f.To)))
	}
	if f.Q != "" {
		conds = append(conds, searchCond(f.dialect, f.Q, arg)...)
	}
	conds = append(conds, f.reportWhere(arg)...)
	if len(conds) == 0 {
		return "1 = 1", args
	}
	return strings.Join(conds, " AND "), args
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// Matters lists matters newest first (or nearest deadline first, ByDue) with
// the total that match. With CountUpTo the counting stops past that many: a
// total of CountUpTo+1 means "more than CountUpTo", so a list over millions
// of matters never walks them all. A search (Q) on a bounded count is answered
// in two steps, newest entered first: an index finds the ids of a chunk of
// matches, then only those rows are loaded, rechecked and filtered; see
// searchDriver.
func (s *Store) Matters(ctx context.Context, f MatterFilter) ([]casework.Matter, int, error) {
	f.dialect = s.dialect
	switch {
	case f.Limit <= 0:
		f.Limit = 50
	case f.Limit > 1000:
		f.Limit = 1000
	}
	if f.Q != "" && f.CountUpTo > 0 {
		return s.searchMatters(ctx, f)
	}
	countQ, pageQ, args := s.listQueries(f)
	var total int
	if err := s.r.QueryRowContext(ctx, countQ, args[:len(args)-2]...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count matters: %w", err)
	}
	if s.dialect == SQLite && !f.ByDue && f.Scope.PathLo != "" && total > manyMatches {
		// A town's list newest first: SQLite would seek the town's range and
		// sort all of it (5 s at a million). With this many matches the
		// newest-first index fills a page after a few hundred entries.
		f.byOrderIndex = true
		_, pageQ, args = s.listQueries(f)
	}
	rows, err := s.r.QueryContext(ctx, pageQ, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: matters: %w", err)
	}
	defer rows.Close()
	var out []casework.Matter
	for rows.Next() {
		m, err := scanMatter(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: matters: %w", err)
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// manyMatches is where a scoped list stops sorting its matches and walks the
// order's index instead: sorting 2,000 rows costs about what walking the
// index to fill a page of a scope holding 1 matter in 500 does.
const manyMatches = 2000

// openQueue is the work queue's shape: open matters, nearest deadline first.
// It is read from matters_open_due (migration 0010) whatever the scope: the
// open matters are few beside all those stored, and the page is the first
// entries of the index that pass the scope.
func (f MatterFilter) openQueue() bool { return f.OpenOnly && f.ByDue && len(f.States) == 0 }

// listQueries builds the count and the page of a list; the count takes all
// args but the last two (limit and offset).
func (s *Store) listQueries(f MatterFilter) (countQ, pageQ string, args []any) {
	where, args := f.where()
	countQ = "SELECT COUNT(*) FROM matters WHERE " + where
	if f.CountUpTo > 0 {
		order := ""
		if s.dialect == Postgres && !f.openQueue() && (f.AreaPath != "" || f.Scope.PathLo != "" && !f.Scope.Unplaced) {
			// A town's count from its range of the area index: left to
			// itself PostgreSQL reads the table until 10,001 rows pass the
			// town (a tenth of them: 0.3 s at a million).
			order = " ORDER BY area_path"
		}
		countQ = fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE %s%s LIMIT %d) n", where, order, f.CountUpTo+1)
	}
	order := "received_at DESC, id DESC"
	if f.ByDue {
		// SQLite's index cannot hold NULLS LAST; the same order spelt with an
		// expression it can hold (matters_open_due, migration 0010).
		order = "due_at ASC NULLS LAST, received_at DESC, id DESC"
		if s.dialect == SQLite {
			order = "due_at IS NULL, due_at, received_at DESC, id DESC"
		}
		switch {
		case f.CountUpTo > 0 && f.openQueue() && f.Scope.PathLo != "" && !f.Scope.Unplaced:
			// A town's count: its range of the open matters by area
			// (matters_open_area, migration 0015), not every open matter.
			g := f
			g.rangeScope = true
			w, _ := g.where() // the same arguments, the scope without SQLite's "+"
			countQ = fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE %s LIMIT %d) n", w, f.CountUpTo+1)
		case f.CountUpTo > 0 && f.openQueue():
			// The count walks the same index as the page, in its order.
			countQ = fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE %s ORDER BY %s LIMIT %d) n", where, order, f.CountUpTo+1)
		}
	}
	args = append(args, f.Limit, f.Offset)
	pageQ = "SELECT " + matterCols + " FROM matters WHERE " + where +
		fmt.Sprintf(" ORDER BY %s LIMIT $%d OFFSET $%d", order, len(args)-1, len(args))
	return countQ, pageQ, args
}
