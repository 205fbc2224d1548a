package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
)

const listingCols = `l.id, l.merchant_id, mr.name, mr.uscc, l.status, l.reason, l.individual, l.cluster, l.custody_id, l.opened_at,
	l.referred_at, l.decision_due, l.listed_at, l.decision_ref, l.objection_until, l.removal_asked_at, l.removal_ground,
	l.removal_due, l.removed_at, l.removal_ref, l.serious_at, l.reminder_at, l.reminder_published, l.missing_year, l.version, l.updated_at`

const listingFrom = ` FROM credit_listings l JOIN merchants mr ON mr.id = l.merchant_id`

func scanListing(row interface{ Scan(...any) error }) (credit.Listing, error) {
	var l credit.Listing
	var custody sql.NullInt64
	var referred, due, listed, objUntil, asked, rdue, removed, serious, remind, published sql.NullTime
	err := row.Scan(&l.ID, &l.MerchantID, &l.MerchantName, &l.USCC, &l.Status, &l.Reason, &l.Individual, &l.Cluster, &custody, &l.OpenedAt,
		&referred, &due, &listed, &l.DecisionRef, &objUntil, &asked, &l.RemovalGround,
		&rdue, &removed, &l.RemovalRef, &serious, &remind, &published, &l.MissingYear, &l.Version, &l.UpdatedAt)
	if err != nil {
		return l, err
	}
	l.CustodyID = nullID(custody)
	l.OpenedAt, l.UpdatedAt = l.OpenedAt.UTC(), l.UpdatedAt.UTC()
	l.ReferredAt, l.DecisionDue, l.ListedAt, l.ObjectionUntil = nullTime(referred), nullTime(due), nullTime(listed), nullTime(objUntil)
	l.RemovalAskedAt, l.RemovalDue, l.RemovedAt = nullTime(asked), nullTime(rdue), nullTime(removed)
	l.SeriousAt, l.ReminderAt, l.ReminderPublished = nullTime(serious), nullTime(remind), nullTime(published)
	return l, nil
}

// InsertListing stores a new procedure; a merchant with one running already is refused.
func (t *Tx) InsertListing(ctx context.Context, l *credit.Listing) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO credit_listings (merchant_id, status, reason, individual, cluster, custody_id, opened_at,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		l.MerchantID, string(l.Status), string(l.Reason), l.Individual, l.Cluster, l.CustodyID, utc(l.OpenedAt), utc(l.OpenedAt), utc(l.UpdatedAt)).Scan(&l.ID)
	if isUnique(err) {
		return ErrDuplicate
	}
	if err != nil {
		return fmt.Errorf("store: insert listing: %w", err)
	}
	l.Version = 1
	return nil
}

// UpdateListing writes a procedure back, with its new attempts and objections.
func (t *Tx) UpdateListing(ctx context.Context, l *credit.Listing) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE credit_listings SET status = $1, reason = $2, referred_at = $3, decision_due = $4, listed_at = $5,
		decision_ref = $6, objection_until = $7, removal_asked_at = $8, removal_ground = $9, removal_due = $10, removed_at = $11,
		removal_ref = $12, serious_at = $13, reminder_at = $14, reminder_published = $15, missing_year = $16, version = version + 1,
		updated_at = $17 WHERE id = $18`,
		string(l.Status), string(l.Reason), utcPtr(l.ReferredAt), utcPtr(l.DecisionDue), utcPtr(l.ListedAt), l.DecisionRef, utcPtr(l.ObjectionUntil),
		utcPtr(l.RemovalAskedAt), l.RemovalGround, utcPtr(l.RemovalDue), utcPtr(l.RemovedAt), l.RemovalRef, utcPtr(l.SeriousAt),
		utcPtr(l.ReminderAt), utcPtr(l.ReminderPublished), l.MissingYear, utc(l.UpdatedAt), l.ID)
	if err != nil {
		return fmt.Errorf("store: update listing %d: %w", l.ID, err)
	}
	for i := range l.Attempts {
		a := &l.Attempts[i]
		if a.ID != 0 {
			continue
		}
		if err := t.tx.QueryRowContext(ctx, `INSERT INTO credit_attempts (listing_id, at, method, reached, note, by_id, by_name)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, l.ID, utc(a.At), string(a.Method), a.Reached, a.Note, a.ByID, a.By).Scan(&a.ID); err != nil {
			return fmt.Errorf("store: listing attempt: %w", err)
		}
	}
	for i := range l.Objections {
		o := &l.Objections[i]
		if o.ID == 0 {
			if err := t.tx.QueryRowContext(ctx, `INSERT INTO credit_objections (listing_id, received_at, text, accept_due) VALUES ($1, $2, $3, $4) RETURNING id`,
				l.ID, utc(o.ReceivedAt), o.Text, utcPtr(o.AcceptDue)).Scan(&o.ID); err != nil {
				return fmt.Errorf("store: listing objection: %w", err)
			}
		}
		if o.AcceptedAt != nil {
			if _, err := t.tx.ExecContext(ctx, `UPDATE credit_objections SET accepted_at = $1, verify_due = $2 WHERE id = $3 AND accepted_at IS NULL`,
				utc(*o.AcceptedAt), utcPtr(o.VerifyDue), o.ID); err != nil {
				return fmt.Errorf("store: listing objection: %w", err)
			}
		}
		if o.DecidedAt != nil {
			if _, err := t.tx.ExecContext(ctx, `UPDATE credit_objections SET decided_at = $1, upheld = $2, decision = $3 WHERE id = $4 AND decided_at IS NULL`,
				utc(*o.DecidedAt), o.Upheld, o.Decision, o.ID); err != nil {
				return fmt.Errorf("store: listing objection: %w", err)
			}
		}
	}
	return nil
}

func readListing(ctx context.Context, q querier, where string, lock string, args ...any) (credit.Listing, error) {
	l, err := scanListing(q.QueryRowContext(ctx, "SELECT "+listingCols+listingFrom+" WHERE "+where+lock, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrNotFound
	} else if err != nil {
		return l, fmt.Errorf("store: listing: %w", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT id, at, method, reached, note, by_id, by_name FROM credit_attempts WHERE listing_id = $1 ORDER BY at, id", l.ID)
	if err != nil {
		return l, fmt.Errorf("store: listing attempts: %w", err)
	}
	for rows.Next() {
		var a credit.Attempt
		var by sql.NullInt64
		if err := rows.Scan(&a.ID, &a.At, &a.Method, &a.Reached, &a.Note, &by, &a.By); err != nil {
			rows.Close()
			return l, fmt.Errorf("store: listing attempts: %w", err)
		}
		a.At, a.ByID, a.ListingID = a.At.UTC(), nullID(by), l.ID
		l.Attempts = append(l.Attempts, a)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, "SELECT id, received_at, text, accept_due, accepted_at, verify_due, decided_at, upheld, decision FROM credit_objections WHERE listing_id = $1 ORDER BY id", l.ID)
	if err != nil {
		return l, fmt.Errorf("store: listing objections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o credit.Objection
		var acceptDue, accepted, verifyDue, decided sql.NullTime
		var upheld sql.NullBool
		if err := rows.Scan(&o.ID, &o.ReceivedAt, &o.Text, &acceptDue, &accepted, &verifyDue, &decided, &upheld, &o.Decision); err != nil {
			return l, fmt.Errorf("store: listing objections: %w", err)
		}
		o.ReceivedAt, o.DecidedAt, o.ListingID = o.ReceivedAt.UTC(), nullTime(decided), l.ID
		o.AcceptDue, o.AcceptedAt, o.VerifyDue = nullTime(acceptDue), nullTime(accepted), nullTime(verifyDue)
		if upheld.Valid {
			v := upheld.Bool
			o.Upheld = &v
		}
		l.Objections = append(l.Objections, o)
	}
	return l, rows.Err()
}

// LockListing reads a procedure for a command.
func (t *Tx) LockListing(ctx context.Context, id int64) (credit.Listing, error) {
	return readListing(ctx, t.tx, "l.id = $1", t.forUpdateOf("l"), id)
}

// Listing reads a procedure with its attempts and objections.
func (s *Store) Listing(ctx context.Context, id int64) (credit.Listing, error) {
	return readListing(ctx, s.r, "l.id = $1", "", id)
}

// ListingFilter narrows a listing of procedures.
type ListingFilter struct {
	MerchantID *int64
	OnList     bool // only merchants standing on the public list
	Active     bool // only procedures still running or listed
	Limit      int
}

// Listings lists procedures, newest first, without attempts and objections.
func (s *Store) Listings(ctx context.Context, f ListingFilter) ([]credit.Listing, error) {
	where, args := "1 = 1", []any{}
	if f.MerchantID != nil {
		args = append(args, *f.MerchantID)
		where += fmt.Sprintf(" AND l.merchant_id = $%d", len(args))
	}
	if f.OnList {
		where += " AND l.status IN ('listed', 'marked', 'serious_proposed')"
	}
	if f.Active {
		where += " AND l.status NOT IN ('removed', 'closed')"
	}
	if f.Limit <= 0 || f.Limit > 2000 {
		f.Limit = 500
	}
	args = append(args, f.Limit)
	rows, err := s.r.QueryContext(ctx, "SELECT "+listingCols+listingFrom+" WHERE "+where+fmt.Sprintf(" ORDER BY COALESCE(l.listed_at, l.opened_at) DESC, l.id DESC LIMIT $%d", len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("store: listings: %w", err)
	}
	defer rows.Close()
	var out []credit.Listing
	for rows.Next() {
		l, err := scanListing(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listings: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CustodyListedCount counts the shops of a custody company standing on the list as unreachable (R-L39).
func (t *Tx) CustodyListedCount(ctx context.Context, custodyID int64) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM credit_listings WHERE custody_id = $1 AND reason = 'ADDRESS_UNREACHABLE'
		AND status IN ('listed', 'marked', 'serious_proposed')`, custodyID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: custody listed count: %w", err)
	}
	return n, nil
}

// SyncListingClocks makes a procedure's open clocks what the rules want: a wanted clock not
// there is added (each kind once), an open one no longer wanted is closed.
func (t *Tx) SyncListingClocks(ctx context.Context, listingID int64, want map[string]time.Time, now time.Time) error {
	for kind, due := range want {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO credit_clocks (listing_id, kind, due_at) VALUES ($1, $2, $3)
			ON CONFLICT (listing_id, kind) DO NOTHING`, listingID, kind, utc(due)); err != nil {
			return fmt.Errorf("store: listing clock: %w", err)
		}
	}
	rows, err := t.tx.QueryContext(ctx, "SELECT id, kind FROM credit_clocks WHERE listing_id = $1 AND fired_at IS NULL AND closed_at IS NULL", listingID)
	if err != nil {
		return fmt.Errorf("store: listing clocks: %w", err)
	}
	var stale []int64
	for rows.Next() {
		var id int64
		var kind string
		if err := rows.Scan(&id, &kind); err != nil {
			rows.Close()
			return fmt.Errorf("store: listing clocks: %w", err)
		}
		if _, ok := want[kind]; !ok {
			stale = append(stale, id)
		}
	}
	rows.Close()
	for _, id := range stale {
		if _, err := t.tx.ExecContext(ctx, "UPDATE credit_clocks SET closed_at = $1 WHERE id = $2", utc(now), id); err != nil {
			return fmt.Errorf("store: listing clocks: %w", err)
		}
	}
	return nil
}

// ListingClock is one clock of a procedure.
type ListingClock struct {
	ID, ListingID int64
	Kind          string
	DueAt         time.Time
	FiredAt       *time.Time
	ClosedAt      *time.Time
}

// ListingClocks lists a procedure's clocks.
func (s *Store) ListingClocks(ctx context.Context, listingID int64) ([]ListingClock, error) {
	return listingClocks(ctx, s.r, "listing_id = $1 ORDER BY due_at, id", listingID)
}

// DueListingClocks lists clocks due by now that have neither fired nor closed.
func (s *Store) DueListingClocks(ctx context.Context, now time.Time, limit int) ([]ListingClock, error) {
	return listingClocks(ctx, s.r, "fired_at IS NULL AND closed_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $2", utc(now), limit)
}

func listingClocks(ctx context.Context, q querier, where string, args ...any) ([]ListingClock, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, listing_id, kind, due_at, fired_at, closed_at FROM credit_clocks WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing clocks: %w", err)
	}
	defer rows.Close()
	var out []ListingClock
	for rows.Next() {
		var c ListingClock
		var fired, closed sql.NullTime
		if err := rows.Scan(&c.ID, &c.ListingID, &c.Kind, &c.DueAt, &fired, &closed); err != nil {
			return nil, fmt.Errorf("store: listing clocks: %w", err)
		}
		c.DueAt, c.FiredAt, c.ClosedAt = c.DueAt.UTC(), nullTime(fired), nullTime(closed)
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimListingClock marks a due clock fired; false when another pass or instance did first.
func (t *Tx) ClaimListingClock(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := t.tx.ExecContext(ctx, "UPDATE credit_clocks SET fired_at = $1 WHERE id = $2 AND fired_at IS NULL AND closed_at IS NULL", utc(now), id)
	if err != nil {
		return false, fmt.Errorf("store: claim listing clock: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SaveAgreement stores a shop's custody agreement, replacing the one before.
func (t *Tx) SaveAgreement(ctx context.Context, a credit.Agreement, now time.Time) error {
	ends := ""
	if !a.EndsOn.IsZero() {
		ends = a.EndsOn.String()
	}
	_, err := t.tx.ExecContext(ctx, `INSERT INTO custody_agreements (merchant_id, custody_id, starts_on, ends_on, updated_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (merchant_id) DO UPDATE SET custody_id = excluded.custody_id, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
		updated_at = excluded.updated_at`, a.MerchantID, a.CustodyID, a.StartsOn.String(), ends, utc(now))
	if err != nil {
		return fmt.Errorf("store: custody agreement: %w", err)
	}
	return nil
}

// CustodyAgreement reads a shop's custody agreement with its custody company's name and USCC.
func (s *Store) CustodyAgreement(ctx context.Context, merchantID int64) (credit.Agreement, error) {
	var a credit.Agreement
	var starts, ends string
	err := s.r.QueryRowContext(ctx, `SELECT a.merchant_id, a.custody_id, c.name, c.uscc, a.starts_on, a.ends_on FROM custody_agreements a
		JOIN merchants c ON c.id = a.custody_id WHERE a.merchant_id = $1`, merchantID).Scan(&a.MerchantID, &a.CustodyID, &a.CustodyName, &a.CustodyUSCC, &starts, &ends)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	} else if err != nil {
		return a, fmt.Errorf("store: custody agreement: %w", err)
	}
	if a.StartsOn, err = calendar.ParseDate(starts); err != nil {
		return a, err
	}
	if ends != "" {
		if a.EndsOn, err = calendar.ParseDate(ends); err != nil {
			return a, err
		}
	}
	return a, nil
}

// forUpdateOf locks only the named table's row of a join on PostgreSQL.
func (t *Tx) forUpdateOf(alias string) string {
	if t.dialect == Postgres {
		return " FOR UPDATE OF " + alias
	}
	return ""
}
