package service

import (
	"context"

	"weiquan/internal/auth"
	"weiquan/internal/bulletin"
	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// mayWriteNotices: the heads of the office speak for it to the public.
func mayWriteNotices(p auth.Principal) bool {
	return p.System || p.Role() == auth.Admin || p.Role() == auth.Supervisor
}

// SaveNotice keeps a warning or notice for the public, new (ID 0) or changed, in the audit log.
func (s *Service) SaveNotice(ctx context.Context, p auth.Principal, n *bulletin.Notice) error {
	if !mayWriteNotices(p) {
		return ErrForbidden
	}
	if err := n.Validate(); err != nil {
		return err
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if n.AreaID != nil {
			if _, err := tx.Area(ctx, *n.AreaID); err != nil {
				return invalid.New("area_id", invalid.NotFound)
			}
		}
		n.UpdatedAt = now
		if n.ID == 0 {
			n.CreatedAt, n.CreatedBy = now, idOf(p)
		}
		if err := tx.SaveNotice(ctx, n); err != nil {
			return err
		}
		return s.record(ctx, tx, "notice_save", "notice", itoa(n.ID), map[string]any{"title": n.Title, "starts_on": n.StartsOn, "ends_on": n.EndsOn})
	})
}

// Notices lists every notice for the heads who edit them.
func (s *Service) Notices(ctx context.Context, p auth.Principal) ([]bulletin.Notice, error) {
	if !mayWriteNotices(p) {
		return nil, ErrForbidden
	}
	return s.store.Notices(ctx, "", 500)
}

// Notice reads one notice for editing.
func (s *Service) Notice(ctx context.Context, p auth.Principal, id int64) (bulletin.Notice, error) {
	if !mayWriteNotices(p) {
		return bulletin.Notice{}, ErrForbidden
	}
	return s.store.Notice(ctx, id)
}

// PublicNotices lists the notices current today for anyone; areaID, when set, keeps those of
// the whole county and of that area and the areas above it.
func (s *Service) PublicNotices(ctx context.Context, p auth.Principal, areaID *int64) ([]bulletin.Notice, error) {
	today := s.now().In(calendar.Shanghai).Format("2006-01-02")
	list, err := s.store.Notices(ctx, today, 200)
	if err != nil || areaID == nil {
		return list, err
	}
	a, err := s.store.Area(ctx, *areaID)
	if err != nil {
		return nil, err
	}
	var out []bulletin.Notice
	for _, n := range list {
		if n.AreaID == nil || *n.AreaID == a.ID || containsID(a.Path, *n.AreaID) {
			out = append(out, n)
		}
	}
	return out, nil
}

// containsID reports whether an area path ("/1/5/23/") holds id.
func containsID(path string, id int64) bool {
	needle := "/" + itoa(id) + "/"
	for i := 0; i+len(needle) <= len(path); i++ {
		if path[i:i+len(needle)] == needle {
			return true
		}
	}
	return false
}

func idOf(p auth.Principal) *int64 {
	if p.User == nil {
		return nil
	}
	id := p.User.ID
	return &id
}
