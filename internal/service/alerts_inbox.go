package service

import (
	"context"

	"weiquan/internal/auth"
	"weiquan/internal/store"
)

// UnreadAlerts counts the unread alerts a user may see, for the badge on every page: up to MaxCounted,
// MaxCounted+1 meaning "more than MaxCounted".
func (s *Service) UnreadAlerts(ctx context.Context, p auth.Principal) (int, error) {
	f, err := s.alertFilter(ctx, p)
	if err != nil {
		return 0, err
	}
	f.Unread, f.CountUpTo = true, MaxCounted
	return s.store.CountAlerts(ctx, f)
}

// ReadAllAlerts marks every unread alert the user may see as read by them; it returns how many.
func (s *Service) ReadAllAlerts(ctx context.Context, p auth.Principal) (int, error) {
	f, err := s.alertFilter(ctx, p)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		n, err = tx.MarkAlertsRead(ctx, f, p.User.ID, s.now())
		return err
	})
	return n, err
}
