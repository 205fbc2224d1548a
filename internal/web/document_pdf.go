package web

import (
	"net/http"
	"strconv"
)

// downloadDocumentPDF serves an issued document's PDF, the bytes issued; without Chromium on the
// server there is none, and the page says so and links the print layout.
func (h *Handler) downloadDocumentPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.svc.Document(r.Context(), who(r), r.PathValue("number"), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(d.PDF) == 0 {
		h.errorPage(w, r, http.StatusServiceUnavailable, tr(langOf(r), "mediation.no_pdf"))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+string(d.Kind)+"-"+r.PathValue("number")+"-v"+strconv.Itoa(d.Version)+`.pdf"`)
	w.Header().Set("X-Content-SHA256", d.PDFSHA256)
	_, _ = w.Write(d.PDF)
}
