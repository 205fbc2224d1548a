package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
)

const merchantCols = "id, name, uscc, type, address, area_id, phone, platform, cluster_registered, custody_id, unreachable, outside_area, created_at, updated_at"

func scanMerchant(row interface{ Scan(...any) error }) (merchant.Merchant, error) {
	var m merchant.Merchant
	var area, custody sql.NullInt64
	err := row.Scan(&m.ID, &m.Name, &m.USCC, &m.Type, &m.Address, &area, &m.Phone, &m.Platform,
		&m.ClusterRegistered, &custody, &m.Unreachable, &m.OutsideArea, &m.CreatedAt, &m.UpdatedAt)
	m.AreaID, m.CustodyID = nullID(area), nullID(custody)
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, err
}

func getMerchant(ctx context.Context, q querier, id int64) (merchant.Merchant, error) {
	m, err := scanMerchant(q.QueryRowContext(ctx, "SELECT "+merchantCols+" FROM merchants WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("store: merchant %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("store: merchant %d: %w", id, err)
	}
	return m, nil
}

// Merchant returns one merchant.
func (s *Store) Merchant(ctx context.Context, id int64) (merchant.Merchant, error) {
	return getMerchant(ctx, s.r, id)
}

// Merchant returns one merchant inside the transaction.
func (t *Tx) Merchant(ctx context.Context, id int64) (merchant.Merchant, error) {
	return getMerchant(ctx, t.tx, id)
}

// MerchantFilter narrows a merchant listing; Q matches part of the name or the USCC.
type MerchantFilter struct {
	Q       string
	Custody *int64
	Limit   int
	Offset  int
}

// Merchants lists merchants by name.
func (s *Store) Merchants(ctx context.Context, f MerchantFilter) ([]merchant.Merchant, int, error) {
	where, args := "1=1", []any{}
	if f.Q != "" {
		args = append(args, "%"+escapeLike(f.Q)+"%", merchant.NormalizeUSCC(f.Q)+"%")
		where += fmt.Sprintf(" AND (name LIKE $%d OR uscc LIKE $%d)", len(args)-1, len(args))
	}
	if f.Custody != nil {
		args = append(args, *f.Custody)
		where += fmt.Sprintf(" AND custody_id = $%d", len(args))
	}
	var total int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM merchants WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: merchants: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args = append(args, f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, "SELECT "+merchantCols+" FROM merchants WHERE "+where+
		fmt.Sprintf(" ORDER BY name, id LIMIT $%d OFFSET $%d", len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: merchants: %w", err)
	}
	defer rows.Close()
	var out []merchant.Merchant
	for rows.Next() {
		m, err := scanMerchant(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: merchants: %w", err)
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// MerchantByUSCC finds a merchant by its code.
func (t *Tx) MerchantByUSCC(ctx context.Context, uscc string) (merchant.Merchant, error) {
	m, err := scanMerchant(t.tx.QueryRowContext(ctx, "SELECT "+merchantCols+" FROM merchants WHERE uscc = $1 AND uscc <> ''", uscc))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("store: merchant %s: %w", uscc, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("store: merchant %s: %w", uscc, err)
	}
	return m, nil
}

// CreateMerchant inserts a merchant; a USCC already on record is a field error.
func (t *Tx) CreateMerchant(ctx context.Context, m *merchant.Merchant) error {
	m.CreatedAt, m.UpdatedAt = utc(m.CreatedAt), utc(m.UpdatedAt)
	err := t.tx.QueryRowContext(ctx, `INSERT INTO merchants (name, uscc, type, address, area_id, phone, platform,
		cluster_registered, custody_id, unreachable, outside_area, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		m.Name, m.USCC, m.Type, m.Address, idArg(m.AreaID), m.Phone, m.Platform,
		m.ClusterRegistered, idArg(m.CustodyID), m.Unreachable, m.OutsideArea, m.CreatedAt, m.UpdatedAt).Scan(&m.ID)
	if isUnique(err) {
		return invalid.New("uscc", invalid.Duplicate)
	}
	if err != nil {
		return fmt.Errorf("store: create merchant: %w", err)
	}
	return nil
}

// UpdateMerchant changes a merchant.
func (t *Tx) UpdateMerchant(ctx context.Context, m merchant.Merchant) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE merchants SET name = $1, uscc = $2, type = $3, address = $4, area_id = $5, phone = $6,
		platform = $7, cluster_registered = $8, custody_id = $9, unreachable = $10, outside_area = $11, updated_at = $12 WHERE id = $13`,
		m.Name, m.USCC, m.Type, m.Address, idArg(m.AreaID), m.Phone, m.Platform,
		m.ClusterRegistered, idArg(m.CustodyID), m.Unreachable, m.OutsideArea, utc(m.UpdatedAt), m.ID)
	if isUnique(err) {
		return invalid.New("uscc", invalid.Duplicate)
	}
	if err != nil {
		return fmt.Errorf("store: update merchant %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update merchant %d: %w", m.ID, ErrNotFound)
	}
	return nil
}
