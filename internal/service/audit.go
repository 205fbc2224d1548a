package service

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
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

// record appends one audit entry (R-P8) inside the command's transaction, naming
// the user acting in ctx (or the system), sealed with the audit key.
func (s *Service) record(ctx context.Context, tx *store.Tx, action, entity, ref string, data any) error {
	e := audit.Entry{At: s.now(), Action: action, Entity: entity, Ref: ref, ActorName: "system"}
	if err := s.fillEntry(ctx, &e, data); err != nil {
		return err
	}
	return s.seal(ctx, tx, &e)
}

// seal appends a filled entry; once the transaction commits, the head moves to it.
func (s *Service) seal(ctx context.Context, tx *store.Tx, e *audit.Entry) error {
	c := s.audit
	prev, err := tx.AppendAudit(ctx, e, c.key)
	if err != nil || c.headPath == "" {
		return err
	}
	extends, err := c.follows(ctx, tx, prev)
	if err != nil {
		return err
	}
	entry := *e
	tx.AfterCommit(func() { c.advance(entry, extends) })
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

// recordAs appends one audit entry naming a principal as the actor: a read of personal
// data, a break-glass reveal with its reason, an export (R-P4).
func (s *Service) recordAs(ctx context.Context, tx *store.Tx, p auth.Principal, action, entity, ref string, data any) error {
	e := audit.Entry{At: s.now(), Action: action, Entity: entity, Ref: ref, ActorName: p.Name()}
	if p.User != nil {
		id := p.User.ID
		e.ActorID = &id
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return fmt.Errorf("service: audit data: %w", err)
		}
		e.Data = string(b)
	}
	return s.seal(ctx, tx, &e)
}
