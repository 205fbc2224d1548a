package web

import (
	"strconv"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/report"
)

// figure is one figure of the report with its definition and the link to the
// matters it counts; for a rate or a sum the link lists the matters counted in
// its numerator, N of them.
type figure struct {
	ID, Key, Label, Value, Def, Href string
	N                                int64
	Sub                              string // a line under a headline figure
}

// breakdown is one split of the total (by kind, channel, …): its lines and its chart.
type breakdown struct {
	Key, Title, Def string
	Rows            []figure
	Chart           *chart
}

// listPath is where a figure's matters are listed.
const listPath = "/reports/matters"

func figureHref(s *report.Summary, key string) string {
	q, ok := s.Queries[key]
	if !ok {
		return ""
	}
	return listPath + "?" + q
}

// figID is a figure's element id: fig-on_site-count for on_site.count.
func figID(key string) string { return "fig-" + strings.NewReplacer(".", "-", ":", "-").Replace(key) }

func definition(s *report.Summary, lang, key string) string {
	if lang == "en" {
		return s.Definitions[key].EN
	}
	return s.Definitions[key].ZH
}

// ratePct is a rate as a percentage with one decimal, "—" without a denominator.
func ratePct(r *float64) string {
	if r == nil {
		return "—"
	}
	return trimZero(strconv.FormatFloat(*r*100, 'f', 1, 64)) + "%"
}

func count(n int64) string { return strconv.FormatInt(n, 10) }

// share is n of total as a percentage.
func share(n, total int64) string {
	if total == 0 {
		return "—"
	}
	r := float64(n) / float64(total)
	return ratePct(&r)
}

// mainFigures are the report's figures in the order an office reads them.
func mainFigures(lang string, s *report.Summary) []figure {
	fig := func(key, value string, n int64) figure {
		return figure{ID: figID(key), Key: key, Label: report.Label(lang, key), Value: value, Def: definition(s, lang, key), Href: figureHref(s, key), N: n}
	}
	mins := func(v *int64) string {
		if v == nil {
			return "—"
		}
		return tr(lang, "reportui.minutes", "n", *v)
	}
	mean := "—"
	if m := s.Satisfaction.Mean; m != nil {
		mean = tr(lang, "reportui.points", "n", strconv.FormatFloat(*m, 'f', 2, 64))
	}
	o, h := s.OnSite, s.Hotline12345
	return []figure{
		fig("total", count(s.Total), s.Total),
		fig("closed", count(s.Closed), s.Closed),
		fig("completion_rate", ratePct(s.CompletionRate), s.Closed),
		fig("mediations_concluded", count(s.MediationsConcluded), s.MediationsConcluded),
		fig("agreements", count(s.Agreements), s.Agreements),
		fig("mediation_success_rate", ratePct(s.MediationSuccessRate), s.Agreements),
		fig("recovered_amount", yuan(s.RecoveredAmount), s.Agreements),
		fig("on_site.count", count(o.Count), o.Count),
		fig("on_site.kept", count(o.Kept), o.Kept),
		fig("on_site.arrived", count(o.Arrived), o.Arrived),
		fig("on_site.kept_rate", ratePct(o.KeptRate), o.Kept),
		fig("on_site.median_minutes", mins(o.MedianMinutes), o.Arrived),
		fig("on_site.p90_minutes", mins(o.P90Minutes), o.Arrived),
		fig("satisfaction.count", count(s.Satisfaction.Count), s.Satisfaction.Count),
		fig("satisfaction.mean", mean, s.Satisfaction.Count),
		fig("hotline_12345.rated", count(h.Rated), h.Rated),
		fig("hotline_12345.satisfied", count(h.Satisfied), h.Satisfied),
		fig("hotline_12345.basically_satisfied", count(h.BasicallySatisfied), h.BasicallySatisfied),
		fig("hotline_12345.dissatisfied", count(h.Dissatisfied), h.Dissatisfied),
		fig("hotline_12345.satisfied_rate", ratePct(h.SatisfiedRate), h.Satisfied+h.BasicallySatisfied),
	}
}

// headline picks the four figures shown large at the top, each with its counts beneath.
func headline(lang string, figs []figure, s *report.Summary) []figure {
	by := map[string]figure{}
	for _, f := range figs {
		by[f.Key] = f
	}
	total, cr, msr, rec := by["total"], by["completion_rate"], by["mediation_success_rate"], by["recovered_amount"]
	total.Sub = tr(lang, "reportui.head.total", "complaint", s.ByKind["complaint"], "report", s.ByKind["report"], "inquiry", s.ByKind["inquiry"])
	cr.Sub = tr(lang, "reportui.head.ratio", "num", s.Closed, "den", s.Total)
	msr.Sub = tr(lang, "reportui.head.ratio", "num", s.Agreements, "den", s.MediationsConcluded)
	rec.Sub = tr(lang, "reportui.head.recovered", "n", s.Agreements)
	return []figure{total, cr, msr, rec}
}

// breakdowns are the splits of the total, each with its chart.
func breakdowns(lang string, s *report.Summary) []breakdown {
	line := func(key, label string, n int64) figure {
		return figure{ID: figID(key), Key: key, Label: label, Value: count(n), N: n, Href: figureHref(s, key), Sub: share(n, s.Total)}
	}
	mk := func(key string, rows []figure) breakdown {
		return breakdown{Key: key, Title: report.Label(lang, key), Def: definition(s, lang, key), Rows: rows}
	}
	var kinds, channels, cats, areas, months []figure
	for _, k := range casework.Kinds {
		kinds = append(kinds, line("by_kind."+string(k), tr(lang, "kind."+string(k)), s.ByKind[string(k)]))
	}
	for _, c := range casework.Channels {
		channels = append(channels, line("by_channel."+string(c), tr(lang, "channel."+string(c)), s.ByChannel[string(c)]))
	}
	for _, c := range []string{string(casework.Goods), string(casework.Services)} {
		cats = append(cats, line("by_category."+c, tr(lang, "category."+c), s.ByCategory[c]))
	}
	cats = append(cats, line("by_category."+report.Unclassified, tr(lang, "report.category.none"), s.ByCategory[report.Unclassified]))
	for _, a := range s.ByArea {
		areas = append(areas, line("by_area."+a.Key, report.AreaName(lang, a), a.Count))
	}
	for _, m := range s.ByMonth {
		months = append(months, line("by_month."+m.Month, m.Month, m.Count))
	}
	out := []breakdown{mk("by_kind", kinds), mk("by_channel", channels), mk("by_category", cats), mk("by_area", areas), mk("by_month", months)}
	years := len(s.ByMonth) > 0 && s.ByMonth[0].Month[:4] != s.ByMonth[len(s.ByMonth)-1].Month[:4]
	for i := range out {
		b := &out[i]
		data := make([]barDatum, len(b.Rows))
		for j, r := range b.Rows {
			data[j] = barDatum{Label: fit(r.Label, maxLabel), Value: r.Value, Href: r.Href, N: r.N}
			switch {
			case b.Key == "by_month":
				data[j].Label, data[j].Long = monthLabel(lang, r.Label), monthLong(lang, r.Label)
				if years && (j == 0 || strings.HasSuffix(r.Label, "-01")) {
					data[j].Sub = r.Label[:4] // the year, under the first column of each year
				}
			case s.Total > 0:
				data[j].Value = r.Value + " · " + r.Sub
			}
		}
		var c chart
		if b.Key == "by_month" {
			c = vbars("chart-"+b.Key, b.Title, chartDesc(lang, data), data)
		} else {
			c = hbars("chart-"+b.Key, b.Title, chartDesc(lang, data), data)
		}
		b.Chart = &c
	}
	return out
}

// monthLong names a month in full: "2025年6月" or "Jun 2025".
func monthLong(lang, month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	if lang == "en" {
		return t.Format("Jan 2006")
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
}

// monthLabel names a month (YYYY-MM) briefly under its column: "6月" or "Jun".
func monthLabel(lang, month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	if lang == "en" {
		return t.Format("Jan")
	}
	return strconv.Itoa(int(t.Month())) + "月"
}
