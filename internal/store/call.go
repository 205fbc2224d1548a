package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/desk"
)

const callCols = `c.id, c.call_id, c.caller, c.extension, c.state, c.rang_at, c.answered_at, c.ended_at, c.recording_ref, c.matter_id, COALESCE(m.number, '')`

func scanCall(row interface{ Scan(...any) error }) (desk.Call, error) {
	var c desk.Call
	var ans, end sql.NullTime
	var matter sql.NullInt64
	err := row.Scan(&c.ID, &c.CallID, &c.Caller, &c.Extension, &c.State, &c.RangAt, &ans, &end, &c.RecordingRef, &matter, &c.MatterNumber)
	if err != nil {
		return c, err
	}
	c.RangAt, c.AnsweredAt, c.EndedAt, c.MatterID = c.RangAt.UTC(), nullTime(ans), nullTime(end), nullID(matter)
	return c, nil
}

// RecordCall keeps what the telephony part says of a call: a ringing call is added once
// (a repeated INVITE changes nothing), an answer or hang-up sets its time; the call as it
// stands is returned. A call never heard ringing is added by its first event.
func (t *Tx) RecordCall(ctx context.Context, e desk.Event) (desk.Call, error) {
	at := utc(e.At)
	_, err := t.tx.ExecContext(ctx, `INSERT INTO calls (call_id, caller, extension, state, rang_at, recording_ref) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (call_id) DO NOTHING`, e.CallID, e.Caller, e.Extension, string(desk.Ringing), at, e.RecordingRef)
	if err != nil {
		return desk.Call{}, fmt.Errorf("store: record call: %w", err)
	}
	switch e.State {
	case desk.Answered:
		_, err = t.tx.ExecContext(ctx, `UPDATE calls SET state = $1, answered_at = COALESCE(answered_at, $2) WHERE call_id = $3 AND ended_at IS NULL`,
			string(desk.Answered), at, e.CallID)
	case desk.Ended:
		_, err = t.tx.ExecContext(ctx, `UPDATE calls SET state = $1, ended_at = COALESCE(ended_at, $2) WHERE call_id = $3`, string(desk.Ended), at, e.CallID)
	}
	if err == nil && e.RecordingRef != "" {
		_, err = t.tx.ExecContext(ctx, `UPDATE calls SET recording_ref = $1 WHERE call_id = $2`, e.RecordingRef, e.CallID)
	}
	if err != nil {
		return desk.Call{}, fmt.Errorf("store: record call: %w", err)
	}
	return t.Call(ctx, e.CallID)
}

// Call reads a call inside a transaction.
func (t *Tx) Call(ctx context.Context, callID string) (desk.Call, error) {
	return findCall(t.tx.QueryRowContext(ctx, "SELECT "+callCols+" FROM calls c LEFT JOIN matters m ON m.id = c.matter_id WHERE c.call_id = $1", callID), callID)
}

// Call reads a call by the telephony part's id.
func (s *Store) Call(ctx context.Context, callID string) (desk.Call, error) {
	return findCall(s.r.QueryRowContext(ctx, "SELECT "+callCols+" FROM calls c LEFT JOIN matters m ON m.id = c.matter_id WHERE c.call_id = $1", callID), callID)
}

func findCall(row *sql.Row, callID string) (desk.Call, error) {
	c, err := scanCall(row)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: call %s: %w", callID, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: call: %w", err)
	}
	return c, nil
}

// TakeCall links a call to the matter taken from it; a call becomes one matter only.
func (t *Tx) TakeCall(ctx context.Context, callID string, matterID int64) error {
	res, err := t.tx.ExecContext(ctx, "UPDATE calls SET matter_id = $1 WHERE call_id = $2 AND matter_id IS NULL", matterID, callID)
	if err != nil {
		return fmt.Errorf("store: take call: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: take call %s: %w", callID, ErrConflict)
	}
	return nil
}

// MattersOfPhone lists the matters of a consumer's phone, newest first, at most limit.
func (s *Store) MattersOfPhone(ctx context.Context, phone string, limit int) ([]casework.Matter, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+matterCols+" FROM matters WHERE consumer_phone = $1 ORDER BY received_at DESC, id DESC LIMIT $2", phone, limit)
	if err != nil {
		return nil, fmt.Errorf("store: matters of a phone: %w", err)
	}
	defer rows.Close()
	var out []casework.Matter
	for rows.Next() {
		m, err := scanMatter(rows)
		if err != nil {
			return nil, fmt.Errorf("store: matters of a phone: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// RingingCalls lists the calls still ringing that rang since a time, newest first.
func (s *Store) RingingCalls(ctx context.Context, since time.Time) ([]desk.Call, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+callCols+" FROM calls c LEFT JOIN matters m ON m.id = c.matter_id WHERE c.state = $1 AND c.rang_at >= $2 ORDER BY c.rang_at DESC LIMIT 5",
		string(desk.Ringing), utc(since))
	if err != nil {
		return nil, fmt.Errorf("store: ringing calls: %w", err)
	}
	defer rows.Close()
	var out []desk.Call
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, fmt.Errorf("store: ringing calls: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
