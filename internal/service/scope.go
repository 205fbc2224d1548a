package service

import (
	"context"
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/store"
)

// userScope works out which matters a user may see (R-P4): admins everything, staff
// their own area and the areas below it, merchants complaints against themselves.
func (s *Service) userScope(ctx context.Context, u *auth.User) (store.Scope, error) {
	switch {
	case u.Role == auth.Admin:
		return store.Scope{All: true}, nil
	case u.Role == auth.Merchant:
		if u.MerchantID == nil {
			return store.Scope{}, nil
		}
		return store.Scope{MerchantID: u.MerchantID}, nil
	case !u.Role.Staff():
		return store.Scope{}, nil
	case u.Role == auth.Judge:
		return s.courtScope(ctx, u)
	}
	areaID := u.AreaID
	if u.StationID != nil {
		st, err := s.store.Station(ctx, *u.StationID)
		if err != nil {
			return store.Scope{}, err
		}
		areaID = &st.AreaID
	}
	if areaID == nil {
		return store.Scope{}, nil
	}
	a, err := s.store.Area(ctx, *areaID)
	if err != nil {
		return store.Scope{}, err
	}
	lo, hi := dispatch.SubtreeRange(a.Path)
	return store.Scope{PathLo: lo, PathHi: hi, Unplaced: a.ParentID == nil}, nil
}

// Visible reports whether a matter lies in a scope.
func Visible(sc store.Scope, m *casework.Matter) bool {
	switch {
	case sc.Court != nil:
		return slices.Contains(sc.CourtMatters, m.ID)
	case sc.MerchantID != nil:
		return m.Kind == casework.Complaint && m.MerchantID != nil && *m.MerchantID == *sc.MerchantID
	case sc.All:
		return true
	case sc.PathLo == "":
		return false
	case m.AreaID == nil:
		return sc.Unplaced
	}
	return m.AreaPath >= sc.PathLo && m.AreaPath < sc.PathHi
}
