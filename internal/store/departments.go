package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/mediation"
)

// The departments' workflow (issue 10): referrals with a due date and their answers, joint
// meetings and their decisions, and the R-L44 notices to real-name reporters.

// ReferralFlow is where a referral stands: open until answered.
type ReferralFlow struct {
	ReferralID int64          `json:"referral_id"`
	MatterID   int64          `json:"matter_id"`
	Open       bool           `json:"open"`
	DueDate    *calendar.Date `json:"due_date,omitempty"`
	AnsweredAt *time.Time     `json:"answered_at,omitempty"`
}

// InsertReferralFlow starts tracking a referral made in the same transaction.
func (t *Tx) InsertReferralFlow(ctx context.Context, r mediation.Referral) error {
	due := ""
	if r.DueDate != nil {
		due = r.DueDate.String()
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO referral_flow (referral_id, matter_id, open, due_date) VALUES ($1, $2, $3, $4)",
		r.ID, r.MatterID, r.Direction == mediation.Outgoing, due)
	if err != nil {
		return fmt.Errorf("store: referral flow: %w", err)
	}
	return nil
}

// LockReferral reads one referral of a matter for an answer.
func (t *Tx) LockReferral(ctx context.Context, matterID, id int64) (mediation.Referral, error) {
	var r mediation.Referral
	var data string
	err := t.tx.QueryRowContext(ctx, "SELECT data FROM referrals WHERE id = $1 AND matter_id = $2", id, matterID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: referral %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: referral: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return r, fmt.Errorf("store: referral: %w", err)
	}
	r.ID = id
	return r, nil
}

// AnswerReferral keeps a referral's answer and closes its clock.
func (t *Tx) AnswerReferral(ctx context.Context, r mediation.Referral, by *int64) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store: referral answer: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, "UPDATE referrals SET answered_at = $1, data = $2 WHERE id = $3", utc(r.Answer.At), string(b), r.ID); err != nil {
		return fmt.Errorf("store: referral answer: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, "UPDATE referral_flow SET open = FALSE, answered_at = $1, answered_by = $2 WHERE referral_id = $3", utc(r.Answer.At), idArg(by), r.ID)
	if err != nil {
		return fmt.Errorf("store: referral answer: %w", err)
	}
	return nil
}

// OpenReferrals lists a matter's outgoing referrals still waiting for an answer.
func (t *Tx) OpenReferrals(ctx context.Context, matterID int64) ([]ReferralFlow, error) {
	rows, err := t.tx.QueryContext(ctx, "SELECT referral_id, due_date FROM referral_flow WHERE matter_id = $1 AND open ORDER BY referral_id", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: open referrals: %w", err)
	}
	defer rows.Close()
	var out []ReferralFlow
	for rows.Next() {
		f := ReferralFlow{MatterID: matterID, Open: true}
		var due string
		if err := rows.Scan(&f.ReferralID, &due); err != nil {
			return nil, fmt.Errorf("store: open referrals: %w", err)
		}
		if due != "" {
			d, err := calendar.ParseDate(due)
			if err != nil {
				return nil, err
			}
			f.DueDate = &d
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// InsertMeeting records a joint meeting with its decisions.
func (t *Tx) InsertMeeting(ctx context.Context, m *court.Meeting, by *int64) error {
	b, err := json.Marshal(struct {
		Place       string   `json:"place,omitempty"`
		Departments []string `json:"departments"`
		Matters     []string `json:"matters,omitempty"`
		Minutes     string   `json:"minutes"`
	}{m.Place, m.Departments, m.Matters, m.Minutes})
	if err != nil {
		return fmt.Errorf("store: meeting: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, "INSERT INTO joint_meetings (area_id, held_on, title, data, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		idArg(m.AreaID), m.HeldOn.String(), m.Title, string(b), utc(m.CreatedAt), idArg(by)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: meeting: %w", err)
	}
	for i := range m.Decisions {
		d := &m.Decisions[i]
		d.MeetingID = m.ID
		err := t.tx.QueryRowContext(ctx, "INSERT INTO meeting_decisions (meeting_id, matter_id, text, owner, due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
			m.ID, idArg(d.MatterID), d.Text, d.Owner, d.DueOn.String()).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("store: meeting decision: %w", err)
		}
	}
	return nil
}

// DoneMeetingDecision marks a decision carried out; false when it was already.
func (t *Tx) DoneMeetingDecision(ctx context.Context, meetingID, id int64, note string, at time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, "UPDATE meeting_decisions SET done_at = $1, done_note = $2 WHERE id = $3 AND meeting_id = $4 AND done_at IS NULL",
		utc(at), note, id, meetingID)
	if err != nil {
		return false, fmt.Errorf("store: meeting decision: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func meetingDecisions(ctx context.Context, q querier, where string, args ...any) ([]court.MeetingDecision, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.meeting_id, d.matter_id, COALESCE(m.number, ''), d.text, d.owner, d.due_on, d.done_at, d.done_note
		FROM meeting_decisions d LEFT JOIN matters m ON m.id = d.matter_id WHERE `+where+" ORDER BY d.id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: meeting decisions: %w", err)
	}
	defer rows.Close()
	var out []court.MeetingDecision
	for rows.Next() {
		var d court.MeetingDecision
		var matter sql.NullInt64
		var done sql.NullTime
		var due string
		if err := rows.Scan(&d.ID, &d.MeetingID, &matter, &d.Number, &d.Text, &d.Owner, &due, &done, &d.DoneNote); err != nil {
			return nil, fmt.Errorf("store: meeting decisions: %w", err)
		}
		if d.DueOn, err = calendar.ParseDate(due); err != nil {
			return nil, err
		}
		d.MatterID, d.DoneAt = nullID(matter), nullTime(done)
		out = append(out, d)
	}
	return out, rows.Err()
}

// OpenMeetingDecisions lists the decisions on a matter not carried out yet.
func (t *Tx) OpenMeetingDecisions(ctx context.Context, matterID int64) ([]court.MeetingDecision, error) {
	return meetingDecisions(ctx, t.tx, "d.matter_id = $1 AND d.done_at IS NULL", matterID)
}

// MeetingDecision reads one decision in the transaction.
func (t *Tx) MeetingDecision(ctx context.Context, meetingID, id int64) (court.MeetingDecision, error) {
	list, err := meetingDecisions(ctx, t.tx, "d.id = $1 AND d.meeting_id = $2", id, meetingID)
	if err != nil {
		return court.MeetingDecision{}, err
	}
	if len(list) == 0 {
		return court.MeetingDecision{}, fmt.Errorf("store: meeting decision %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

func meetings(ctx context.Context, q querier, where string, args ...any) ([]court.Meeting, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, area_id, held_on, title, data, created_at FROM joint_meetings WHERE "+where+" ORDER BY held_on DESC, id DESC LIMIT 200", args...)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	var out []court.Meeting
	for rows.Next() {
		var m court.Meeting
		var area sql.NullInt64
		var held, data string
		if err := rows.Scan(&m.ID, &area, &held, &m.Title, &data, &m.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		if m.HeldOn, err = calendar.ParseDate(held); err != nil {
			rows.Close()
			return nil, err
		}
		m.AreaID, m.CreatedAt = nullID(area), m.CreatedAt.UTC()
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		var err error
		if out[i].Decisions, err = meetingDecisions(ctx, q, "d.meeting_id = $1", out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Meetings lists the joint meetings, the latest first.
func (s *Store) Meetings(ctx context.Context) ([]court.Meeting, error) {
	return meetings(ctx, s.r, "1 = 1")
}

// Meeting reads one joint meeting with its decisions.
func (s *Store) Meeting(ctx context.Context, id int64) (court.Meeting, error) {
	list, err := meetings(ctx, s.r, "id = $1", id)
	if err != nil {
		return court.Meeting{}, err
	}
	if len(list) == 0 {
		return court.Meeting{}, fmt.Errorf("store: meeting %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// InsertReporterNotice records that the reporter was told of the filing decision (R-L44).
func (t *Tx) InsertReporterNotice(ctx context.Context, matterID int64, messageID *int64, by *int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO reporter_notices (matter_id, sent_at, message_id, sent_by) VALUES ($1, $2, $3, $4)", matterID, utc(at), idArg(messageID), idArg(by))
	if isUnique(err) {
		return fmt.Errorf("store: reporter notice: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: reporter notice: %w", err)
	}
	return nil
}

// ReporterNoticeSent says when the reporter was told of the filing decision; nil when not yet.
func (t *Tx) ReporterNoticeSent(ctx context.Context, matterID int64) (*time.Time, error) {
	var at time.Time
	err := t.tx.QueryRowContext(ctx, "SELECT sent_at FROM reporter_notices WHERE matter_id = $1", matterID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: reporter notice: %w", err)
	}
	at = at.UTC()
	return &at, nil
}

// LastEventAt is when the matter's timeline last recorded one of the actions; nil when never.
func (t *Tx) LastEventAt(ctx context.Context, matterID int64, actions ...casework.Action) (*time.Time, error) {
	var out *time.Time
	for _, a := range actions {
		var at sql.NullTime
		err := t.tx.QueryRowContext(ctx, "SELECT at FROM events WHERE matter_id = $1 AND action = $2 ORDER BY at DESC LIMIT 1", matterID, string(a)).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: last event: %w", err)
		}
		if at.Valid && (out == nil || at.Time.After(*out)) {
			v := at.Time.UTC()
			out = &v
		}
	}
	return out, nil
}
