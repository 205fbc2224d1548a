package service

import (
	"context"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/ledger"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// The office's reference data — areas, stations, staff, merchants, keys, imports,
// the calendar — read through the same door as matters: each read says who may make it.

func signedIn(p auth.Principal) bool { return p.System || p.User != nil }

func admin(p auth.Principal) bool { return p.System || p.Role() == auth.Admin }

// Areas lists the area tree; it names places, not people, so anyone signed in may read it.
func (s *Service) Areas(ctx context.Context, p auth.Principal) ([]dispatch.Area, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.store.Areas(ctx)
}

// FindAreas finds areas whose name holds q, the deepest first.
func (s *Service) FindAreas(ctx context.Context, p auth.Principal, q string, limit int) ([]dispatch.Area, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.store.FindAreas(ctx, q, limit)
}

// Area returns one area.
func (s *Service) Area(ctx context.Context, p auth.Principal, id int64) (dispatch.Area, error) {
	if !signedIn(p) {
		return dispatch.Area{}, ErrUnauthorized
	}
	return s.store.Area(ctx, id)
}

// Stations lists the stations; who heads each is for staff only.
func (s *Service) Stations(ctx context.Context, p auth.Principal) ([]dispatch.Station, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	list, err := s.store.Stations(ctx)
	for i := range list {
		list[i] = stationFor(p, list[i])
	}
	return list, err
}

// Station returns one station.
func (s *Service) Station(ctx context.Context, p auth.Principal, id int64) (dispatch.Station, error) {
	if !signedIn(p) {
		return dispatch.Station{}, ErrUnauthorized
	}
	st, err := s.store.Station(ctx, id)
	return stationFor(p, st), err
}

func stationFor(p auth.Principal, st dispatch.Station) dispatch.Station {
	if !p.System && !p.Staff() {
		st.HeadID = nil
	}
	return st
}

// Users lists every user; administration only.
func (s *Service) Users(ctx context.Context, p auth.Principal) ([]auth.User, error) {
	if !admin(p) {
		return nil, ErrForbidden
	}
	return s.store.Users(ctx)
}

// User returns one user; administration only.
func (s *Service) User(ctx context.Context, p auth.Principal, id int64) (auth.User, error) {
	if !admin(p) {
		return auth.User{}, ErrForbidden
	}
	return s.store.User(ctx, id)
}

// StaffMember is a colleague as the case page names them: no phone, no credentials.
type StaffMember struct {
	ID        int64
	Name      string
	Role      auth.Role
	StationID *int64
	Active    bool
}

// Staff lists the office's people by name and station, for staff: who did what on
// a timeline, whom a matter can be dispatched to.
func (s *Service) Staff(ctx context.Context, p auth.Principal) ([]StaffMember, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]StaffMember, 0, len(users))
	for _, u := range users {
		if u.Role.Staff() {
			out = append(out, StaffMember{ID: u.ID, Name: u.Name(), Role: u.Role, StationID: u.StationID, Active: u.Active})
		}
	}
	return out, nil
}

// MerchantQuery narrows the merchant registry: part of a name or a USCC, custody company.
type MerchantQuery struct {
	Q             string
	Custody       *int64
	Limit, Offset int
}

// Merchants lists the registry for staff.
func (s *Service) Merchants(ctx context.Context, p auth.Principal, q MerchantQuery) ([]merchant.Merchant, int, error) {
	if !p.System && !p.Staff() {
		return nil, 0, ErrForbidden
	}
	return s.store.Merchants(ctx, store.MerchantFilter{Q: strings.TrimSpace(q.Q), Custody: q.Custody, Limit: q.Limit, Offset: q.Offset})
}

// Merchant returns one merchant: to staff, and to a merchant's own users.
func (s *Service) Merchant(ctx context.Context, p auth.Principal, id int64) (merchant.Merchant, error) {
	own := p.Role() == auth.Merchant && p.User.MerchantID != nil && *p.User.MerchantID == id
	if !p.System && !p.Staff() && !own {
		return merchant.Merchant{}, store.ErrNotFound
	}
	return s.store.Merchant(ctx, id)
}

// MerchantMatterCount is a merchant's record: every matter ever brought against it, for staff.
func (s *Service) MerchantMatterCount(ctx context.Context, p auth.Principal, id int64) (int, error) {
	if !p.System && !p.Staff() {
		return 0, ErrForbidden
	}
	return s.store.MerchantMatterCount(ctx, id)
}

// Imports lists the latest ledger imports for those who may import.
func (s *Service) Imports(ctx context.Context, p auth.Principal, limit int) ([]ledger.Import, error) {
	if !MayImport(p.User) || (p.User == nil && !p.System) {
		return nil, ErrForbidden
	}
	return s.store.Imports(ctx, limit)
}

// APIKeys lists the Open311 keys (never the keys themselves) for admins.
func (s *Service) APIKeys(ctx context.Context, p auth.Principal) ([]auth.APIKey, error) {
	if !admin(p) {
		return nil, ErrForbidden
	}
	return s.store.APIKeys(ctx)
}

// CalendarYears lists the loaded years of the official calendar.
func (s *Service) CalendarYears(ctx context.Context, p auth.Principal) ([]calendar.YearCount, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.store.CalendarYears(ctx)
}

// CalendarDays lists every loaded holiday and make-up working day.
func (s *Service) CalendarDays(ctx context.Context, p auth.Principal) ([]calendar.Day, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.store.CalendarDays(ctx)
}

// CalendarYearDays lists one year's holidays and make-up working days.
func (s *Service) CalendarYearDays(ctx context.Context, p auth.Principal, year int) ([]calendar.Day, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.store.CalendarYearDays(ctx, year)
}

// CalendarLoads says who loaded each year and when, for admins.
func (s *Service) CalendarLoads(ctx context.Context, p auth.Principal) (map[int]calendar.Load, error) {
	if !admin(p) {
		return nil, ErrForbidden
	}
	return s.store.CalendarLoads(ctx)
}

// AreasInScope lists the areas whose matters the principal may see, for the pickers
// of its lists, board and reports.
func (s *Service) AreasInScope(ctx context.Context, p auth.Principal) ([]dispatch.Area, error) {
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, nil
	}
	all, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	var out []dispatch.Area
	for _, a := range all {
		if v.scope.All || (v.scope.PathLo != "" && a.Path >= v.scope.PathLo && a.Path < v.scope.PathHi) {
			out = append(out, a)
		}
	}
	return out, nil
}
