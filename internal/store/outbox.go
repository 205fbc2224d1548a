package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"weiquan/internal/notify"
)

// Alert is one entry of the outbox (notify.Alert).
type Alert = notify.Alert

// AddAlert puts an alert in the outbox, in the transaction of the change it tells about.
func (t *Tx) AddAlert(ctx context.Context, a *Alert) error {
	payload := ""
	if len(a.Payload) > 0 {
		b, err := marshalData(a.Payload)
		if err != nil {
			return fmt.Errorf("store: alert payload: %w", err)
		}
		payload = b
	}
	// The alert carries its matter's place, which the staff's reads take its
	// scope from (migration 0086; outbox_follow_matter keeps it).
	err := t.tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, matter_id, deadline_id, station_id, user_id, payload, created_at, area_path, area_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE((SELECT area_path FROM matters WHERE id = $2), ''),
			(SELECT area_id FROM matters WHERE id = $2)) RETURNING id`,
		a.Kind, idArg(a.MatterID), idArg(a.DeadlineID), idArg(a.StationID), idArg(a.UserID), payload, utc(a.CreatedAt)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: add alert: %w", err)
	}
	return nil
}

func unreadAlertExists(ctx context.Context, q querier, kind string, payload map[string]any) (bool, error) {
	b, err := marshalData(payload)
	if err != nil {
		return false, err
	}
	var one int
	err = q.QueryRowContext(ctx, "SELECT 1 FROM outbox WHERE kind = $1 AND payload = $2 AND read_at IS NULL LIMIT 1", kind, b).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: alert exists: %w", err)
	}
	return true, nil
}

// UnreadAlertExists reports whether an alert of this kind and payload still waits to be
// read, so standing conditions (a missing calendar year) are announced once.
func (t *Tx) UnreadAlertExists(ctx context.Context, kind string, payload map[string]any) (bool, error) {
	return unreadAlertExists(ctx, t.tx, kind, payload)
}

// UnreadAlertExists is the same check outside a transaction, to avoid opening one for nothing.
func (s *Store) UnreadAlertExists(ctx context.Context, kind string, payload map[string]any) (bool, error) {
	return unreadAlertExists(ctx, s.r, kind, payload)
}

// AlertFilter narrows the outbox to what a user may see.
type AlertFilter struct {
	Scope       Scope
	UserID      int64 // alerts addressed to this user are always visible to them
	Unread      bool
	Undelivered bool
	Kind        string
	MatterID    *int64
	Limit       int
	Offset      int
	// CountUpTo: 0 counts every match; else the counting stops past this many
	// and a total of CountUpTo+1 means "more than CountUpTo" (the alerts page
	// and the badge of a province's office).
	CountUpTo int
}

// sortedAlerts is the most alerts of a town's or a village's range (with
// those addressed to the user) that its page is sorted from: past it the
// page walks the outbox newest first and checks each alert's place, where
// the first page is found after at most (all alerts ÷ sortedAlerts) × the
// page's entries. (A variable for the tests only.)
var sortedAlerts = 5000

// alertShape is how a scope is read off the alerts' own place (migration
// 0086): the whole outbox; a root area with the unplaced matters and the
// alerts of no matter; an area's range; only what is addressed to the user
// (a merchant, or staff with no area); a court's matters, through the matters.
type alertShape int

const (
	alertsAll alertShape = iota
	alertsWide
	alertsRange
	alertsOfUser
	alertsOfCourt
)

func (f AlertFilter) shape() alertShape {
	sc := f.Scope
	switch {
	case sc.MerchantID != nil: // merchants see only what is addressed to them
		return alertsOfUser
	case sc.Court != nil:
		return alertsOfCourt
	case sc.All:
		return alertsAll
	case sc.PathLo != "" && sc.Unplaced:
		return alertsWide
	case sc.PathLo != "":
		return alertsRange
	}
	return alertsOfUser
}

// alertQuery builds the statements of one read of the outbox.
type alertQuery struct {
	f    AlertFilter
	d    Dialect
	args []any
}

func (q *alertQuery) arg(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

// scope is who may see an alert, on the alert's own columns ("" for
// everyone): its matter's place as the alert carries it, the alerts of no
// matter (no area path, no area) for the whole office and a root area, and always
// those addressed to the user.
func (q *alertQuery) scope() string {
	sc := q.f.Scope
	switch q.f.shape() {
	case alertsAll:
		return ""
	case alertsOfCourt:
		where, args := MatterFilter{Scope: sc}.where()
		where = renumber(where, len(q.args))
		q.args = append(q.args, args...)
		return "(o.matter_id IN (SELECT id FROM matters WHERE " + where + ") OR o.user_id = " + q.arg(q.f.UserID) + ")"
	case alertsOfUser:
		return "o.user_id = " + q.arg(q.f.UserID)
	}
	c := "o.area_path >= " + q.arg(sc.PathLo) + " AND o.area_path < " + q.arg(sc.PathHi)
	if sc.Unplaced {
		c += " OR o.area_id IS NULL" // an unplaced matter's alerts and those of no matter
	}
	return "(" + c + " OR o.user_id = " + q.arg(q.f.UserID) + ")"
}

// filters are the conditions beside the scope, each beginning with " AND ".
func (q *alertQuery) filters() string {
	var w string
	if q.f.Unread {
		w += " AND o.read_at IS NULL"
	}
	if q.f.Undelivered {
		w += " AND o.delivered_at IS NULL"
	}
	if q.f.Kind != "" {
		w += " AND o.kind = " + q.arg(q.f.Kind)
	}
	if q.f.MatterID != nil {
		w += " AND o.matter_id = " + q.arg(*q.f.MatterID)
	}
	return w
}

// where is the scope and the filters.
func (q *alertQuery) where() string {
	sc, fs := q.scope(), q.filters()
	if sc == "" {
		return "1 = 1" + fs
	}
	return sc + fs
}

// indexed names the index SQLite must read (or NOT INDEXED: the table in
// its id order); PostgreSQL chooses by its statistics.
func (q *alertQuery) indexed(index string) string {
	if q.d != SQLite {
		return ""
	}
	if index == "" {
		return " NOT INDEXED"
	}
	return " INDEXED BY " + index
}

// rangeParts are a range scope's alerts as two disjoint lists of ids: those
// of its area's range, and those addressed to the user outside it.
func (q *alertQuery) rangeParts() (inRange, toUser string) {
	sc := q.f.Scope
	lo, hi := q.arg(sc.PathLo), q.arg(sc.PathHi)
	place := "outbox_place"
	if q.f.Unread {
		place = "outbox_unread_place"
	}
	inRange = "SELECT o.id FROM outbox o" + q.indexed(place) + " WHERE o.area_path >= " + lo + " AND o.area_path < " + hi + q.filters()
	toUser = "SELECT o.id FROM outbox o" + q.indexed("outbox_user") + " WHERE o.user_id = " + q.arg(q.f.UserID) +
		" AND NOT (o.area_path >= " + lo + " AND o.area_path < " + hi + ")" + q.filters()
	return inRange, toUser
}

// walkIndex is the index a page or a count walks newest first on SQLite.
func (q *alertQuery) walkIndex() string {
	switch {
	case q.f.shape() == alertsOfUser:
		return "outbox_user"
	case q.f.Unread:
		return "outbox_unread"
	}
	return ""
}

// alertTrace sees each statement of the alerts before it runs (the plan test
// reads their plans; nothing otherwise).
var alertTrace = func(part, q string, args []any) {}

// countAlerts counts what f lets through, past f.CountUpTo no further; it
// returns the count and whether the scope's page is sorted from its range.
//
// A town's or a village's alerts are its range of outbox_place (or of
// outbox_unread_place) and those addressed to the user outside it, each
// counted up to the bound; a wide scope's count is a walk of the outbox (of
// outbox_unread) that stops at the bound; what is addressed to the user alone
// is their range of outbox_user.
func (s *Store) countAlerts(ctx context.Context, f AlertFilter) (int, bool, error) {
	q := &alertQuery{f: f, d: s.dialect}
	limit := ""
	if f.CountUpTo > 0 {
		limit = fmt.Sprintf(" LIMIT %d", f.CountUpTo+1)
	}
	var stmt string
	if f.shape() == alertsRange {
		inRange, toUser := q.rangeParts()
		stmt = "SELECT (SELECT COUNT(*) FROM (" + inRange + limit + ") r) + (SELECT COUNT(*) FROM (" + toUser + limit + ") u)"
	} else {
		index := ""
		if f.shape() != alertsOfCourt {
			index = q.indexed(q.walkIndex())
			if index == " NOT INDEXED" {
				index = "" // a count reads the smallest index that answers it
			}
		}
		stmt = "SELECT COUNT(*) FROM (SELECT 1 FROM outbox o" + index + " WHERE " + q.where() + limit + ") n"
	}
	alertTrace("count", stmt, q.args)
	var n int
	if err := s.r.QueryRowContext(ctx, stmt, q.args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("store: count alerts: %w", err)
	}
	if f.CountUpTo > 0 {
		n = min(n, f.CountUpTo+1)
	}
	sorted := f.shape() == alertsRange && n <= sortedAlerts && (f.CountUpTo == 0 || n <= f.CountUpTo)
	return n, sorted, nil
}

const alertCols = `o.id, o.kind, o.matter_id, COALESCE(m.number, ''), o.deadline_id, o.station_id, o.user_id, o.payload,
	o.created_at, o.read_at, o.read_by, o.delivered_at`

func scanAlert(row interface{ Scan(...any) error }) (Alert, error) {
	var a Alert
	var matter, dl, station, user, readBy sql.NullInt64
	var read, delivered sql.NullTime
	var payload string
	err := row.Scan(&a.ID, &a.Kind, &matter, &a.Number, &dl, &station, &user, &payload, &a.CreatedAt, &read, &readBy, &delivered)
	if err != nil {
		return a, err
	}
	a.MatterID, a.DeadlineID, a.StationID, a.UserID, a.ReadBy = nullID(matter), nullID(dl), nullID(station), nullID(user), nullID(readBy)
	a.CreatedAt, a.ReadAt, a.DeliveredAt = a.CreatedAt.UTC(), nullTime(read), nullTime(delivered)
	if payload != "" {
		if a.Payload, err = unmarshalData(payload); err != nil {
			return a, err
		}
	}
	return a, nil
}

// Alerts lists the outbox newest first, with the total that match (bounded by
// f.CountUpTo).
//
// The scope is read off the alerts' own copy of their matter's place
// (migration 0086), so neither the count nor the page look at the matters of
// the scope: a town's or a village's page is sorted from its range when it
// holds at most sortedAlerts, any other page is the first alerts newest first
// that pass the scope. Courts see their own matters' alerts, read through
// the matters.
func (s *Store) Alerts(ctx context.Context, f AlertFilter) ([]Alert, int, error) {
	total, sorted, err := s.countAlerts(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if total == 0 {
		return nil, 0, nil
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	q := &alertQuery{f: f, d: s.dialect}
	var stmt string
	if sorted {
		// The range's ids sorted, then the page's alerts fetched by key.
		inRange, toUser := q.rangeParts()
		stmt = "SELECT " + alertCols + " FROM (SELECT id FROM (" + inRange + " UNION ALL " + toUser + ") r ORDER BY id DESC LIMIT " +
			q.arg(f.Limit) + " OFFSET " + q.arg(f.Offset) + ") x JOIN outbox o ON o.id = x.id LEFT JOIN matters m ON m.id = o.matter_id ORDER BY o.id DESC"
	} else {
		index := ""
		if f.shape() != alertsOfCourt {
			index = q.indexed(q.walkIndex())
		}
		stmt = "SELECT " + alertCols + " FROM outbox o" + index + " LEFT JOIN matters m ON m.id = o.matter_id WHERE " + q.where() +
			" ORDER BY o.id DESC LIMIT " + q.arg(f.Limit) + " OFFSET " + q.arg(f.Offset)
	}
	alertTrace("page", stmt, q.args)
	rows, err := s.r.QueryContext(ctx, stmt, q.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: alerts: %w", err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// Alert returns one alert if the filter lets its user see it.
func (s *Store) Alert(ctx context.Context, id int64, f AlertFilter) (Alert, error) {
	q := &alertQuery{f: f, d: s.dialect}
	where := q.where()
	a, err := scanAlert(s.r.QueryRowContext(ctx, "SELECT "+alertCols+" FROM outbox o LEFT JOIN matters m ON m.id = o.matter_id WHERE "+
		where+" AND o.id = "+q.arg(id), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: alert %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("store: alert %d: %w", id, err)
	}
	return a, nil
}

// MarkAlertRead records who read an alert first; reading again changes nothing.
func (t *Tx) MarkAlertRead(ctx context.Context, id, by int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE outbox SET read_at = $1, read_by = $2 WHERE id = $3 AND read_at IS NULL", utc(at), by, id)
	if err != nil {
		return fmt.Errorf("store: read alert %d: %w", id, err)
	}
	return nil
}

// MarkAlertDelivered records that a sender (SMS, phone, the 12345 link) delivered an alert.
func (t *Tx) MarkAlertDelivered(ctx context.Context, id int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE outbox SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL", utc(at), id)
	if err != nil {
		return fmt.Errorf("store: deliver alert %d: %w", id, err)
	}
	return nil
}
