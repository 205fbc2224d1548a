package web

import (
	"bufio"
	"net/http"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/report"
	"weiquan/internal/service"
)

// exportAudit downloads the filtered audit log as CSV (UTF-8 with a BOM, cells a
// spreadsheet would run as formulas neutralised); the export is itself audited.
func (h *Handler) exportAudit(w http.ResponseWriter, r *http.Request) {
	ctx, p, lang := r.Context(), auth.As(userOf(r)), langOf(r)
	q, err := service.ParseAuditQuery(r.URL.Query())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.PrepareAuditExport(ctx, p, q); err != nil {
		h.fail(w, r, err)
		return
	}
	download(w, "weiquan-audit", "csv", func(bw *bufio.Writer) error {
		return report.WriteCSV(bw, report.AuditTable(lang, func(emit func(*audit.Entry) error) error {
			return h.svc.ExportAudit(ctx, p, q, emit)
		}))
	})
}
