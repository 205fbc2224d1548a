package report

import "weiquan/internal/i18n"

// Definitions gives every figure's definition in both languages, from the
// catalogue keys report.def.<figure>; docs/REPORTS.md holds the same text.
func Definitions() map[string]Text {
	out := make(map[string]Text, len(Figures))
	for _, f := range Figures {
		out[f] = Text{ZH: i18n.T("zh-CN", "report.def."+f), EN: i18n.T("en", "report.def."+f)}
	}
	return out
}

// Label is a figure's name in lang, for exports and the page.
func Label(lang, figure string) string { return i18n.T(lang, "report.figure."+figure) }
