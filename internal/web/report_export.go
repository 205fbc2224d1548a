package web

import (
	"bufio"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
)

// exportReport downloads the report as .xlsx or .csv in the page's language: the same
// table the API's /api/v1/reports/summary.xlsx writes.
func (h *Handler) exportReport(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	q := r.URL.Query()
	var errs invalid.Errors
	per := readPeriod(q, calendar.DateOf(h.svc.Now()), &errs)
	p := report.Params{From: per.From, To: per.To,
		AreaID: queryID(q.Get("area"), "area", &errs), StationID: queryID(q.Get("station"), "station", &errs)}
	if err := errs.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.svc.Summary(ctx, who(r), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	format := fileFormat(r)
	download(w, "weiquan-report-"+p.From.String()+"-"+p.To.String(), format, func(bw *bufio.Writer) error {
		t := s.SummaryTable(lang)
		if format == "csv" {
			return report.WriteCSV(bw, t)
		}
		return report.WriteXLSX(bw, t)
	})
}

// exportReportMatters downloads the matters of a list — a figure's, or any query the
// list page reads — with personal data masked (R-P5), like /api/v1/matters/export.
func (h *Handler) exportReportMatters(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	f, err := h.svc.ListFilter(ctx, r.URL.Query(), nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The checks run before the first byte is written, so a refusal is still a clean page.
	if f, err = h.svc.PrepareExport(ctx, who(r), f); err != nil {
		h.fail(w, r, err)
		return
	}
	format := fileFormat(r)
	download(w, "weiquan-matters", format, func(bw *bufio.Writer) error {
		t := report.Table{Name: i18n.T(lang, "report.sheet.matters"), Header: report.MatterHeader(lang), Widths: report.MatterWidths,
			Rows: func(emit func([]any) error) error {
				return h.svc.ExportMatters(ctx, who(r), f, func(m *casework.Matter, area string) error {
					return emit(report.MatterRow(lang, m, area))
				})
			}}
		if format == "csv" {
			return report.WriteCSV(bw, t)
		}
		return report.WriteXLSX(bw, t)
	})
}

// fileFormat is the download's format, from the route's extension.
func fileFormat(r *http.Request) string {
	if strings.HasSuffix(r.URL.Path, ".csv") {
		return "csv"
	}
	return "xlsx"
}

var contentTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
}

// download writes an attachment; once streaming has started an error can only cut the file short.
func download(w http.ResponseWriter, name, format string, write func(*bufio.Writer) error) {
	file := name + "." + format
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+file+`"; filename*=UTF-8''`+url.PathEscape(file))
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw); err != nil {
		slog.Error("web: export cut short", "file", file, "error", err)
		return
	}
	_ = bw.Flush()
}
