package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
)

// viewer is a principal resolved for one request: the matters it may see (R-P4)
// and the stations its user heads, so each matter's need-to-know is decided
// without asking the database again.
type viewer struct {
	p     auth.Principal
	scope store.Scope
	heads map[int64]bool
	now   time.Time
}

// viewerOf resolves a principal. The public and API clients see no matter as
// such: what they may read comes through the Public* reads.
func (s *Service) viewerOf(ctx context.Context, p auth.Principal) (*viewer, error) {
	v := &viewer{p: p, heads: map[int64]bool{}, now: s.now()}
	switch {
	case p.System:
		v.scope = store.Scope{All: true}
	case p.User == nil:
	default:
		sc, err := s.userScope(ctx, p.User)
		if err != nil {
			return nil, err
		}
		v.scope = sc
		if p.User.Role.Staff() {
			ids, err := s.store.StationsHeadedBy(ctx, p.User.ID)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				v.heads[id] = true
			}
		}
	}
	return v, nil
}

// sees reports whether a matter lies in the viewer's scope.
func (v *viewer) sees(m *casework.Matter) bool { return Visible(v.scope, m) }

// staff reports whether the viewer works inside the office (or is the office's own tooling).
func (v *viewer) staff() bool { return v.p.System || v.p.Staff() }

// merchant reports whether the viewer is a merchant's user.
func (v *viewer) merchant() bool { return v.p.Role() == auth.Merchant }
