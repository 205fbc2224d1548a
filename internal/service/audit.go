package service

import (
	"context"
	"encoding/json"

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

// record appends one audit entry (R-P8) inside the command's transaction.
func (s *Service) record(ctx context.Context, tx *store.Tx, action, entity, ref string, data any) error {
	e := audit.Entry{At: s.now(), Action: action, Entity: entity, Ref: ref, ActorName: "system"}
	if u := UserFrom(ctx); u != nil {
		id := u.ID
		e.ActorID, e.ActorName = &id, u.Username
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		e.Data = string(b)
	}
	return tx.AppendAudit(ctx, &e)
}

// recordAs appends one audit entry naming a principal as the actor.
func (s *Service) recordAs(ctx context.Context, tx *store.Tx, p auth.Principal, action, entity, ref string, data any) error {
	e := audit.Entry{At: s.now(), Action: action, Entity: entity, Ref: ref, ActorName: p.Name()}
	if p.User != nil {
		id := p.User.ID
		e.ActorID = &id
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		e.Data = string(b)
	}
	return tx.AppendAudit(ctx, &e)
}
