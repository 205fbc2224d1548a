package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/collective"
)

// candidatesQuery is CollectiveCandidates' one statement: the newest
// matters, and beside each the cases of this merchant it is in (a row a
// membership; c.id is NULL for a matter in no case or in another merchant's).
// Reading the cases by a second query with a hundred parameters cost an
// intake about a third of CollectiveCandidates.
//
// A merchant not on record is found by its name in matters_merchant_name
// (only the matters with no merchant_id). SQLite names that index: with
// statistics gathered when most matters named no merchant on record, its
// planner took matters_merchant's "merchant_id IS NULL" instead and read
// every such matter of the window for each intake (660 µs an intake after
// 4,000 intakes; at a million, seconds).
func candidatesQuery(d Dialect, merchantID *int64, merchantName string, since time.Time, limit int) (string, []any) {
	from := "matters"
	if merchantID == nil && d == SQLite {
		from = "matters INDEXED BY matters_merchant_name"
	}
	q := `SELECT m.id, m.number, m.category, m.subcategory, m.facts, m.received_at, m.state, c.id, c.status
		FROM (SELECT id, number, category, subcategory, facts, received_at, state FROM ` + from + `
			WHERE kind = 'complaint' AND received_at >= $1 AND `
	args := []any{utc(since)}
	if merchantID != nil {
		q += "merchant_id = $2"
		args = append(args, *merchantID)
	} else {
		q += "merchant_id IS NULL AND merchant_name = $2"
		args = append(args, merchantName)
	}
	args = append(args, limit, collective.MerchantKey(merchantID, merchantName))
	q += ` ORDER BY received_at DESC, id DESC LIMIT $3) m
		LEFT JOIN collective_members cm ON cm.matter_id = m.id
		LEFT JOIN collective_cases c ON c.id = cm.case_id AND c.merchant_key = $4
		ORDER BY m.received_at DESC, m.id DESC, c.id`
	return q, args
}

// CollectiveCandidates lists the complaints against a merchant (by registry id, or by
// name when it has none) received since a time, newest first, with the collective case
// each is already in: what detection compares a new complaint with.
func (t *Tx) CollectiveCandidates(ctx context.Context, merchantID *int64, merchantName string, since time.Time, limit int) ([]collective.Matter, error) {
	if merchantID == nil && merchantName == "" {
		return nil, nil
	}
	key := collective.MerchantKey(merchantID, merchantName)
	q, args := candidatesQuery(t.dialect, merchantID, merchantName, since, limit)
	rows, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: collective candidates: %w", err)
	}
	defer rows.Close()
	return scanCandidates(rows, key, limit)
}

// candidateRows is what both *sql.Rows and pgx.Rows are.
type candidateRows interface {
	Next() bool
	Scan(...any) error
	Err() error
}

func scanCandidates(rows candidateRows, key string, limit int) ([]collective.Matter, error) {
	out := make([]collective.Matter, 0, min(limit, 128))
	var refused bool // the matter of the last row is in a case a supervisor rejected
	for rows.Next() {
		var m collective.Matter
		var state string
		var caseID sql.NullInt64
		var status sql.NullString
		if err := rows.Scan(&m.ID, &m.Number, &m.Category, &m.Subcategory, &m.Facts, &m.ReceivedAt, &state, &caseID, &status); err != nil {
			return nil, fmt.Errorf("store: collective candidates: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != m.ID {
			m.ReceivedAt, m.MerchantKey = m.ReceivedAt.UTC(), key
			m.Open = state != string(casework.Closed)
			out = append(out, m)
			refused = false
		}
		if !caseID.Valid {
			continue
		}
		p := &out[len(out)-1]
		switch collective.Status(status.String) {
		case collective.Rejected:
			refused = true
		case collective.Confirmed:
			p.CaseID, p.Confirmed = caseID.Int64, true
		default:
			if !p.Confirmed {
				p.CaseID = caseID.Int64
			}
		}
		p.Rejected = refused && p.CaseID == 0
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: collective candidates: %w", err)
	}
	return out, nil
}

const collectiveCols = `id, status, merchant_id, merchant_name, merchant_key, subcategory, title, evidence, area_path,
	proposed_at, decided_at, decided_by, decision_note, created_at, updated_at`

func scanCollective(row interface{ Scan(...any) error }) (collective.Case, error) {
	var c collective.Case
	var merchant, by sql.NullInt64
	var decided sql.NullTime
	var ev string
	err := row.Scan(&c.ID, &c.Status, &merchant, &c.MerchantName, &c.MerchantKey, &c.Subcategory, &c.Title, &ev, &c.AreaPath,
		&c.ProposedAt, &decided, &by, &c.DecisionNote, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(ev), &c.Evidence); err != nil {
		return c, err
	}
	c.MerchantID, c.DecidedBy, c.DecidedAt = nullID(merchant), nullID(by), nullTime(decided)
	c.ProposedAt, c.CreatedAt, c.UpdatedAt = c.ProposedAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

// InsertCollectiveCase stores a new proposal and sets its id.
func (t *Tx) InsertCollectiveCase(ctx context.Context, c *collective.Case) error {
	ev, err := json.Marshal(c.Evidence)
	if err != nil {
		return fmt.Errorf("store: insert collective case: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO collective_cases (status, merchant_id, merchant_name, merchant_key, subcategory, title,
		evidence, area_path, proposed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		string(c.Status), c.MerchantID, c.MerchantName, c.MerchantKey, c.Subcategory, c.Title, string(ev), c.AreaPath,
		utc(c.ProposedAt), utc(c.CreatedAt), utc(c.UpdatedAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("store: insert collective case: %w", err)
	}
	return nil
}

// UpdateCollectiveCase writes a case's status, title, evidence and decision.
func (t *Tx) UpdateCollectiveCase(ctx context.Context, c *collective.Case) error {
	ev, err := json.Marshal(c.Evidence)
	if err != nil {
		return fmt.Errorf("store: update collective case: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, `UPDATE collective_cases SET status = $1, title = $2, evidence = $3, decided_at = $4, decided_by = $5,
		decision_note = $6, updated_at = $7 WHERE id = $8`,
		string(c.Status), c.Title, string(ev), utcPtr(c.DecidedAt), c.DecidedBy, c.DecisionNote, utc(c.UpdatedAt), c.ID)
	if err != nil {
		return fmt.Errorf("store: update collective case %d: %w", c.ID, err)
	}
	return nil
}

// AddCollectiveMember puts a matter in a case; a matter already there stays as it is.
func (t *Tx) AddCollectiveMember(ctx context.Context, caseID, matterID int64, similarity float64, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO collective_members (case_id, matter_id, similarity, added_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (case_id, matter_id) DO NOTHING`, caseID, matterID, similarity, utc(now))
	if err != nil {
		return fmt.Errorf("store: add collective member: %w", err)
	}
	return nil
}

// LockCollectiveStatus reads a case for a matter that joins it at intake: every column but
// the evidence, which stays empty — JoinCollectiveCase adds to the evidence where it is
// stored, so intake need not decode and re-encode it (issue 13: a case's evidence holds up
// to a hundred links, and decoding and encoding it was a twelfth of an intake's CPU).
func (t *Tx) LockCollectiveStatus(ctx context.Context, id int64) (collective.Case, error) {
	c, err := scanCollective(t.tx.QueryRowContext(ctx, "SELECT "+collectiveHeadCols+" FROM collective_cases WHERE id = $1"+t.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	} else if err != nil {
		return c, fmt.Errorf("store: collective case %d: %w", id, err)
	}
	return c, nil
}

// collectiveHeadCols are collectiveCols with an empty evidence in place of the stored one.
var collectiveHeadCols = strings.Replace(collectiveCols, "evidence", "'{}'", 1)

// JoinCollectiveCase records a matter joining a case: its link is appended to the
// evidence's links while they are fewer than maxLinks, the evidence's last_at becomes
// lastAt and updated_at now — what reading the case, appending in Go and
// UpdateCollectiveCase did, done by the database's JSON functions in one statement.
func (t *Tx) JoinCollectiveCase(ctx context.Context, id int64, link collective.Link, maxLinks int, lastAt, now time.Time) error {
	l, err := json.Marshal(link)
	if err != nil {
		return fmt.Errorf("store: join collective case: %w", err)
	}
	last, err := json.Marshal(lastAt) // the text encoding/json writes for a time.Time
	if err != nil {
		return fmt.Errorf("store: join collective case: %w", err)
	}
	q := `UPDATE collective_cases SET evidence = json_set(
		CASE WHEN COALESCE(json_type(evidence, '$.links'), '') <> 'array' THEN json_set(evidence, '$.links', json_array(json($1)))
		WHEN json_array_length(evidence, '$.links') < $2 THEN json_insert(evidence, '$.links[#]', json($1))
		ELSE evidence END, '$.last_at', json($3)), updated_at = $4 WHERE id = $5`
	if t.dialect == Postgres {
		q = `UPDATE collective_cases SET evidence = jsonb_set(
		CASE WHEN jsonb_typeof(evidence::jsonb -> 'links') IS DISTINCT FROM 'array' THEN jsonb_set(evidence::jsonb, '{links}', jsonb_build_array($1::jsonb))
		WHEN jsonb_array_length(evidence::jsonb -> 'links') < $2 THEN jsonb_set(evidence::jsonb, '{links}', (evidence::jsonb -> 'links') || jsonb_build_array($1::jsonb))
		ELSE evidence::jsonb END, '{last_at}', $3::jsonb)::text, updated_at = $4 WHERE id = $5`
	}
	res, err := t.tx.ExecContext(ctx, q, string(l), maxLinks, string(last), utc(now), id)
	if err != nil {
		return fmt.Errorf("store: join collective case %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrNotFound
	}
	return nil
}

// LockCollectiveCase reads a case with its members for a command.
func (t *Tx) LockCollectiveCase(ctx context.Context, id int64) (collective.Case, error) {
	c, err := scanCollective(t.tx.QueryRowContext(ctx, "SELECT "+collectiveCols+" FROM collective_cases WHERE id = $1"+t.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	} else if err != nil {
		return c, fmt.Errorf("store: collective case %d: %w", id, err)
	}
	c.Members, err = collectiveMembers(ctx, t.tx, id)
	return c, err
}

// CollectiveCase reads a case with its members.
func (s *Store) CollectiveCase(ctx context.Context, id int64) (collective.Case, error) {
	c, err := scanCollective(s.r.QueryRowContext(ctx, "SELECT "+collectiveCols+" FROM collective_cases WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	} else if err != nil {
		return c, fmt.Errorf("store: collective case %d: %w", id, err)
	}
	c.Members, err = collectiveMembers(ctx, s.r, id)
	return c, err
}

func collectiveMembers(ctx context.Context, q querier, id int64) ([]collective.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT cm.matter_id, m.number, m.state, m.consumer_name, m.received_at, m.facts, m.amount_in_dispute,
		cm.similarity, cm.representative, cm.election_ref, cm.consent_at, cm.consent_ref, cm.added_at,
		m.recovered, m.outcome, m.consumer_id_number, m.consumer_phone, m.request
		FROM collective_members cm JOIN matters m ON m.id = cm.matter_id WHERE cm.case_id = $1 ORDER BY m.received_at, m.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: collective members: %w", err)
	}
	defer rows.Close()
	var out []collective.Member
	for rows.Next() {
		var m collective.Member
		var consent sql.NullTime
		var outcome, idNumber, phone string
		if err := rows.Scan(&m.MatterID, &m.Number, &m.State, &m.ConsumerName, &m.ReceivedAt, &m.Facts, &m.Amount,
			&m.Similarity, &m.Representative, &m.ElectionRef, &consent, &m.ConsentRef, &m.AddedAt,
			&m.Recovered, &outcome, &idNumber, &phone, &m.Request); err != nil {
			return nil, fmt.Errorf("store: collective members: %w", err)
		}
		m.Agreed = outcome == "agreement"
		m.ConsumerKey = firstNonEmpty(idNumber, phone, m.ConsumerName)
		m.ReceivedAt, m.AddedAt, m.ConsentAt = m.ReceivedAt.UTC(), m.AddedAt.UTC(), nullTime(consent)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CollectiveFilter narrows a listing of collective cases.
type CollectiveFilter struct {
	Scope    Scope
	Status   collective.Status
	MatterID int64 // the cases a matter is in
	Limit    int
}

// CollectiveCases lists cases in the scope, newest first, without their members.
func (s *Store) CollectiveCases(ctx context.Context, f CollectiveFilter) ([]collective.Case, error) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	switch sc := f.Scope; {
	case sc.All:
	case sc.PathLo != "":
		c := "(area_path >= " + arg(sc.PathLo) + " AND area_path < " + arg(sc.PathHi) + ")"
		if sc.Unplaced {
			c = "(" + c + " OR area_path = '')"
		}
		conds = append(conds, c)
	default:
		conds = append(conds, "1 = 0")
	}
	if f.Status != "" {
		conds = append(conds, "status = "+arg(string(f.Status)))
	}
	if f.MatterID != 0 {
		conds = append(conds, "id IN (SELECT case_id FROM collective_members WHERE matter_id = "+arg(f.MatterID)+")")
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 200
	}
	where := "1 = 1"
	for _, c := range conds {
		where += " AND " + c
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+collectiveCols+" FROM collective_cases WHERE "+where+" ORDER BY proposed_at DESC, id DESC LIMIT "+arg(f.Limit), args...)
	if err != nil {
		return nil, fmt.Errorf("store: collective cases: %w", err)
	}
	defer rows.Close()
	var out []collective.Case
	for rows.Next() {
		c, err := scanCollective(rows)
		if err != nil {
			return nil, fmt.Errorf("store: collective cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdateCollectiveMember writes a member's consent and representative election (R-L5).
func (t *Tx) UpdateCollectiveMember(ctx context.Context, caseID int64, m collective.Member) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE collective_members SET representative = $1, election_ref = $2, consent_at = $3, consent_ref = $4
		WHERE case_id = $5 AND matter_id = $6`, m.Representative, m.ElectionRef, utcPtr(m.ConsentAt), m.ConsentRef, caseID, m.MatterID)
	if err != nil {
		return fmt.Errorf("store: collective member: %w", err)
	}
	return nil
}
