package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/mediation"
)

// InsertConsent records a party's consent (R-L14); a second one for the same party and purpose
// is refused by the database too (ErrConflict), whatever the caller checked.
func (t *Tx) InsertConsent(ctx context.Context, c *mediation.Consent) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO consents (matter_id, side, purpose, method, given_at, attachment_id, operator_id, said,
		challenge_id, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		c.MatterID, c.Side, c.Purpose, c.Method, utc(c.GivenAt), idArg(c.AttachmentID), idArg(c.OperatorID), c.Said,
		idArg(c.ChallengeID), idArg(c.RecordedBy)).Scan(&c.ID)
	if isUnique(err) {
		return fmt.Errorf("store: consent: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: consent: %w", err)
	}
	return nil
}

func consentsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Consent, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, matter_id, side, purpose, method, given_at, attachment_id, operator_id, said, challenge_id, recorded_by
		FROM consents WHERE matter_id = $1 ORDER BY id`, matterID)
	if err != nil {
		return nil, fmt.Errorf("store: consents: %w", err)
	}
	defer rows.Close()
	var out []mediation.Consent
	for rows.Next() {
		var c mediation.Consent
		var att, op, ch, by sql.NullInt64
		if err := rows.Scan(&c.ID, &c.MatterID, &c.Side, &c.Purpose, &c.Method, &c.GivenAt, &att, &op, &c.Said, &ch, &by); err != nil {
			return nil, fmt.Errorf("store: consents: %w", err)
		}
		c.GivenAt, c.AttachmentID, c.OperatorID, c.ChallengeID, c.RecordedBy = c.GivenAt.UTC(), nullID(att), nullID(op), nullID(ch), nullID(by)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Consents lists a matter's consents in the order they were recorded.
func (s *Store) Consents(ctx context.Context, matterID int64) ([]mediation.Consent, error) {
	return consentsOf(ctx, s.r, matterID)
}

// Consents lists a matter's consents in the transaction.
func (t *Tx) Consents(ctx context.Context, matterID int64) ([]mediation.Consent, error) {
	return consentsOf(ctx, t.tx, matterID)
}

// InsertChallenge keeps the salted hash of a one-time code or link sent to a party.
func (t *Tx) InsertChallenge(ctx context.Context, c *mediation.Challenge) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO consent_challenges (matter_id, side, purpose, kind, salt, hash, created_at, expires_at, attempts)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) RETURNING id`,
		c.MatterID, c.Side, c.Purpose, c.Kind, c.Salt, c.Hash, utc(c.CreatedAt), utc(c.ExpiresAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("store: challenge: %w", err)
	}
	return nil
}

// Challenge reads a one-time code of a matter for checking, locked in the transaction.
func (t *Tx) Challenge(ctx context.Context, matterID, id int64) (mediation.Challenge, error) {
	var c mediation.Challenge
	var used sql.NullTime
	err := t.tx.QueryRowContext(ctx, `SELECT id, matter_id, side, purpose, kind, salt, hash, created_at, expires_at, attempts, used_at
		FROM consent_challenges WHERE matter_id = $1 AND id = $2`+t.forUpdate(), matterID, id).
		Scan(&c.ID, &c.MatterID, &c.Side, &c.Purpose, &c.Kind, &c.Salt, &c.Hash, &c.CreatedAt, &c.ExpiresAt, &c.Attempts, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: challenge %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: challenge %d: %w", id, err)
	}
	c.CreatedAt, c.ExpiresAt, c.UsedAt = c.CreatedAt.UTC(), c.ExpiresAt.UTC(), nullTime(used)
	return c, nil
}

// ChallengeByID reads a one-time secret by its id alone, locked in the transaction: a consent
// link names only its challenge (R-L14); the secret it carries is checked against the hash.
func (t *Tx) ChallengeByID(ctx context.Context, id int64) (mediation.Challenge, error) {
	var c mediation.Challenge
	var used sql.NullTime
	err := t.tx.QueryRowContext(ctx, `SELECT id, matter_id, side, purpose, kind, salt, hash, created_at, expires_at, attempts, used_at
		FROM consent_challenges WHERE id = $1`+t.forUpdate(), id).
		Scan(&c.ID, &c.MatterID, &c.Side, &c.Purpose, &c.Kind, &c.Salt, &c.Hash, &c.CreatedAt, &c.ExpiresAt, &c.Attempts, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: challenge %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: challenge %d: %w", id, err)
	}
	c.CreatedAt, c.ExpiresAt, c.UsedAt = c.CreatedAt.UTC(), c.ExpiresAt.UTC(), nullTime(used)
	return c, nil
}

// UpdateChallenge stores a challenge's attempts and use after a check.
func (t *Tx) UpdateChallenge(ctx context.Context, c mediation.Challenge) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE consent_challenges SET attempts = $1, used_at = $2 WHERE id = $3", c.Attempts, utcPtr(c.UsedAt), c.ID)
	if err != nil {
		return fmt.Errorf("store: challenge: %w", err)
	}
	return nil
}

// InsertDelegation hands a matter's mediation to a delegate (R-L14); only once per matter.
func (t *Tx) InsertDelegation(ctx context.Context, d *mediation.Delegation) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO delegations (matter_id, kind, delegate, delegated_at, delegated_by)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, d.MatterID, d.Kind, d.Delegate, utc(d.DelegatedAt), idArg(d.DelegatedBy)).Scan(&d.ID)
	if isUnique(err) {
		return fmt.Errorf("store: delegation: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: delegation: %w", err)
	}
	return nil
}

func delegationsOf(ctx context.Context, q querier, matterID int64) ([]mediation.Delegation, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, matter_id, kind, delegate, delegated_at, delegated_by FROM delegations WHERE matter_id = $1", matterID)
	if err != nil {
		return nil, fmt.Errorf("store: delegations: %w", err)
	}
	defer rows.Close()
	var out []mediation.Delegation
	for rows.Next() {
		var d mediation.Delegation
		var by sql.NullInt64
		if err := rows.Scan(&d.ID, &d.MatterID, &d.Kind, &d.Delegate, &d.DelegatedAt, &by); err != nil {
			return nil, fmt.Errorf("store: delegations: %w", err)
		}
		d.DelegatedAt, d.DelegatedBy = d.DelegatedAt.UTC(), nullID(by)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Delegations lists a matter's delegation (at most one).
func (s *Store) Delegations(ctx context.Context, matterID int64) ([]mediation.Delegation, error) {
	return delegationsOf(ctx, s.r, matterID)
}

// Delegations lists a matter's delegation in the transaction.
func (t *Tx) Delegations(ctx context.Context, matterID int64) ([]mediation.Delegation, error) {
	return delegationsOf(ctx, t.tx, matterID)
}
