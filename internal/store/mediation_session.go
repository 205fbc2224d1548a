package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"weiquan/internal/mediation"
)

// SessionNotice is a notice of a session sent to one party (R-L15), with the outbox message
// that carries it.
type SessionNotice struct {
	mediation.Notice
	MessageID *int64 `json:"message_id,omitempty"`
}

// InsertSession schedules a mediation session.
func (t *Tx) InsertSession(ctx context.Context, s *mediation.Session, by *int64, at time.Time) error {
	meds, _ := json.Marshal(s.Mediators)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO mediation_sessions (matter_id, at, mode, place, meeting_link, mediators, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		s.MatterID, utc(s.At), s.Mode, s.Place, s.MeetingLink, string(meds), idArg(by), utc(at)).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("store: session: %w", err)
	}
	return nil
}

// UpdateSession stores a session's mediators and, once held, its minutes.
func (t *Tx) UpdateSession(ctx context.Context, s mediation.Session) error {
	meds, _ := json.Marshal(s.Mediators)
	present := ""
	if len(s.Present) > 0 {
		b, _ := json.Marshal(s.Present)
		present = string(b)
	}
	_, err := t.tx.ExecContext(ctx, "UPDATE mediation_sessions SET mediators = $1, held_at = $2, minutes = $3, present = $4 WHERE id = $5",
		string(meds), utcPtr(s.HeldAt), s.Minutes, present, s.ID)
	if err != nil {
		return fmt.Errorf("store: session: %w", err)
	}
	return nil
}

func sessionsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Session, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, matter_id, at, mode, place, meeting_link, mediators, held_at, minutes, present
		FROM mediation_sessions WHERE matter_id = $1 ORDER BY at, id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []mediation.Session
	for rows.Next() {
		var s mediation.Session
		var meds, present string
		var held sql.NullTime
		if err := rows.Scan(&s.ID, &s.MatterID, &s.At, &s.Mode, &s.Place, &s.MeetingLink, &meds, &held, &s.Minutes, &present); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		s.At, s.HeldAt = s.At.UTC(), nullTime(held)
		if err := json.Unmarshal([]byte(meds), &s.Mediators); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		if present != "" {
			if err := json.Unmarshal([]byte(present), &s.Present); err != nil {
				return nil, fmt.Errorf("store: sessions: %w", err)
			}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Sessions lists a matter's sessions by date.
func (s *Store) Sessions(ctx context.Context, matterID int64) ([]mediation.Session, error) {
	return sessionsOf(ctx, s.r, matterID)
}

// Sessions lists a matter's sessions in the transaction.
func (t *Tx) Sessions(ctx context.Context, matterID int64) ([]mediation.Session, error) {
	return sessionsOf(ctx, t.tx, matterID)
}

// InsertSessionNotice records that a party was told of a session.
func (t *Tx) InsertSessionNotice(ctx context.Context, n SessionNotice) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO session_notices (session_id, side, channel, sent_at, body, message_id) VALUES ($1, $2, $3, $4, $5, $6)`,
		n.SessionID, n.Side, n.Channel, utc(n.SentAt), n.Text, idArg(n.MessageID))
	if err != nil {
		return fmt.Errorf("store: session notice: %w", err)
	}
	return nil
}

func sessionNoticesOf(ctx context.Context, q querier, matterID int64) ([]SessionNotice, error) {
	rows, err := q.QueryContext(ctx, `SELECT n.session_id, n.side, n.channel, n.sent_at, n.body, n.message_id FROM session_notices n
		JOIN mediation_sessions s ON s.id = n.session_id WHERE s.matter_id = $1 ORDER BY n.id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: session notices: %w", err)
	}
	defer rows.Close()
	var out []SessionNotice
	for rows.Next() {
		var n SessionNotice
		var msg sql.NullInt64
		if err := rows.Scan(&n.SessionID, &n.Side, &n.Channel, &n.SentAt, &n.Text, &msg); err != nil {
			return nil, fmt.Errorf("store: session notices: %w", err)
		}
		n.SentAt, n.MessageID = n.SentAt.UTC(), nullID(msg)
		out = append(out, n)
	}
	return out, rows.Err()
}

// SessionNotices lists the notices of a matter's sessions.
func (s *Store) SessionNotices(ctx context.Context, matterID int64) ([]SessionNotice, error) {
	return sessionNoticesOf(ctx, s.r, matterID)
}

// SessionNotices lists the notices of a matter's sessions in the transaction.
func (t *Tx) SessionNotices(ctx context.Context, matterID int64) ([]SessionNotice, error) {
	return sessionNoticesOf(ctx, t.tx, matterID)
}
