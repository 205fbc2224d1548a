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

// SaveAgent records or replaces the agent a complainant acts through (R-L4).
func (t *Tx) SaveAgent(ctx context.Context, matterID int64, a mediation.Agent, by *int64, at time.Time) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("store: agent: %w", err)
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM matter_agents WHERE matter_id = $1", matterID); err != nil {
		return fmt.Errorf("store: agent: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO matter_agents (matter_id, name, id_type, id_number, authority, data, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, matterID, a.Name, a.IDType, a.IDNumber, a.Authority, string(b), idArg(by), utc(at))
	if err != nil {
		return fmt.Errorf("store: agent: %w", err)
	}
	return nil
}

func agentOf(ctx context.Context, q querier, matterID int64) (*mediation.Agent, error) {
	var data string
	err := q.QueryRowContext(ctx, "SELECT data FROM matter_agents WHERE matter_id = $1", matterID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: agent: %w", err)
	}
	var a mediation.Agent
	if err := json.Unmarshal([]byte(data), &a); err != nil {
		return nil, fmt.Errorf("store: agent: %w", err)
	}
	return &a, nil
}

// Agent is the complainant's agent, nil when it acts itself.
func (s *Store) Agent(ctx context.Context, matterID int64) (*mediation.Agent, error) {
	return agentOf(ctx, s.r, matterID)
}

// Agent is the complainant's agent read in the transaction.
func (t *Tx) Agent(ctx context.Context, matterID int64) (*mediation.Agent, error) {
	return agentOf(ctx, t.tx, matterID)
}
