package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/court"
)

// The court's records (issue 10): delegations with their extensions and appraisals,
// applications for judicial confirmation, transfers to filing. Writes on Tx.

func dateArg(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDate(s string) (calendar.Date, error) {
	if s == "" {
		return calendar.Date{}, nil
	}
	return calendar.ParseDate(s)
}

// InsertCourtDelegation records a dispute the court delegated.
func (t *Tx) InsertCourtDelegation(ctx context.Context, d *court.Delegation, by *int64) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("store: court delegation: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO court_delegations (matter_id, court_station_id, court_name, court_ref, judge_name, judge_id,
		stage, delegated_on, accept_due, data, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		d.MatterID, idArg(d.CourtStationID), d.CourtName, d.CourtRef, d.JudgeName, idArg(d.JudgeID), d.Stage, dateArg(d.DelegatedOn),
		dateArg(d.AcceptDue), string(b), utc(d.CreatedAt), idArg(by)).Scan(&d.ID)
	if isUnique(err) {
		return fmt.Errorf("store: court delegation: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: court delegation: %w", err)
	}
	return nil
}

// UpdateCourtDelegation keeps the delegation's decision, result and case number.
func (t *Tx) UpdateCourtDelegation(ctx context.Context, d court.Delegation) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("store: court delegation: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, `UPDATE court_delegations SET decision = $1, decided_on = $2, late = $3, confirmed_on = $4, result = $5,
		result_at = $6, result_doc_id = $7, data = $8 WHERE id = $9`,
		d.Decision, dateArg(d.DecidedOn), d.Late, dateArg(d.ConfirmedOn), d.Result, utcPtr(d.ResultAt), idArg(d.ResultDocID), string(b), d.ID)
	if err != nil {
		return fmt.Errorf("store: court delegation: %w", err)
	}
	return nil
}

// InsertCourtExtension records an extension every party consented to (R-L33).
func (t *Tx) InsertCourtExtension(ctx context.Context, delegationID int64, e court.Extension, reason string, at time.Time, by *int64) error {
	b, _ := json.Marshal(e.Consents)
	_, err := t.tx.ExecContext(ctx, `INSERT INTO court_extensions (delegation_id, days, consents, reason, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
		delegationID, e.Days, string(b), reason, utc(at), idArg(by))
	if err != nil {
		return fmt.Errorf("store: court extension: %w", err)
	}
	return nil
}

// InsertCourtAppraisal starts an appraisal that stops the period (R-L33).
func (t *Tx) InsertCourtAppraisal(ctx context.Context, delegationID int64, from calendar.Date, what string) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO court_appraisals (delegation_id, from_on, what) VALUES ($1, $2, $3)`, delegationID, from.String(), what)
	if err != nil {
		return fmt.Errorf("store: court appraisal: %w", err)
	}
	return nil
}

// EndCourtAppraisal ends the appraisal under way; false when none is.
func (t *Tx) EndCourtAppraisal(ctx context.Context, delegationID int64, to calendar.Date) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE court_appraisals SET to_on = $1 WHERE delegation_id = $2 AND to_on = ''`, to.String(), delegationID)
	if err != nil {
		return false, fmt.Errorf("store: court appraisal: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

const delegationCols = `d.id, d.matter_id, m.number, d.court_station_id, d.court_name, d.court_ref, d.judge_name, d.judge_id, d.stage,
	d.delegated_on, d.accept_due, d.decision, d.decided_on, d.late, d.confirmed_on, d.result, d.result_at, d.result_doc_id, d.data, d.created_at`

func courtDelegations(ctx context.Context, q querier, where string, args ...any) ([]court.Delegation, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+delegationCols+" FROM court_delegations d JOIN matters m ON m.id = d.matter_id WHERE "+where+" ORDER BY d.id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: court delegations: %w", err)
	}
	var out []court.Delegation
	for rows.Next() {
		var d court.Delegation
		var station, judge, doc sql.NullInt64
		var resultAt sql.NullTime
		var delegated, due, decided, confirmed, data string
		if err := rows.Scan(&d.ID, &d.MatterID, &d.Number, &station, &d.CourtName, &d.CourtRef, &d.JudgeName, &judge, &d.Stage,
			&delegated, &due, &d.Decision, &decided, &d.Late, &confirmed, &d.Result, &resultAt, &doc, &data, &d.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: court delegations: %w", err)
		}
		var extra court.Delegation
		if err := json.Unmarshal([]byte(data), &extra); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: court delegations: %w", err)
		}
		d.DeclineReason, d.ResultNote = extra.DeclineReason, extra.ResultNote
		d.CourtStationID, d.JudgeID, d.ResultDocID, d.ResultAt = nullID(station), nullID(judge), nullID(doc), nullTime(resultAt)
		d.CreatedAt = d.CreatedAt.UTC()
		for _, p := range []struct {
			s string
			d *calendar.Date
		}{{delegated, &d.DelegatedOn}, {due, &d.AcceptDue}, {decided, &d.DecidedOn}, {confirmed, &d.ConfirmedOn}} {
			if *p.d, err = parseDate(p.s); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: court delegations: %w", err)
			}
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := courtPeriodParts(ctx, q, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func courtPeriodParts(ctx context.Context, q querier, d *court.Delegation) error {
	rows, err := q.QueryContext(ctx, "SELECT days, consents FROM court_extensions WHERE delegation_id = $1 ORDER BY id", d.ID)
	if err != nil {
		return fmt.Errorf("store: court extensions: %w", err)
	}
	d.Extensions = nil
	for rows.Next() {
		var e court.Extension
		var consents string
		if err := rows.Scan(&e.Days, &consents); err != nil {
			rows.Close()
			return fmt.Errorf("store: court extensions: %w", err)
		}
		_ = json.Unmarshal([]byte(consents), &e.Consents)
		d.Extensions = append(d.Extensions, e)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, "SELECT from_on, to_on FROM court_appraisals WHERE delegation_id = $1 ORDER BY id", d.ID)
	if err != nil {
		return fmt.Errorf("store: court appraisals: %w", err)
	}
	defer rows.Close()
	d.Appraisals = nil
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return fmt.Errorf("store: court appraisals: %w", err)
		}
		var sp court.Span
		if sp.From, err = parseDate(from); err != nil {
			return err
		}
		if to != "" {
			t, err := parseDate(to)
			if err != nil {
				return err
			}
			sp.To = &t
		}
		d.Appraisals = append(d.Appraisals, sp)
	}
	return rows.Err()
}

func oneDelegation(list []court.Delegation, err error) (*court.Delegation, error) {
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// CourtDelegation is a matter's delegation from the court; nil when it has none.
func (s *Store) CourtDelegation(ctx context.Context, matterID int64) (*court.Delegation, error) {
	return oneDelegation(courtDelegations(ctx, s.r, "d.matter_id = $1", matterID))
}

// CourtDelegation reads a matter's delegation in the transaction.
func (t *Tx) CourtDelegation(ctx context.Context, matterID int64) (*court.Delegation, error) {
	return oneDelegation(courtDelegations(ctx, t.tx, "d.matter_id = $1", matterID))
}

// CourtDelegations lists the delegations of one court (its station), oldest first.
func (s *Store) CourtDelegations(ctx context.Context, courtStationID int64) ([]court.Delegation, error) {
	return courtDelegations(ctx, s.r, "d.court_station_id = $1", courtStationID)
}

// InsertConfirmation records an application for judicial confirmation with its package.
func (t *Tx) InsertConfirmation(ctx context.Context, c *court.Confirmation, zip []byte, by *int64) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: confirmation: %w", err)
	}
	filed := ""
	if c.FiledOn != nil {
		filed = c.FiledOn.String()
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO confirmations (matter_id, agreement_id, court_station_id, court_name, basis, effective_on, apply_due,
		filed_on, package_doc_id, package_sha256, zip, zip_sha256, data, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		c.MatterID, c.AgreementID, idArg(c.CourtStationID), c.CourtName, c.Basis, dateArg(c.EffectiveOn), dateArg(c.ApplyDue), filed,
		idArg(c.PackageDocID), c.PackageSHA256, zip, c.ZipSHA256, string(b), utc(c.CreatedAt), idArg(by)).Scan(&c.ID)
	if isUnique(err) {
		return fmt.Errorf("store: confirmation: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: confirmation: %w", err)
	}
	return nil
}

// UpdateConfirmation keeps the ruling and what it opened.
func (t *Tx) UpdateConfirmation(ctx context.Context, c court.Confirmation) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: confirmation: %w", err)
	}
	var outcome, ruled, received, objection, enforcement string
	if c.Ruling != nil {
		outcome, ruled, received = string(c.Ruling.Outcome), c.Ruling.RuledOn.String(), c.Ruling.ReceivedOn.String()
	}
	if c.After != nil {
		objection = c.After.ObjectionDue.Date.String()
		if c.After.EnforcementDue != nil {
			enforcement = c.After.EnforcementDue.Date.String()
		}
	}
	_, err = t.tx.ExecContext(ctx, `UPDATE confirmations SET outcome = $1, ruled_on = $2, received_on = $3, objection_due = $4, enforcement_due = $5,
		data = $6 WHERE id = $7`, outcome, ruled, received, objection, enforcement, string(b), c.ID)
	if err != nil {
		return fmt.Errorf("store: confirmation: %w", err)
	}
	return nil
}

func confirmations(ctx context.Context, q querier, where string, args ...any) ([]court.Confirmation, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, m.number, c.data FROM confirmations c JOIN matters m ON m.id = c.matter_id WHERE `+where+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: confirmations: %w", err)
	}
	defer rows.Close()
	var out []court.Confirmation
	for rows.Next() {
		var c court.Confirmation
		var id int64
		var number, data string
		if err := rows.Scan(&id, &number, &data); err != nil {
			return nil, fmt.Errorf("store: confirmations: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return nil, fmt.Errorf("store: confirmations: %w", err)
		}
		c.ID, c.Number = id, number
		out = append(out, c)
	}
	return out, rows.Err()
}

func oneConfirmation(list []court.Confirmation, err error) (*court.Confirmation, error) {
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// Confirmation is a matter's application for judicial confirmation; nil when none.
func (s *Store) Confirmation(ctx context.Context, matterID int64) (*court.Confirmation, error) {
	return oneConfirmation(confirmations(ctx, s.r, "c.matter_id = $1", matterID))
}

// Confirmation reads a matter's application in the transaction.
func (t *Tx) Confirmation(ctx context.Context, matterID int64) (*court.Confirmation, error) {
	return oneConfirmation(confirmations(ctx, t.tx, "c.matter_id = $1", matterID))
}

// Confirmations lists the applications filed with one court (its station).
func (s *Store) Confirmations(ctx context.Context, courtStationID int64) ([]court.Confirmation, error) {
	return confirmations(ctx, s.r, "c.court_station_id = $1", courtStationID)
}

// ConfirmationZip is the application's zip.
func (s *Store) ConfirmationZip(ctx context.Context, matterID int64) ([]byte, error) {
	var b []byte
	err := s.r.QueryRowContext(ctx, "SELECT zip FROM confirmations WHERE matter_id = $1", matterID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: confirmation zip: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: confirmation zip: %w", err)
	}
	return b, nil
}

// InsertTransfer records the bundle of a transfer to filing.
func (t *Tx) InsertTransfer(ctx context.Context, tr *court.Transfer, zip []byte, by *int64) error {
	ix, err := json.Marshal(tr.Index)
	if err != nil {
		return fmt.Errorf("store: transfer: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO filing_transfers (matter_id, court_station_id, court_name, zip, zip_sha256, index_json, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		tr.MatterID, idArg(tr.CourtStationID), tr.CourtName, zip, tr.ZipSHA256, string(ix), utc(tr.CreatedAt), idArg(by)).Scan(&tr.ID)
	if isUnique(err) {
		return fmt.Errorf("store: transfer: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: transfer: %w", err)
	}
	return nil
}

// SetTransferCaseNumber records the court's case number of a transfer.
func (t *Tx) SetTransferCaseNumber(ctx context.Context, matterID int64, number string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE filing_transfers SET case_number = $1, numbered_at = $2 WHERE matter_id = $3", number, utc(at), matterID)
	if err != nil {
		return fmt.Errorf("store: transfer: %w", err)
	}
	return nil
}

func transfer(ctx context.Context, q querier, matterID int64) (*court.Transfer, error) {
	var tr court.Transfer
	var station sql.NullInt64
	var numbered sql.NullTime
	var ix string
	err := q.QueryRowContext(ctx, `SELECT id, matter_id, court_station_id, court_name, zip_sha256, index_json, case_number, numbered_at, created_at
		FROM filing_transfers WHERE matter_id = $1`, matterID).Scan(&tr.ID, &tr.MatterID, &station, &tr.CourtName, &tr.ZipSHA256, &ix, &tr.CaseNumber, &numbered, &tr.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: transfer: %w", err)
	}
	if err := json.Unmarshal([]byte(ix), &tr.Index); err != nil {
		return nil, fmt.Errorf("store: transfer: %w", err)
	}
	tr.CourtStationID, tr.NumberedAt, tr.CreatedAt = nullID(station), nullTime(numbered), tr.CreatedAt.UTC()
	return &tr, nil
}

// Transfer is a matter's transfer to filing; nil when none.
func (s *Store) Transfer(ctx context.Context, matterID int64) (*court.Transfer, error) {
	return transfer(ctx, s.r, matterID)
}

// Transfer reads a matter's transfer in the transaction.
func (t *Tx) Transfer(ctx context.Context, matterID int64) (*court.Transfer, error) {
	return transfer(ctx, t.tx, matterID)
}

// TransferZip is the transfer's zip.
func (s *Store) TransferZip(ctx context.Context, matterID int64) ([]byte, error) {
	var b []byte
	err := s.r.QueryRowContext(ctx, "SELECT zip FROM filing_transfers WHERE matter_id = $1", matterID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: transfer zip: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: transfer zip: %w", err)
	}
	return b, nil
}

// CourtMatterIDs lists the matters a court's judges may see: the disputes it delegated and
// the applications for judicial confirmation filed with it (issue 10 item 8).
func (s *Store) CourtMatterIDs(ctx context.Context, courtStationID int64) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT matter_id FROM court_delegations WHERE court_station_id = $1
		UNION SELECT matter_id FROM confirmations WHERE court_station_id = $1`, courtStationID)
	if err != nil {
		return nil, fmt.Errorf("store: court matters: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: court matters: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
