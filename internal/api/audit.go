package api

import (
	"bufio"
	"net/http"
	"strings"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
	"weiquan/internal/service"
)

// auditView is an audit entry with its time in Asia/Shanghai (R-P7).
type auditView struct {
	audit.Entry
}

// listAudit answers /api/v1/audit: the audit log newest first, filtered, as a page of
// JSON — or, at /api/v1/audit.csv or with ?format=csv, every matching entry as CSV (R-P8).
func (h *Handler) listAudit(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), auth.As(UserFrom(r.Context()))
	format := r.URL.Query().Get("format")
	if strings.HasSuffix(r.URL.Path, ".csv") {
		format = "csv"
	}
	q, err := service.ParseAuditQuery(r.URL.Query())
	if format != "" && format != "json" && format != "csv" {
		errs, _ := invalid.As(err)
		errs.Add("format", invalid.OneOf, "values", "json, csv")
		err = errs
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	if format == "csv" {
		if err := h.svc.PrepareAuditExport(ctx, p, q); err != nil {
			fail(w, r, err)
			return
		}
		download(w, "weiquan-audit", "csv", func(bw *bufio.Writer) error {
			return report.WriteCSV(bw, report.AuditTable(Lang(r), func(emit func(*audit.Entry) error) error {
				return h.svc.ExportAudit(ctx, p, q, emit)
			}))
		})
		return
	}
	page, err := h.svc.AuditLog(ctx, p, q)
	if err != nil {
		fail(w, r, err)
		return
	}
	items := make([]auditView, len(page.Items))
	for i, e := range page.Items {
		e.At = local(e.At)
		items[i] = auditView{e}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": page.Total, "page": page.Page, "per_page": page.PerPage})
}
