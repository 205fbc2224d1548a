package service

import (
	"context"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Rate is one on-time KPI: the counts and their share, nil when nothing fell due.
type Rate struct {
	store.KindStats
	Rate *float64 `json:"rate"`
}

func rate(st store.KindStats) Rate {
	r := Rate{KindStats: st}
	if st.Due > 0 {
		v := float64(st.OnTime) / float64(st.Due)
		r.Rate = &v
	}
	return r
}

// OnSiteKPI is the on-site promise kept (R-S1, R-L28): share, and minutes from receipt to arrival.
type OnSiteKPI struct {
	Rate
	Arrived       int      `json:"arrived"`
	MedianMinutes *float64 `json:"median_minutes"`
	P90Minutes    *float64 `json:"p90_minutes"`
}

// KPIs are the office's timeliness figures for a period (R-L28), counted over the deadlines
// that fell due in it: a deadline met by its due time is on time; one still open past it is overdue.
type KPIs struct {
	From         calendar.Date   `json:"from"`
	To           calendar.Date   `json:"to"`
	AreaID       *int64          `json:"area_id,omitempty"`
	StationID    *int64          `json:"station_id,omitempty"`
	Acceptance   Rate            `json:"acceptance_on_time"`   // 按时初查率 (R-L6)
	Closure      Rate            `json:"closure_on_time"`      // 按时办结率: mediation ended in its period (R-L18)
	Verification Rate            `json:"verification_on_time"` // 举报按时核查率 (R-L24)
	OnSite       OnSiteKPI       `json:"on_site"`              // R-S1
	ByKind       map[string]Rate `json:"by_kind"`              // every clock, for the board
}

// KPIQuery is a period, inclusive, in Asia/Shanghai, and optionally an area (with the areas
// below it) and a station.
type KPIQuery struct {
	From, To  calendar.Date
	AreaID    *int64
	StationID *int64
}

// KPIs computes the figures with SQL aggregates over the user's scope.
func (s *Service) KPIs(ctx context.Context, p auth.Principal, q KPIQuery) (KPIs, error) {
	u := p.User
	if !p.Staff() {
		return KPIs{}, ErrForbidden
	}
	if q.To.Before(q.From) {
		return KPIs{}, invalid.New("to", invalid.Conflict)
	}
	if q.To.Year-q.From.Year > 5 {
		return KPIs{}, invalid.New("to", invalid.Format)
	}
	f, err := s.kpiFilter(ctx, u, q.AreaID, q.StationID)
	if err != nil {
		return KPIs{}, err
	}
	f.From, f.To, f.Now = q.From.Start(), calendar.DueAt(q.To), s.now()
	stats, err := s.store.DeadlineStats(ctx, f)
	if err != nil {
		return KPIs{}, err
	}
	out := KPIs{From: q.From, To: q.To, AreaID: q.AreaID, StationID: q.StationID, ByKind: map[string]Rate{}}
	for _, k := range deadline.Kinds {
		out.ByKind[string(k)] = rate(stats[string(k)])
	}
	out.Acceptance = out.ByKind[string(deadline.Acceptance)]
	out.Closure = out.ByKind[string(deadline.Mediation)]
	out.Verification = out.ByKind[string(deadline.ReportVerification)]
	out.OnSite.Rate = out.ByKind[string(deadline.OnSite)]
	n, median, p90, err := s.store.ArrivalMinutes(ctx, f)
	if err != nil {
		return KPIs{}, err
	}
	out.OnSite.Arrived = n
	if n > 0 {
		out.OnSite.MedianMinutes, out.OnSite.P90Minutes = &median, &p90
	}
	return out, nil
}

func (s *Service) kpiFilter(ctx context.Context, u *auth.User, areaID, stationID *int64) (store.KPIFilter, error) {
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return store.KPIFilter{}, err
	}
	f := store.KPIFilter{Scope: sc, StationID: stationID}
	if areaID != nil {
		a, err := s.store.Area(ctx, *areaID)
		if err != nil {
			return f, invalid.New("area", invalid.NotFound)
		}
		f.AreaPath = a.Path
	}
	if stationID != nil {
		if _, err := s.store.Station(ctx, *stationID); err != nil {
			return f, invalid.New("station", invalid.NotFound)
		}
	}
	return f, nil
}

// ClockQuery narrows the live board.
type ClockQuery struct {
	AreaID    *int64
	StationID *int64
	Kind      deadline.Kind
	Limit     int
}

// Clocks lists the live deadlines of everything running in the user's scope, for the
// supervisor's board, with totals.
func (s *Service) Clocks(ctx context.Context, p auth.Principal, q ClockQuery) ([]deadline.Clock, deadline.Counts, error) {
	u := p.User
	if !p.Staff() {
		return nil, deadline.Counts{}, ErrForbidden
	}
	if q.Kind != "" && !q.Kind.Valid() {
		return nil, deadline.Counts{}, invalid.New("kind", invalid.OneOf, "values", "on_site, acceptance, mediation, termination_notice, violation_clue, report_verification, reply_12345, jurisdiction")
	}
	f, err := s.kpiFilter(ctx, u, q.AreaID, q.StationID)
	if err != nil {
		return nil, deadline.Counts{}, err
	}
	return s.store.Clocks(ctx, store.ClockFilter{Scope: f.Scope, AreaPath: f.AreaPath, StationID: f.StationID, Kind: string(q.Kind), Limit: q.Limit}, s.now())
}
