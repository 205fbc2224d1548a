package web

import (
	"context"
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
	"weiquan/internal/service"
)

// heads are the office's heads: they read the reports and import ledgers.
var heads = []auth.Role{auth.Admin, auth.Supervisor}

type reportData struct {
	Periods    []string
	Period     reportPeriod
	Presets    []periodPreset
	Areas      []areaChoice
	Stations   []areaChoice
	Quarters   []int
	Office     string
	Scope      string
	Station    string
	Printed    string
	Headline   []figure
	Figures    []figure
	Breakdowns []breakdown
	Months     *breakdown
	Export     struct{ XLSX, CSV, ListXLSX, ListCSV, List string }
}

// showReport is the office's report for a period (C11): the figures with their
// definitions, each a link to the matters it counts, the charts, the exports, and a
// print layout an office can sign.
func (h *Handler) showReport(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	q := r.URL.Query()
	now := h.svc.Now()
	today := calendar.DateOf(now)
	var errs invalid.Errors
	per := readPeriod(q, today, &errs)
	p := report.Params{From: per.From, To: per.To,
		AreaID: queryID(q.Get("area"), "area", &errs), StationID: queryID(q.Get("station"), "station", &errs)}
	s, err := h.svc.Summary(ctx, who(r), p)
	if fe, ok := invalid.As(err); ok {
		errs = append(errs, fe...)
		for _, f := range fe {
			switch f.Field {
			case "from", "to":
				per.From, per.To = monthOf(today)
			case "area":
				p.AreaID = nil
			case "station":
				p.StationID = nil
			}
		}
		p.From, p.To = per.From, per.To
		s, err = h.svc.Summary(ctx, who(r), p)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := reportData{Periods: periodKinds, Period: per, Printed: fmtTime(now)}
	labels, stationNames, err := h.scopeChoices(ctx, lang, u, &d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Presets = reportPresets(lang, q, today, per)
	d.Quarters = []int{1, 2, 3, 4}
	d.Scope = tr(lang, "board.all_scope")
	if p.AreaID != nil {
		d.Scope = labels[*p.AreaID]
	}
	if p.StationID != nil {
		d.Station = stationNames[*p.StationID]
	}
	d.Figures = mainFigures(lang, s)
	d.Headline = headline(lang, d.Figures, s)
	d.Breakdowns = breakdowns(lang, s)
	d.Months = &d.Breakdowns[len(d.Breakdowns)-1]
	d.Breakdowns = d.Breakdowns[:len(d.Breakdowns)-1]
	base := p.Query().Encode()
	d.Export.XLSX, d.Export.CSV = "/reports/summary.xlsx?"+base, "/reports/summary.csv?"+base
	d.Export.List = figureHref(s, "total")
	d.Export.ListXLSX, d.Export.ListCSV = listPath+".xlsx?"+s.Queries["total"], listPath+".csv?"+s.Queries["total"]

	form := per.form()
	form.Set("area", idStr(p.AreaID))
	form.Set("station", idStr(p.StationID))
	status, fe := http.StatusOK, map[string]string(nil)
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		fe, _ = formErrors(lang, errs.Err())
		for field := range fe {
			if field == "from" || field == "to" || field == "month" || field == "year" || field == "quarter" {
				for _, k := range []string{"month", "year", "quarter", "from", "to"} {
					if q.Has(k) {
						form.Set(k, q.Get(k)) // show the period as typed where it is wrong
					}
				}
			}
			if q.Has(field) {
				form.Set(field, q.Get(field))
			}
		}
		if q.Get("period") != "" {
			form.Set("period", q.Get("period"))
		}
	}
	if !validKind(form.Get("period")) {
		form.Set("period", periodMonth)
	}
	h.render(w, r, status, "report", page{Title: "web.nav.reports", Active: "reports", Errors: fe, Form: form, Data: d})
}

func validKind(k string) bool {
	for _, v := range periodKinds {
		if v == k {
			return true
		}
	}
	return false
}

// scopeChoices fills the area and station pickers with what the user may see (R-P4).
func (h *Handler) scopeChoices(ctx context.Context, lang string, u *auth.User, d *reportData) (map[int64]string, map[int64]string, error) {
	sc, err := h.scopeSet(ctx)
	if err != nil {
		return nil, nil, err
	}
	all, areas, err := h.areaMap(ctx)
	if err != nil {
		return nil, nil, err
	}
	labels := map[int64]string{}
	d.Office = officeName(lang, u, areas)
	for _, a := range areas {
		labels[a.ID] = areaLabel(a, all)
		if sc[a.ID] {
			d.Areas = append(d.Areas, areaChoice{a.ID, labels[a.ID]})
		}
	}
	stations, err := h.svc.Stations(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, st := range stations {
		names[st.ID] = st.Name
		if _, ok := all[st.AreaID]; ok && st.Active && sc[st.AreaID] {
			d.Stations = append(d.Stations, areaChoice{st.ID, st.Name})
		}
	}
	return labels, names, nil
}

// officeName names who reports: the office of the user's own area, else of the
// county when the areas have one root.
func officeName(lang string, u *auth.User, areas []dispatch.Area) string {
	place := ""
	var roots []dispatch.Area
	for _, a := range areas {
		if u.AreaID != nil && a.ID == *u.AreaID {
			place = a.Name
		}
		if a.ParentID == nil {
			roots = append(roots, a)
		}
	}
	if place == "" && len(roots) == 1 {
		place = roots[0].Name
	}
	return tr(lang, "reportui.office", "place", place)
}
