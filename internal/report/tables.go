package report

import (
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/mask"
)

// SummaryTable lays the report out as one sheet: the figures with their
// definitions, then each breakdown.
func (s *Summary) SummaryTable(lang string) Table {
	T := func(k string, args ...string) string { return i18n.T(lang, k, args...) }
	def := func(f string) string {
		if lang == "en" {
			return s.Definitions[f].EN
		}
		return s.Definitions[f].ZH
	}
	return Table{
		Name:   T("report.sheet.summary"),
		Header: []string{T("report.col.figure"), T("report.col.value"), T("report.col.definition")},
		Widths: []float64{28, 16, 100},
		Rows: func(emit func([]any) error) error {
			rows := [][]any{
				{T("report.title", "from", s.From.String(), "to", s.To.String()), nil, nil},
				{Label(lang, "total"), s.Total, def("total")},
				{Label(lang, "closed"), s.Closed, def("closed")},
				{Label(lang, "completion_rate"), Rate{s.CompletionRate}, def("completion_rate")},
				{Label(lang, "mediations_concluded"), s.MediationsConcluded, def("mediations_concluded")},
				{Label(lang, "agreements"), s.Agreements, def("agreements")},
				{Label(lang, "mediation_success_rate"), Rate{s.MediationSuccessRate}, def("mediation_success_rate")},
				{Label(lang, "recovered_amount"), s.RecoveredAmount, def("recovered_amount")},
				{Label(lang, "on_site.count"), s.OnSite.Count, def("on_site.count")},
				{Label(lang, "on_site.kept"), s.OnSite.Kept, def("on_site.kept")},
				{Label(lang, "on_site.arrived"), s.OnSite.Arrived, def("on_site.arrived")},
				{Label(lang, "on_site.kept_rate"), Rate{s.OnSite.KeptRate}, def("on_site.kept_rate")},
				{Label(lang, "on_site.median_minutes"), s.OnSite.MedianMinutes, def("on_site.median_minutes")},
				{Label(lang, "on_site.p90_minutes"), s.OnSite.P90Minutes, def("on_site.p90_minutes")},
				{Label(lang, "satisfaction.count"), s.Satisfaction.Count, def("satisfaction.count")},
				{Label(lang, "satisfaction.mean"), s.Satisfaction.Mean, def("satisfaction.mean")},
				{Label(lang, "hotline_12345.rated"), s.Hotline12345.Rated, def("hotline_12345.rated")},
				{Label(lang, "hotline_12345.satisfied"), s.Hotline12345.Satisfied, def("hotline_12345.satisfied")},
				{Label(lang, "hotline_12345.basically_satisfied"), s.Hotline12345.BasicallySatisfied, def("hotline_12345.basically_satisfied")},
				{Label(lang, "hotline_12345.dissatisfied"), s.Hotline12345.Dissatisfied, def("hotline_12345.dissatisfied")},
				{Label(lang, "hotline_12345.satisfied_rate"), Rate{s.Hotline12345.SatisfiedRate}, def("hotline_12345.satisfied_rate")},
			}
			section := func(fig string) {
				rows = append(rows, []any{nil, nil, nil}, []any{Label(lang, fig), nil, def(fig)})
			}
			section("by_kind")
			for _, k := range casework.Kinds {
				rows = append(rows, []any{T("kind." + string(k)), s.ByKind[string(k)], nil})
			}
			section("by_channel")
			for _, c := range casework.Channels {
				rows = append(rows, []any{T("channel." + string(c)), s.ByChannel[string(c)], nil})
			}
			section("by_category")
			for _, c := range []string{string(casework.Goods), string(casework.Services)} {
				rows = append(rows, []any{T("category." + c), s.ByCategory[c], nil})
			}
			rows = append(rows, []any{T("report.category.none"), s.ByCategory[Unclassified], nil})
			section("by_area")
			for _, a := range s.ByArea {
				rows = append(rows, []any{AreaName(lang, a), a.Count, nil})
			}
			section("by_month")
			for _, m := range s.ByMonth {
				rows = append(rows, []any{m.Month, m.Count, nil})
			}
			for _, r := range rows {
				if err := emit(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// AreaName is how a by_area line is labelled.
func AreaName(lang string, a AreaCount) string {
	switch a.Key {
	case "self":
		return a.Name + " " + i18n.T(lang, "report.area.self")
	case "unplaced":
		return i18n.T(lang, "report.area.unplaced")
	case "other":
		return i18n.T(lang, "report.area.other")
	}
	return a.Name
}

// matterColumns are the columns of a matter-list export, in order.
var matterColumns = []string{"number", "source_id", "kind", "channel", "state", "outcome", "received_at", "closed_at",
	"area", "merchant_name", "consumer_name", "consumer_phone", "category", "amount_in_dispute", "recovered_amount",
	"on_site_kept", "satisfaction", "facts", "request"}

// MatterHeader is the header of a matter-list export.
func MatterHeader(lang string) []string {
	out := make([]string, len(matterColumns))
	for i, c := range matterColumns {
		out[i] = i18n.T(lang, "export.col."+c)
	}
	return out
}

// MatterWidths sizes the columns of a matter-list export.
var MatterWidths = []float64{18, 14, 8, 12, 10, 12, 17, 17, 14, 24, 10, 14, 8, 12, 12, 8, 8, 60, 40}

// MatterRow is one matter in an export. Personal data is masked — name,
// phone, and phone or ID numbers typed into the free text (R-P5) — because an
// export leaves the system.
func MatterRow(lang string, m *casework.Matter, area string) []any {
	T := func(k string) string { return i18n.T(lang, k) }
	label := func(prefix, code string) any {
		if code == "" {
			return nil
		}
		return T(prefix + code)
	}
	if area == "" {
		area = m.AreaText
	}
	var kept, sat any
	if m.OnSiteKept != nil {
		kept = T("export.no")
		if *m.OnSiteKept {
			kept = T("export.yes")
		}
	}
	if m.Satisfaction != nil {
		sat = *m.Satisfaction
	}
	return []any{m.Number, m.SourceID, label("kind.", string(m.Kind)), label("channel.", string(m.Channel)),
		label("state.", string(m.State)), label("outcome.", string(m.Outcome)), m.ReceivedAt, m.ClosedAt,
		area, m.MerchantName, mask.Name(m.Consumer.Name), mask.Phone(m.Consumer.Phone), label("category.", string(m.Category)),
		m.AmountInDispute, m.Recovered, kept, sat, mask.Text(m.Facts), mask.Text(m.Request)}
}
