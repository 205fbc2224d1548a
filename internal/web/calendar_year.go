package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/fault"
)

type calendarYearData struct {
	Weekdays []string
	Year     int
	Workdays int
	Sources  []sourceLink
	Runs     []holidayRun
	Months   []monthView
	Rows     []calendar.Day
}

// holidayRun is one festival of a notice: its days off and the weekend days worked for it.
type holidayRun struct {
	Name       string
	Off        []calendar.Date
	Makeups    []calendar.Date
	OffText    string
	MakeupText string
}

type monthView struct {
	Title string
	Weeks [][7]dayCell
}

// dayCell is one day of the year view; a zero Day is padding before the 1st or after the end.
type dayCell struct {
	Day   int
	Class string // work, weekend, holiday, makeup
	Title string
	Today bool
}

// showCalendarYear shows a loaded year: its festivals with their days off and make-up working
// days, twelve small months coloured the same way, and the rows as loaded.
func (h *Handler) showCalendarYear(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1900 || year > 2999 {
		h.fail(w, r, fault.ErrNotFound)
		return
	}
	days, err := h.svc.CalendarYearDays(ctx, who(r), year)
	if err == nil && len(days) == 0 {
		err = fault.ErrNotFound
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cal, err := calendar.New(days)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := calendarYearData{Year: year, Rows: days}
	d.Workdays, _ = cal.WorkdaysInYear(year)
	for _, day := range days {
		if !slices.ContainsFunc(d.Sources, func(l sourceLink) bool { return l.URL == day.Source }) {
			d.Sources = append(d.Sources, sourceOf(day.Source))
		}
		i := slices.IndexFunc(d.Runs, func(r holidayRun) bool { return r.Name == day.Name })
		if i < 0 {
			d.Runs = append(d.Runs, holidayRun{Name: day.Name})
			i = len(d.Runs) - 1
		}
		if day.Kind == calendar.Workday {
			d.Runs[i].Makeups = append(d.Runs[i].Makeups, day.Date)
		} else {
			d.Runs[i].Off = append(d.Runs[i].Off, day.Date)
		}
	}
	for i := range d.Runs {
		d.Runs[i].OffText, d.Runs[i].MakeupText = dateRanges(d.Runs[i].Off), weekendDays(lang, d.Runs[i].Makeups)
	}
	for i := 1; i <= 7; i++ {
		d.Weekdays = append(d.Weekdays, tr(lang, "board.cal.wd."+strconv.Itoa(i)))
	}
	today := calendar.DateOf(h.svc.Now())
	for m := time.January; m <= time.December; m++ {
		d.Months = append(d.Months, monthGrid(lang, cal, year, m, today))
	}
	h.render(w, r, http.StatusOK, "admin_calendar_year", page{Title: "board.calendar.title", Active: "calendar", Data: d})
}

// monthGrid lays a month out in weeks from Monday, as Chinese calendars do.
func monthGrid(lang string, cal *calendar.Calendar, year int, m time.Month, today calendar.Date) monthView {
	v := monthView{Title: tr(lang, "board.cal.month."+strconv.Itoa(int(m)))}
	first := calendar.Date{Year: year, Month: m, Day: 1}
	col := (int(first.Weekday()) + 6) % 7
	var week [7]dayCell
	for d := first; d.Month == m; d = d.AddDays(1) {
		c := dayCell{Day: d.Day, Class: "work", Today: d == today}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			c.Class = "weekend"
		}
		if row, ok := cal.Lookup(d); ok {
			c.Class, c.Title = "holiday", row.Name
			if row.Kind == calendar.Workday {
				c.Class, c.Title = "makeup", tr(lang, "board.cal.makeup_for", "name", row.Name)
			}
		}
		week[col] = c
		col++
		if col == 7 {
			v.Weeks, week, col = append(v.Weeks, week), [7]dayCell{}, 0
		}
	}
	if col > 0 {
		v.Weeks = append(v.Weeks, week)
	}
	return v
}

// dateRanges writes dates as runs of consecutive days: "02-15 – 02-23, 04-05".
func dateRanges(ds []calendar.Date) string {
	var parts []string
	for i := 0; i < len(ds); {
		j := i
		for j+1 < len(ds) && ds[j].AddDays(1) == ds[j+1] {
			j++
		}
		part := mmdd(ds[i])
		if j > i {
			part += " – " + mmdd(ds[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// weekendDays writes make-up working days with their weekday: "02-14 (六)".
func weekendDays(lang string, ds []calendar.Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = mmdd(d) + " (" + tr(lang, "board.cal.wd."+strconv.Itoa((int(d.Weekday())+6)%7+1)) + ")"
	}
	return strings.Join(parts, ", ")
}

func mmdd(d calendar.Date) string { return fmt.Sprintf("%02d-%02d", int(d.Month), d.Day) }
