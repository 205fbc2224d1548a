package service

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
)

type userKey struct{}

// WithUser records who is acting, so commands can put them in the audit log.
func WithUser(ctx context.Context, u *auth.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the acting user of a context, or nil for the system itself (CLI, demo).
func UserFrom(ctx context.Context) *auth.User {
	u, _ := ctx.Value(userKey{}).(*auth.User)
	return u
}

// record appends one audit entry (R-P8) inside the command's transaction, sealed
// with the audit key; once the transaction commits, the head moves to it.
func (s *Service) record(ctx context.Context, tx *store.Tx, action, entity, ref string, data any) error {
	e := audit.Entry{At: s.now(), Action: action, Entity: entity, Ref: ref, ActorName: "system"}
	if err := s.fillEntry(ctx, &e, data); err != nil {
		return err
	}
	c := s.audit
	prev, err := tx.AppendAudit(ctx, &e, c.key)
	if err != nil || c.headPath == "" {
		return err
	}
	extends, err := c.follows(ctx, tx, prev)
	if err != nil {
		return err
	}
	tx.AfterCommit(func() { c.advance(e, extends) })
	return nil
}

// fillEntry names the acting user of ctx and adds the data as JSON.
func (s *Service) fillEntry(ctx context.Context, e *audit.Entry, data any) error {
	if u := UserFrom(ctx); u != nil {
		id := u.ID
		e.ActorID, e.ActorName = &id, u.Username
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return fmt.Errorf("service: audit data: %w", err)
		}
		e.Data = string(b)
	}
	return nil
}

// ReadCase returns a matter for its case page and logs the read when the viewer
// sees personal data unmasked (R-P4).
func (s *Service) ReadCase(ctx context.Context, u *auth.User, number string) (casework.Matter, error) {
	m, err := s.MatterFor(ctx, u, number)
	if err != nil || !u.Role.SeesPersonalData() {
		return m, err
	}
	err = s.Store.Tx(WithUser(ctx, u), func(tx *store.Tx) error {
		return s.record(WithUser(ctx, u), tx, "read_personal", "matter", m.Number, nil)
	})
	return m, err
}
