package service

import (
	"context"
	"errors"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// CreateArea adds an area under its parent.
func (s *Service) CreateArea(ctx context.Context, a *dispatch.Area) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		var parent *dispatch.Area
		if a.ParentID != nil {
			p, err := tx.Area(ctx, *a.ParentID)
			if errors.Is(err, store.ErrNotFound) {
				return invalid.New("parent_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
			parent = &p
		}
		if err := a.Validate(parent); err != nil {
			return err
		}
		a.CreatedAt = s.now()
		if err := tx.CreateArea(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "area", itoa(a.ID), a)
	})
}

// UpdateArea changes an area's name, code, level, kind or on-site minutes.
func (s *Service) UpdateArea(ctx context.Context, a *dispatch.Area) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.Area(ctx, a.ID)
		if err != nil {
			return err
		}
		a.ParentID, a.Path, a.CreatedAt = old.ParentID, old.Path, old.CreatedAt
		var parent *dispatch.Area
		if a.ParentID != nil {
			p, err := tx.Area(ctx, *a.ParentID)
			if err != nil {
				return err
			}
			parent = &p
		}
		if err := a.Validate(parent); err != nil {
			return err
		}
		if err := tx.UpdateArea(ctx, *a); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "area", itoa(a.ID), map[string]any{"before": old, "after": a})
	})
}

// SaveStation creates (ID 0) or updates a station.
func (s *Service) SaveStation(ctx context.Context, st *dispatch.Station) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Area(ctx, st.AreaID); errors.Is(err, store.ErrNotFound) {
			return invalid.New("area_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
		if st.HeadID != nil {
			// The head learns reporters' identities (R-L25): only an active member of the office's staff.
			head, err := tx.User(ctx, *st.HeadID)
			switch {
			case errors.Is(err, store.ErrNotFound):
				return invalid.New("head_id", invalid.NotFound)
			case err != nil:
				return err
			case !head.Active || !head.Role.Staff():
				return invalid.New("head_id", invalid.Conflict)
			}
		}
		if st.ID == 0 {
			st.CreatedAt = s.now()
			if err := tx.CreateStation(ctx, st); err != nil {
				return err
			}
			return s.record(ctx, tx, "create", "station", itoa(st.ID), st)
		}
		old, err := tx.Station(ctx, st.ID)
		if err != nil {
			return err
		}
		st.CreatedAt = old.CreatedAt
		if err := tx.UpdateStation(ctx, *st); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "station", itoa(st.ID), map[string]any{"before": old, "after": st})
	})
}

// SaveMerchant creates (ID 0) or updates a merchant; an invalid USCC is never stored (R-L41).
func (s *Service) SaveMerchant(ctx context.Context, m *merchant.Merchant) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		var errs invalid.Errors
		if m.AreaID != nil {
			if _, err := tx.Area(ctx, *m.AreaID); errors.Is(err, store.ErrNotFound) {
				errs.Add("area_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
		}
		if m.CustodyID != nil {
			if _, err := tx.Merchant(ctx, *m.CustodyID); errors.Is(err, store.ErrNotFound) {
				errs.Add("custody_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := s.now()
		m.UpdatedAt = now
		if m.ID == 0 {
			m.CreatedAt = now
			if err := tx.CreateMerchant(ctx, m); err != nil {
				return err
			}
			return s.record(ctx, tx, "create", "merchant", itoa(m.ID), m)
		}
		old, err := tx.Merchant(ctx, m.ID)
		if err != nil {
			return err
		}
		m.CreatedAt = old.CreatedAt
		if err := tx.UpdateMerchant(ctx, *m); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "merchant", itoa(m.ID), map[string]any{"before": old, "after": m})
	})
}

// CreateUser adds a user with a password.
func (s *Service) CreateUser(ctx context.Context, u *auth.User, password string) error {
	if err := u.Validate(password, true); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	u.CreatedAt = s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := checkUserRefs(ctx, tx, u); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "user", itoa(u.ID), u)
	})
}

// UpdateUser changes a user; an empty password keeps the old one. A new password (an
// admin's reset) or a deactivation ends every session of the user.
func (s *Service) UpdateUser(ctx context.Context, u *auth.User, password string) error {
	return s.updateUser(ctx, u, password, "")
}

// updateUser is UpdateUser keeping the session keepHash when the password changes.
func (s *Service) updateUser(ctx context.Context, u *auth.User, password, keepHash string) error {
	if err := u.Validate(password, false); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.User(ctx, u.ID)
		if err != nil {
			return err
		}
		u.PasswordHash, u.CreatedAt = old.PasswordHash, old.CreatedAt
		if password != "" {
			if u.PasswordHash, err = auth.HashPassword(password); err != nil {
				return err
			}
		}
		if err := checkUserRefs(ctx, tx, u); err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, *u); err != nil {
			return err
		}
		if password != "" {
			if err := tx.EndSessions(ctx, u.ID, keepHash); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "update", "user", itoa(u.ID), map[string]any{"before": old, "after": u, "password_changed": password != ""})
	})
}

func checkUserRefs(ctx context.Context, tx *store.Tx, u *auth.User) error {
	var errs invalid.Errors
	if u.AreaID != nil {
		if _, err := tx.Area(ctx, *u.AreaID); errors.Is(err, store.ErrNotFound) {
			errs.Add("area_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
	}
	if u.StationID != nil {
		if _, err := tx.Station(ctx, *u.StationID); errors.Is(err, store.ErrNotFound) {
			errs.Add("station_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
	}
	if u.MerchantID != nil {
		if _, err := tx.Merchant(ctx, *u.MerchantID); errors.Is(err, store.ErrNotFound) {
			errs.Add("merchant_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
	}
	return errs.Err()
}
