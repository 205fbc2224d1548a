package web

import (
	"strconv"
	"strings"

	"weiquan/internal/deadline"
	"weiquan/internal/service"
)

// kpiFigure is one on-time figure of the board with its one-line definition (R-L28).
type kpiFigure struct {
	Key     string
	Title   string
	Def     string
	Rule    string
	Percent string // "92.3%", or "—" when nothing fell due
	Class   string // ok, amber, over, none
	Counts  string
	Extra   string // the on-site minutes
}

// kindRate is the on-time share of one kind of clock, for the table under the figures.
type kindRate struct {
	Label, Rule, Percent, Class string
	service.Rate
}

func kpiFigures(lang string, k service.KPIs) []kpiFigure {
	fig := func(key string, r service.Rate, rule string) kpiFigure {
		f := kpiFigure{Key: key, Title: tr(lang, "board.kpi."+key), Def: tr(lang, "board.kpi."+key+".def"), Rule: rule}
		f.Percent, f.Class = percent(r.Rate)
		if r.Due == 0 {
			f.Counts = tr(lang, "board.kpi.none")
		} else {
			f.Counts = tr(lang, "board.kpi.counts", "due", r.Due, "on_time", r.OnTime, "late", r.Late, "overdue", r.Overdue)
		}
		return f
	}
	onSite := fig("on_site", k.OnSite.Rate, deadline.OnSite.Rule())
	if k.OnSite.MedianMinutes != nil && k.OnSite.P90Minutes != nil {
		onSite.Extra = tr(lang, "board.kpi.minutes", "median", minutes(*k.OnSite.MedianMinutes), "p90", minutes(*k.OnSite.P90Minutes), "n", k.OnSite.Arrived)
	}
	return []kpiFigure{
		fig("acceptance", k.Acceptance, deadline.Acceptance.Rule()),
		fig("closure", k.Closure, deadline.Mediation.Rule()),
		fig("verification", k.Verification, deadline.ReportVerification.Rule()),
		onSite,
	}
}

func kindRates(lang string, k service.KPIs) []kindRate {
	var out []kindRate
	for _, kind := range deadline.Kinds {
		r := k.ByKind[string(kind)]
		kr := kindRate{Label: tr(lang, "deadline."+string(kind)), Rule: kind.Rule(), Rate: r}
		kr.Percent, kr.Class = percent(r.Rate)
		out = append(out, kr)
	}
	return out
}

// percent shows a share with one decimal, coloured: green from 95 %, amber from 80 %, red below.
func percent(r *float64) (string, string) {
	if r == nil {
		return "—", "none"
	}
	v := *r * 100
	class := "over"
	switch {
	case v >= 95:
		class = "ok"
	case v >= 80:
		class = "amber"
	}
	return trimZero(strconv.FormatFloat(v, 'f', 1, 64)) + "%", class
}

func minutes(v float64) string { return trimZero(strconv.FormatFloat(v, 'f', 1, 64)) }

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
