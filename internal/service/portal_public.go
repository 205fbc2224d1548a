package service

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/dispatch"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
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
// address, and the figures the office publishes of it (R-L29) — the configured fields of the
// published period, in the configured order; none when it had fewer complaints than the
// threshold (TooFew) or the office publishes none.
type PublicMerchant struct {
	ID      int64
	Name    string
	Address string
	Figures []PublicFigure
	TooFew  bool
}

// PublicFigure is one published field of a merchant's figures, written out: a count, a rate
// ("75%"), money ("¥1,200.00") or hours ("36.0"); "—" when there is no rate yet.
type PublicFigure struct {
	Field string // one of credit.DisclosureFields
	Value string
}

// MerchantSearch is the portal's merchant search: what the office's disclosure settings let the
// public see — the same settings as MerchantDisclosure (issue 11) — and the merchants found.
type MerchantSearch struct {
	Enabled       bool          // the office publishes merchants' figures at all
	Period        credit.Period // the period published
	MinComplaints int           // merchants with fewer in the period have no figures shown
	Merchants     []PublicMerchant
}

// PublicMerchants looks merchants up by name or USCC for anyone; q must be given. Each comes
// with only the disclosure fields the office switched on, for the latest published period.
func (s *Service) PublicMerchants(ctx context.Context, p auth.Principal, q string) (MerchantSearch, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return MerchantSearch{}, nil
	}
	if utf8.RuneCountInString(q) > 60 {
		return MerchantSearch{}, invalid.New("q", invalid.TooLong, "max", "60")
	}
	set, err := s.CreditSettings(ctx, auth.System)
	if err != nil {
		return MerchantSearch{}, err
	}
	rules := set.Disclosure
	out := MerchantSearch{Enabled: rules.Enabled, Period: rules.Published(calendar.DateOf(s.now())), MinComplaints: rules.MinComplaints}
	list, _, err := s.store.Merchants(ctx, store.MerchantFilter{Q: q, Limit: 20})
	if err != nil {
		return MerchantSearch{}, err
	}
	for _, m := range list {
		pm := PublicMerchant{ID: m.ID, Name: m.Name, Address: m.Address}
		if rules.Enabled {
			figs, err := s.store.MerchantFigures(ctx, out.Period.From.Start(), out.Period.To.AddDays(1).Start(), &m.ID)
			if err != nil {
				return MerchantSearch{}, err
			}
			f := credit.Figures{MerchantID: m.ID, Merchant: m.Name}
			if len(figs) > 0 {
				f = figs[0]
			}
			if pm.TooFew = f.Complaints < rules.MinComplaints; !pm.TooFew {
				pub := rules.Public(f)
				for _, k := range rules.Fields {
					pm.Figures = append(pm.Figures, PublicFigure{Field: k, Value: figureText(k, pub[k])})
				}
			}
		}
		out.Merchants = append(out.Merchants, pm)
	}
	return out, nil
}

// figureText writes one disclosure figure out for the public.
func figureText(field string, v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case money.Fen:
		return "¥" + document.Figures(x)
	case *float64:
		switch {
		case x == nil:
			return "—"
		case strings.HasSuffix(field, "_rate"): // 0.333 → 33.3%
			return strconv.FormatFloat(float64(int(*x*1000+0.5))/10, 'f', -1, 64) + "%"
		}
		return strconv.FormatFloat(*x, 'f', 1, 64)
	}
	return fmt.Sprint(v)
}
