package api

import (
	"bufio"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
)

// getSummary answers /api/v1/reports/summary as JSON, or as a download when
// the path ends in .xlsx or .csv or ?format= says so.
func (h *Handler) getSummary(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	var p report.Params
	p.From = queryDate(r, "from", &errs)
	p.To = queryDate(r, "to", &errs)
	p.AreaID = queryID(r, "area", &errs)
	p.StationID = queryID(r, "station", &errs)
	format := exportFormat(r, &errs, "json")
	if err := errs.Err(); err != nil {
		fail(w, r, err)
		return
	}
	s, err := h.svc.Summary(r.Context(), who(r), p)
	if err != nil {
		fail(w, r, err)
		return
	}
	if format == "json" {
		writeJSON(w, http.StatusOK, s)
		return
	}
	lang := Lang(r)
	download(w, "weiquan-report-"+p.From.String()+"-"+p.To.String(), format, func(bw *bufio.Writer) error {
		t := s.SummaryTable(lang)
		if format == "csv" {
			return report.WriteCSV(bw, t)
		}
		return report.WriteXLSX(bw, t)
	})
}

// exportMatters streams the matters of a list filter as .xlsx or .csv, personal data masked (R-P5).
func (h *Handler) exportMatters(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	format := exportFormat(r, &errs, "")
	f, err := h.matterFilter(r, errs)
	if err != nil {
		fail(w, r, err)
		return
	}
	lang := Lang(r)
	// The checks run before the first byte is written, so a refusal is still a clean 4xx.
	f, err = h.svc.PrepareExport(r.Context(), who(r), f)
	if err != nil {
		fail(w, r, err)
		return
	}
	download(w, "weiquan-matters", format, func(bw *bufio.Writer) error {
		t := report.Table{Name: i18n.T(lang, "report.sheet.matters"), Header: report.MatterHeader(lang), Widths: report.MatterWidths,
			Rows: func(emit func([]any) error) error {
				return h.svc.ExportMatters(r.Context(), who(r), f, func(m *casework.Matter, area string) error {
					return emit(report.MatterRow(lang, m, area))
				})
			}}
		if format == "csv" {
			return report.WriteCSV(bw, t)
		}
		return report.WriteXLSX(bw, t)
	})
}

// exportFormat reads the format from the path's extension or ?format=.
func exportFormat(r *http.Request, errs *invalid.Errors, def string) string {
	format := r.URL.Query().Get("format")
	switch {
	case strings.HasSuffix(r.URL.Path, ".xlsx"):
		format = "xlsx"
	case strings.HasSuffix(r.URL.Path, ".csv"):
		format = "csv"
	case format == "":
		format = def
	}
	switch format {
	case "xlsx", "csv":
	case "json":
		if def == "json" {
			break
		}
		fallthrough
	default:
		values := "xlsx, csv"
		if def == "json" {
			values = "json, xlsx, csv"
		}
		errs.Add("format", invalid.OneOf, "values", values)
	}
	return format
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
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw); err != nil {
		slog.Error("api: export cut short", "file", file, "error", err)
		return
	}
	_ = bw.Flush()
}
