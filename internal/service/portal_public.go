package service

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// PublicArea is an area as the public picks it on the portal.
type PublicArea struct {
	ID    int64
	Name  string
	Level dispatch.Level
	Path  string // names from the county down, e.g. 湖口县 / 流泗镇 / 红星村
}

// PublicAreas lists every area with its full name, for the portal's pickers; areas are public.
func (s *Service) PublicAreas(ctx context.Context, p auth.Principal) ([]PublicArea, error) {
	all, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]dispatch.Area, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}
	out := make([]PublicArea, 0, len(all))
	for _, a := range all {
		out = append(out, PublicArea{ID: a.ID, Name: a.Name, Level: a.Level, Path: areaPath(byID, a)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func areaPath(byID map[int64]dispatch.Area, a dispatch.Area) string {
	name := a.Name
	for i := 0; a.ParentID != nil && i < 8; i++ {
		parent, ok := byID[*a.ParentID]
		if !ok {
			break
		}
		name, a = parent.Name+" / "+name, parent
	}
	return name
}

// PublicStation is a station as the public finds it: where, when open, how to call, and how soon
// the office promises to be on site in its area.
type PublicStation struct {
	ID            int64
	Name          string
	AreaID        int64
	AreaPath      string
	Address       string
	Phone         string
	Hours         string
	OnSiteMinutes int
}

// PublicStations lists the active stations; areaID, when set, keeps those of that area and below.
func (s *Service) PublicStations(ctx context.Context, p auth.Principal, areaID *int64) ([]PublicStation, error) {
	areas, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]dispatch.Area, len(areas))
	for _, a := range areas {
		byID[a.ID] = a
	}
	list, err := s.store.Stations(ctx)
	if err != nil {
		return nil, err
	}
	var out []PublicStation
	for _, st := range list {
		a := byID[st.AreaID]
		if !st.Active || (areaID != nil && !under(byID, a, *areaID)) {
			continue
		}
		out = append(out, PublicStation{ID: st.ID, Name: st.Name, AreaID: st.AreaID, AreaPath: areaPath(byID, a), Address: st.Address,
			Phone: st.Phone, Hours: st.Hours, OnSiteMinutes: a.PromiseMinutes()}) // R-S1, as the clocks count it
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AreaPath+out[i].Name < out[j].AreaPath+out[j].Name })
	return out, nil
}

// under reports whether a is the area id or lies below it.
func under(byID map[int64]dispatch.Area, a dispatch.Area, id int64) bool {
	for i := 0; i < 10; i++ {
		if a.ID == id {
			return true
		}
		if a.ParentID == nil {
			return false
		}
		a = byID[*a.ParentID]
	}
	return false
}

// PublicMerchant is a merchant as the public finds it: its registered name and business
// address, and its disclosure figures computed from the matters (SPEC C9).
type PublicMerchant struct {
	ID      int64
	Name    string
	Address string
	Record  merchant.Disclosure
}

// PublicMerchants looks merchants up by name or USCC for anyone; q must be given.
func (s *Service) PublicMerchants(ctx context.Context, p auth.Principal, q string) ([]PublicMerchant, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	if utf8.RuneCountInString(q) > 60 {
		return nil, invalid.New("q", invalid.TooLong, "max", "60")
	}
	list, _, err := s.store.Merchants(ctx, store.MerchantFilter{Q: q, Limit: 20})
	if err != nil {
		return nil, err
	}
	out := make([]PublicMerchant, 0, len(list))
	now := s.now()
	for _, m := range list {
		facts, err := s.store.MerchantComplaintFacts(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, PublicMerchant{ID: m.ID, Name: m.Name, Address: m.Address, Record: merchant.Disclose(facts, now, calendar.Shanghai)})
	}
	return out, nil
}
