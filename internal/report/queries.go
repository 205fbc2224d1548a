package report

import (
	"net/url"
	"strconv"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

// Figure keys: the names of the figures in the JSON, the definitions, the
// queries and the exports. Keys with a "." name a field of a nested object.
var Figures = []string{
	"total", "by_kind", "by_channel", "by_category", "by_area", "by_month",
	"closed", "completion_rate", "mediations_concluded", "agreements", "mediation_success_rate", "recovered_amount",
	"on_site.count", "on_site.kept", "on_site.arrived", "on_site.kept_rate", "on_site.median_minutes", "on_site.p90_minutes",
	"satisfaction.count", "satisfaction.mean",
	"hotline_12345.rated", "hotline_12345.satisfied", "hotline_12345.basically_satisfied", "hotline_12345.dissatisfied",
	"hotline_12345.satisfied_rate",
}

// queries gives, for every figure and every line of a breakdown, the query
// string of GET /api/v1/matters that lists exactly the matters it counts. For
// a rate it lists the numerator; the denominator is the figure named in its definition.
func queries(p Params, s *Summary) map[string]string {
	base := p.Query()
	// query copies the base filter, then adds (repeatable keys) or sets (replacing keys) pairs.
	query := func(replace bool, kv ...string) string {
		q := url.Values{}
		for k, v := range base {
			q[k] = append([]string(nil), v...)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if replace {
				q.Set(kv[i], kv[i+1])
			} else {
				q.Add(kv[i], kv[i+1])
			}
		}
		return q.Encode()
	}
	with := func(kv ...string) string { return query(false, kv...) }
	set := func(kv ...string) string { return query(true, kv...) }
	out := map[string]string{"total": base.Encode()}
	for k := range s.ByKind {
		out["by_kind."+k] = with("kind", k)
	}
	for c := range s.ByChannel {
		out["by_channel."+c] = with("channel", c)
	}
	for c := range s.ByCategory {
		out["by_category."+c] = with("category", c)
	}
	for _, a := range s.ByArea {
		switch {
		case a.Key == "unplaced":
			out["by_area.unplaced"] = with("unplaced", "1")
		case a.Key == "self":
			out["by_area.self"] = set("area", strconv.FormatInt(*a.AreaID, 10), "area_exact", "1")
		case a.AreaID != nil:
			out["by_area."+a.Key] = set("area", strconv.FormatInt(*a.AreaID, 10))
		}
	}
	for _, m := range s.ByMonth {
		from, to := monthRange(m.Month, p)
		out["by_month."+m.Month] = set("from", from.String(), "to", to.String())
	}
	closed := with("state", string(casework.Closed))
	out["closed"], out["completion_rate"] = closed, closed
	out["mediations_concluded"] = with("outcome", string(casework.OutcomeAgreement), "outcome", string(casework.OutcomeTerminated))
	agreements := with("outcome", string(casework.OutcomeAgreement))
	out["agreements"], out["mediation_success_rate"], out["recovered_amount"] = agreements, agreements, agreements
	out["on_site.count"] = with("on_site", "promised")
	out["on_site.kept"], out["on_site.kept_rate"] = with("on_site", "kept"), with("on_site", "kept")
	arrived := with("on_site", "arrived")
	out["on_site.arrived"], out["on_site.median_minutes"], out["on_site.p90_minutes"] = arrived, arrived, arrived
	rated := with("rated", "1")
	out["satisfaction.count"], out["satisfaction.mean"] = rated, rated
	out["hotline_12345.rated"] = with("hotline_rating", "any")
	for _, r := range []string{"satisfied", "basically_satisfied", "dissatisfied"} {
		out["hotline_12345."+r] = with("hotline_rating", r)
	}
	out["hotline_12345.satisfied_rate"] = with("hotline_rating", "satisfied", "hotline_rating", "basically_satisfied")
	return out
}

// monthRange is the part of a month (YYYY-MM) inside the period.
func monthRange(month string, p Params) (calendar.Date, calendar.Date) {
	y, _ := strconv.Atoi(month[:4])
	m, _ := strconv.Atoi(month[5:])
	first := calendar.Date{Year: y, Month: time.Month(m), Day: 1}
	last := calendar.DateOf(first.Start().AddDate(0, 1, -1))
	if first.Before(p.From) {
		first = p.From
	}
	if last.After(p.To) {
		last = p.To
	}
	return first, last
}
