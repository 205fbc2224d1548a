package web

import (
	"net/http"
	"net/url"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// boardClockLimit is how many live clocks the board lists; the counts cover them all.
const boardClockLimit = 300

type boardData struct {
	Areas       []areaChoice
	Stations    []areaChoice
	Presets     []periodPreset
	From, To    calendar.Date
	Counts      deadline.Counts
	OnSite      []clockRow
	Statutory   []clockRow
	Listed      int
	Figures     []kpiFigure
	Kinds       []kindRate
	CalWarn     *calendarWarning
	CanCalendar bool
	AmberFrac   string
	AmberMins   string
}

// clockRow is one live clock on the board.
type clockRow struct {
	C       deadline.Clock
	Label   string
	Due     dueView
	Station string
}

type periodPreset struct {
	Label, URL string
	Active     bool
}

// showBoard is the supervisors' board (R-L28): the live clocks of everything running in
// the user's scope, on-site promises first, and the on-time figures of a period.
func (h *Handler) showBoard(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	q := r.URL.Query()
	now := h.svc.Now()
	var errs invalid.Errors
	d := boardData{AmberFrac: floatStr(h.opt.AmberFraction), AmberMins: intStr(int(h.opt.AmberWithin.Minutes())), CanCalendar: u.Role == auth.Admin}
	sc, err := h.scopeSet(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	all, areas, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, a := range areas {
		if sc[a.ID] {
			d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
		}
	}
	stations, err := h.svc.Stations(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, st := range stations {
		names[st.ID] = st.Name
		if _, ok := all[st.AreaID]; ok && st.Active && sc[st.AreaID] {
			d.Stations = append(d.Stations, areaChoice{st.ID, st.Name})
		}
	}
	areaID := queryID(q.Get("area"), "area", &errs)
	stationID := queryID(q.Get("station"), "station", &errs)
	d.From, d.To = periodOf(q, now, &errs)
	clocks, counts, err := h.svc.Clocks(ctx, who(r), service.ClockQuery{AreaID: areaID, StationID: stationID, Limit: boardClockLimit})
	if fe, ok := invalid.As(err); ok {
		errs = append(errs, fe...)
		areaID, stationID = nil, nil
		clocks, counts, err = h.svc.Clocks(ctx, who(r), service.ClockQuery{Limit: boardClockLimit})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Counts, d.Listed = counts, len(clocks)
	for _, c := range clocks {
		row := clockRow{C: c, Label: trOr(lang, "deadline."+string(c.Kind), "web.due_kind.other"), Station: c.StationName}
		if c.DueAt != nil && c.PausedAt == nil {
			row.Due = h.countdown(lang, c.Start, *c.DueAt, now)
		}
		if c.Kind == deadline.OnSite {
			d.OnSite = append(d.OnSite, row)
		} else {
			d.Statutory = append(d.Statutory, row)
		}
	}
	k, err := h.svc.KPIs(ctx, who(r), service.KPIQuery{From: d.From, To: d.To, AreaID: areaID, StationID: stationID})
	if fe, ok := invalid.As(err); ok {
		errs = append(errs, fe...)
		d.From, d.To = monthOf(calendar.DateOf(now))
		k, err = h.svc.KPIs(ctx, who(r), service.KPIQuery{From: d.From, To: d.To, AreaID: areaID, StationID: stationID})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Figures, d.Kinds = kpiFigures(lang, k), kindRates(lang, k)
	d.Presets = periodPresets(lang, q, now, d.From, d.To)
	if d.CalWarn, err = h.calendarWarning(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	status, fe := http.StatusOK, map[string]string(nil)
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		fe, _ = formErrors(lang, errs.Err())
	}
	form := url.Values{"from": {d.From.String()}, "to": {d.To.String()}, "area": {idStr(areaID)}, "station": {idStr(stationID)}}
	h.render(w, r, status, "board", page{Title: "web.nav.board", Active: "board", Errors: fe, Form: form, Data: d})
}

// inScope reports whether an area lies in what the user may see (R-P4).

// periodOf reads the period of the figures; the current month when none is given.
func periodOf(q url.Values, now time.Time, errs *invalid.Errors) (calendar.Date, calendar.Date) {
	from, to := monthOf(calendar.DateOf(now))
	if v := q.Get("from"); v != "" {
		if d, err := calendar.ParseDate(v); err == nil {
			from = d
		} else {
			errs.Add("from", invalid.Format)
		}
	}
	if v := q.Get("to"); v != "" {
		if d, err := calendar.ParseDate(v); err == nil {
			to = d
		} else {
			errs.Add("to", invalid.Format)
		}
	}
	return from, to
}

// monthOf is the first and last day of d's month.
func monthOf(d calendar.Date) (calendar.Date, calendar.Date) {
	first := calendar.Date{Year: d.Year, Month: d.Month, Day: 1}
	next := calendar.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
	if d.Month == time.December {
		next = calendar.Date{Year: d.Year + 1, Month: time.January, Day: 1}
	}
	return first, next.AddDays(-1)
}

// periodPresets are one-click periods: this month, last month, this year.
func periodPresets(lang string, q url.Values, now time.Time, from, to calendar.Date) []periodPreset {
	today := calendar.DateOf(now)
	thisFrom, thisTo := monthOf(today)
	lastFrom, lastTo := monthOf(thisFrom.AddDays(-1))
	yearFrom, yearTo := calendar.Date{Year: today.Year, Month: time.January, Day: 1}, calendar.Date{Year: today.Year, Month: time.December, Day: 31}
	var out []periodPreset
	for _, p := range []struct {
		key  string
		a, b calendar.Date
	}{{"board.period.this_month", thisFrom, thisTo}, {"board.period.last_month", lastFrom, lastTo}, {"board.period.this_year", yearFrom, yearTo}} {
		v := url.Values{"from": {p.a.String()}, "to": {p.b.String()}}
		for _, k := range []string{"area", "station"} {
			if q.Get(k) != "" {
				v.Set(k, q.Get(k))
			}
		}
		out = append(out, periodPreset{Label: tr(lang, p.key), URL: "/board?" + v.Encode(), Active: p.a == from && p.b == to})
	}
	return out
}
