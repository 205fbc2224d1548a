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
	err := t.tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, matter_id, deadline_id, station_id, user_id, payload, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
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
}

func (f AlertFilter) where() (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var w string
	if f.Scope.MerchantID != nil {
		w = "o.user_id = " + arg(f.UserID) // merchants see only what is addressed to them
	} else {
		var scope string
		scope, args = MatterFilter{Scope: f.Scope}.where()
		general := "1 = 0" // alerts about no matter: admins and staff at the top of the tree
		if f.Scope.All || f.Scope.Unplaced {
			general = "o.matter_id IS NULL"
		}
		w = "(o.matter_id IN (SELECT id FROM matters WHERE " + scope + ") OR " + general + " OR o.user_id = " + arg(f.UserID) + ")"
	}
	if f.Unread {
		w += " AND o.read_at IS NULL"
	}
	if f.Undelivered {
		w += " AND o.delivered_at IS NULL"
	}
	if f.Kind != "" {
		w += " AND o.kind = " + arg(f.Kind)
	}
	if f.MatterID != nil {
		w += " AND o.matter_id = " + arg(*f.MatterID)
	}
	return w, args
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

// Alerts lists the outbox newest first, with the total that match.
func (s *Store) Alerts(ctx context.Context, f AlertFilter) ([]Alert, int, error) {
	where, args := f.where()
	var total int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM outbox o WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count alerts: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	args = append(args, f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, "SELECT "+alertCols+" FROM outbox o LEFT JOIN matters m ON m.id = o.matter_id WHERE "+where+
		fmt.Sprintf(" ORDER BY o.id DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args)), args...)
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
	where, args := f.where()
	args = append(args, id)
	a, err := scanAlert(s.r.QueryRowContext(ctx, "SELECT "+alertCols+" FROM outbox o LEFT JOIN matters m ON m.id = o.matter_id WHERE "+
		where+fmt.Sprintf(" AND o.id = $%d", len(args)), args...))
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
