package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

type calendarData struct {
	Years     []calendarYearRow
	Warn      *calendarWarning
	Today     calendar.Date
	RowErrors []rowErrorView
	// NoticeErrors are what a pasted notice could not be read for (calendar_notice.go).
	NoticeErrors []rowErrorView
}

// calendarYearRow is one loaded year: its counts, the notice it comes from, and its last load.
type calendarYearRow struct {
	Year     int
	Workdays int
	Holidays int
	Makeups  int
	Sources  []sourceLink
	Load     calendar.Load
	Current  bool
}

type rowErrorView struct {
	Line    int
	Message string
}

// showCalendar lists the loaded years of the official calendar with the form that loads a
// new one (issue 4 point 1, R-L43).
func (h *Handler) showCalendar(w http.ResponseWriter, r *http.Request) {
	d, err := h.calendarData(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string][]string{"year": {strconv.Itoa(nextYear(d))}}
	h.render(w, r, http.StatusOK, "admin_calendar", page{Title: "board.calendar.title", Active: "calendar", Flash: calendarFlash(r, d), Form: form, Data: d})
}

func (h *Handler) calendarData(ctx context.Context) (calendarData, error) {
	d := calendarData{Today: calendar.DateOf(h.svc.Now())}
	days, err := h.svc.CalendarDays(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return d, err
	}
	cal, err := calendar.New(days)
	if err != nil {
		return d, err
	}
	loads, err := h.svc.CalendarLoads(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return d, err
	}
	byYear := map[int]*calendarYearRow{}
	for _, day := range days {
		y := byYear[day.Date.Year]
		if y == nil {
			y = &calendarYearRow{Year: day.Date.Year, Load: loads[day.Date.Year], Current: day.Date.Year == d.Today.Year}
			y.Workdays, _ = cal.WorkdaysInYear(y.Year)
			byYear[y.Year] = y
		}
		if day.Kind == calendar.Workday {
			y.Makeups++
		} else {
			y.Holidays++
		}
		if !slices.ContainsFunc(y.Sources, func(l sourceLink) bool { return l.URL == day.Source }) {
			y.Sources = append(y.Sources, sourceOf(day.Source))
		}
	}
	for _, y := range cal.Years() {
		d.Years = append(d.Years, *byYear[y])
	}
	if d.Warn, err = h.calendarWarning(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// nextYear is the year an admin most likely loads next: the one after the last loaded.
func nextYear(d calendarData) int {
	if len(d.Years) == 0 {
		return d.Today.Year
	}
	return d.Years[len(d.Years)-1].Year + 1
}

func calendarFlash(r *http.Request, d calendarData) string {
	q := r.URL.Query()
	year, err := strconv.Atoi(q.Get("loaded"))
	if err != nil {
		return ""
	}
	moved, _ := strconv.Atoi(q.Get("moved"))
	for _, y := range d.Years {
		if y.Year == year {
			return tr(langOf(r), "board.calendar.loaded", "year", year, "days", y.Holidays+y.Makeups, "workdays", y.Workdays, "moved", moved)
		}
	}
	return ""
}

// sourceLink is a notice's address with a short label; only web addresses become links.
type sourceLink struct {
	URL, Label string
	Link       bool
}

// sourceOf shortens a notice's address to its site and last part, "www.gov.cn › content_7047091.htm".
func sourceOf(s string) sourceLink {
	l := sourceLink{URL: s, Label: s}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return l
	}
	l.Link, l.Label = true, u.Host
	if p := strings.Trim(u.Path, "/"); p != "" {
		l.Label += " › " + p[strings.LastIndex(p, "/")+1:]
	}
	return l
}
