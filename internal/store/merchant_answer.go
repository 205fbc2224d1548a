package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/mediation"
)

// InsertAnswer keeps a merchant's answer to a complaint (C12); one per complaint.
func (t *Tx) InsertAnswer(ctx context.Context, a *mediation.MerchantAnswer) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("store: answer: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO merchant_answers (matter_id, merchant_id, answer, text, offered, data, answered_at, answered_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.MatterID, idArg(a.MerchantID), a.Kind, a.Text, int64(a.Offered), string(b), utc(a.AnsweredAt), idArg(a.AnsweredBy)).Scan(&a.ID)
	if isUnique(err) {
		return fmt.Errorf("store: answer: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: answer: %w", err)
	}
	return nil
}

// AcceptAnswer records that the consumer accepted the merchant's offer.
func (t *Tx) AcceptAnswer(ctx context.Context, a mediation.MerchantAnswer) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE merchant_answers SET accepted_at = $1, accepted_by = $2 WHERE id = $3 AND accepted_at IS NULL",
		utcPtr(a.AcceptedAt), idArg(a.AcceptedBy), a.ID)
	if err != nil {
		return fmt.Errorf("store: accept answer: %w", err)
	}
	return nil
}

func answerOf(ctx context.Context, q querier, matterID int64) (*mediation.MerchantAnswer, error) {
	var a mediation.MerchantAnswer
	var data string
	var acc sql.NullTime
	var by sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT id, matter_id, data, accepted_at, accepted_by FROM merchant_answers WHERE matter_id = $1", matterID).
		Scan(&a.ID, &a.MatterID, &data, &acc, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: answer: %w", err)
	}
	id, mid := a.ID, a.MatterID
	if err := json.Unmarshal([]byte(data), &a); err != nil {
		return nil, fmt.Errorf("store: answer: %w", err)
	}
	a.ID, a.MatterID, a.AcceptedAt, a.AcceptedBy = id, mid, nullTime(acc), nullID(by)
	a.AnsweredAt = a.AnsweredAt.UTC()
	return &a, nil
}

// Answer is the merchant's answer to a complaint; nil when it has not answered.
func (s *Store) Answer(ctx context.Context, matterID int64) (*mediation.MerchantAnswer, error) {
	return answerOf(ctx, s.r, matterID)
}

// Answer reads the merchant's answer in the transaction.
func (t *Tx) Answer(ctx context.Context, matterID int64) (*mediation.MerchantAnswer, error) {
	return answerOf(ctx, t.tx, matterID)
}

// MissedAnswersIn counts the complaints against a merchant received in [from, to) whose answer
// deadline passed unanswered (C12): the figure on the merchant's record for a period.
func (s *Store) MissedAnswersIn(ctx context.Context, merchantID int64, from, to time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT d.matter_id) FROM deadlines d JOIN matters m ON m.id = d.matter_id
		WHERE m.merchant_id = $1 AND m.kind = 'complaint' AND d.kind = 'merchant_answer' AND d.breached_at IS NOT NULL
		AND m.received_at >= $2 AND m.received_at < $3`, merchantID, utc(from), utc(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: missed answers: %w", err)
	}
	return n, nil
}

// MissedAnswers counts the complaints against a merchant whose answer deadline passed unanswered
// (C12), whenever received.
func (s *Store) MissedAnswers(ctx context.Context, merchantID int64) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT d.matter_id) FROM deadlines d JOIN matters m ON m.id = d.matter_id
		WHERE m.merchant_id = $1 AND d.kind = 'merchant_answer' AND d.breached_at IS NOT NULL`, merchantID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: missed answers: %w", err)
	}
	return n, nil
}
