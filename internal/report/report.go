// Package report computes the office's figures for a period — counts by kind,
// channel, category, area and month, completion and mediation rates, money
// recovered, on-site times, satisfaction (C11, R-S4, R-S6) — from aggregates
// the store computes in SQL, and writes them, or a list of matters, as .xlsx or .csv.
// Every figure carries its definition and the matter filter that lists what it counts.
package report

import (
	"net/url"
	"strconv"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Params is the period and place a report counts: matters received from the
// first day through the last, both inclusive, in Asia/Shanghai.
type Params struct {
	From, To  calendar.Date
	AreaID    *int64
	StationID *int64
}

// maxDays bounds a report period; ten years is more than any office reports.
const maxDays = 3700

// Validate checks the period.
func (p Params) Validate() error {
	var errs invalid.Errors
	if p.From.IsZero() {
		errs.Add("from", invalid.Required)
	}
	if p.To.IsZero() {
		errs.Add("to", invalid.Required)
	}
	if !p.From.IsZero() && !p.To.IsZero() && (p.To.Before(p.From) || p.From.AddDays(maxDays).Before(p.To)) {
		errs.Add("to", invalid.Conflict)
	}
	return errs.Err()
}

// Start is the first instant counted.
func (p Params) Start() time.Time { return p.From.Start() }

// End is the first instant after the period.
func (p Params) End() time.Time { return p.To.AddDays(1).Start() }

// Query is the matter-list filter of the whole report (GET /api/v1/matters?…).
func (p Params) Query() url.Values {
	q := url.Values{"from": {p.From.String()}, "to": {p.To.String()}}
	if p.AreaID != nil {
		q.Set("area", strconv.FormatInt(*p.AreaID, 10))
	}
	if p.StationID != nil {
		q.Set("station", strconv.FormatInt(*p.StationID, 10))
	}
	return q
}

// Counts are the store's answers for a report: counts, never matters.
type Counts struct {
	Total                          int64 // the sum of ByMonth, whose months partition the period
	Combos                         []Combo
	Closed, Agreements, Terminated int64
	Recovered                      money.Fen        // over agreements
	ByPath                         map[string]int64 // area path ("" = no area) → matters placed there
	ByMonth                        map[string]int64 // YYYY-MM → matters received in that month of the period
	Minutes                        []MinuteCount    // on-site response times, ordered by minutes
	Rated, RatingSum               int64            // satisfaction ratings: how many, and their sum
	HotlineRatings                 map[string]int64 // the 12345 centre's callback ratings of work orders, by rating (R-L27)
}

// Combo counts the matters of one kind, channel and category.
type Combo struct {
	Kind     casework.Kind
	Channel  casework.Channel
	Category casework.Category
	Count    int64
}

// Month is one month of a period, cut to the period: [From, To).
type Month struct {
	Key      string // YYYY-MM
	From, To time.Time
}

// Months splits a period into its months, in Asia/Shanghai.
func (p Params) Months() []Month {
	var out []Month
	for _, key := range monthsOf(p) {
		first, last := monthRange(key, p)
		out = append(out, Month{Key: key, From: first.Start(), To: last.AddDays(1).Start()})
	}
	return out
}

// MinuteCount is how many matters with an on-site promise were reached after
// Minutes (nil: not yet), and how many of them in time.
type MinuteCount struct {
	Minutes     *int64
	Count, Kept int64
}

// AreaFrame says how the report splits by area: the top-level areas under
// Base (the office when nil), the matters placed at Base itself, and — when
// the viewer's scope holds them — the matters with no area.
type AreaFrame struct {
	Base     *dispatch.Area
	Children []dispatch.Area
	Unplaced bool
}

// Text is a definition in both languages.
type Text struct {
	ZH string `json:"zh-CN"`
	EN string `json:"en"`
}

// AreaCount is one line of by_area.
type AreaCount struct {
	Key    string `json:"key"` // "area:<id>", "self" (the chosen area itself) or "unplaced"
	AreaID *int64 `json:"area_id,omitempty"`
	Name   string `json:"name"`
	Count  int64  `json:"count"`
}

// MonthCount is one line of by_month.
type MonthCount struct {
	Month string `json:"month"` // YYYY-MM
	Count int64  `json:"count"`
}

// OnSite is the on-site promise in figures (R-S1).
type OnSite struct {
	Count         int64    `json:"count"`
	Kept          int64    `json:"kept"`
	Arrived       int64    `json:"arrived"`
	KeptRate      *float64 `json:"kept_rate"`
	MedianMinutes *int64   `json:"median_minutes"`
	P90Minutes    *int64   `json:"p90_minutes"`
}

// Satisfaction is the callback ratings in figures.
type Satisfaction struct {
	Count int64    `json:"count"`
	Mean  *float64 `json:"mean"`
}

// Summary is the report. Rates are fractions 0–1, null when their denominator is 0.
type Summary struct {
	From                 calendar.Date     `json:"from"`
	To                   calendar.Date     `json:"to"`
	AreaID               *int64            `json:"area_id,omitempty"`
	StationID            *int64            `json:"station_id,omitempty"`
	Total                int64             `json:"total"`
	ByKind               map[string]int64  `json:"by_kind"`
	ByChannel            map[string]int64  `json:"by_channel"`
	ByCategory           map[string]int64  `json:"by_category"`
	ByArea               []AreaCount       `json:"by_area"`
	ByMonth              []MonthCount      `json:"by_month"`
	Closed               int64             `json:"closed"`
	CompletionRate       *float64          `json:"completion_rate"`
	MediationsConcluded  int64             `json:"mediations_concluded"`
	Agreements           int64             `json:"agreements"`
	MediationSuccessRate *float64          `json:"mediation_success_rate"`
	RecoveredAmount      money.Fen         `json:"recovered_amount"`
	OnSite               OnSite            `json:"on_site"`
	Satisfaction         Satisfaction      `json:"satisfaction"`
	Hotline12345         HotlineRatings    `json:"hotline_12345"`
	Definitions          map[string]Text   `json:"definitions"`
	Queries              map[string]string `json:"queries"`
}

// Unclassified is the by_category key of matters with no category yet.
const Unclassified = "none"

// Build folds the store's counts into the report.
func Build(p Params, frame AreaFrame, c *Counts) *Summary {
	s := &Summary{From: p.From, To: p.To, AreaID: p.AreaID, StationID: p.StationID,
		ByKind: map[string]int64{}, ByChannel: map[string]int64{}, ByCategory: map[string]int64{}}
	for _, k := range casework.Kinds {
		s.ByKind[string(k)] = 0
	}
	for _, ch := range casework.Channels {
		s.ByChannel[string(ch)] = 0
	}
	for _, cat := range []string{string(casework.Goods), string(casework.Services), Unclassified} {
		s.ByCategory[cat] = 0
	}
	for _, cb := range c.Combos {
		s.ByKind[string(cb.Kind)] += cb.Count
		s.ByChannel[string(cb.Channel)] += cb.Count
		cat := string(cb.Category)
		if cat == "" {
			cat = Unclassified
		}
		s.ByCategory[cat] += cb.Count
	}
	s.Total = c.Total
	for _, m := range monthsOf(p) {
		s.ByMonth = append(s.ByMonth, MonthCount{Month: m, Count: c.ByMonth[m]})
	}
	areas := newAreaFold(frame)
	for path, n := range c.ByPath {
		areas.add(path, n)
	}
	s.ByArea = areas.lines()
	s.Closed, s.Agreements, s.RecoveredAmount = c.Closed, c.Agreements, c.Recovered
	s.MediationsConcluded = c.Agreements + c.Terminated
	s.CompletionRate = rate(s.Closed, s.Total)
	s.MediationSuccessRate = rate(s.Agreements, s.MediationsConcluded)
	s.OnSite = onSite(c.Minutes)
	s.Satisfaction.Count = c.Rated
	if c.Rated > 0 {
		mean := float64(c.RatingSum) / float64(c.Rated)
		s.Satisfaction.Mean = &mean
	}
	s.Hotline12345 = hotlineRatings(c.HotlineRatings)
	s.Queries = queries(p, s)
	s.Definitions = Definitions()
	return s
}

func rate(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	r := float64(num) / float64(den)
	return &r
}

// monthsOf lists the months a period touches, as YYYY-MM.
func monthsOf(p Params) []string {
	var out []string
	for y, m := p.From.Year, p.From.Month; y < p.To.Year || (y == p.To.Year && m <= p.To.Month); {
		out = append(out, calendar.Date{Year: y, Month: m, Day: 1}.String()[:7])
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

func onSite(hist []MinuteCount) OnSite {
	var o OnSite
	for _, h := range hist {
		o.Count += h.Count
		o.Kept += h.Kept
		if h.Minutes != nil {
			o.Arrived += h.Count
		}
	}
	o.KeptRate = rate(o.Kept, o.Count)
	o.MedianMinutes = Percentile(hist, o.Arrived, 50)
	o.P90Minutes = Percentile(hist, o.Arrived, 90)
	return o
}

// Percentile reads the nearest-rank p-th percentile off a histogram ordered by
// minutes: the ⌈p·n/100⌉-th smallest of the n arrived matters; nil when n is 0.
func Percentile(hist []MinuteCount, n int64, p int64) *int64 {
	if n == 0 {
		return nil
	}
	rank := (p*n + 99) / 100
	var seen int64
	for _, h := range hist {
		if h.Minutes == nil {
			continue
		}
		if seen += h.Count; seen >= rank {
			v := *h.Minutes
			return &v
		}
	}
	return nil
}
