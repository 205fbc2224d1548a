package portal

import (
	"errors"
	"net/http"
	"strconv"

	"weiquan/internal/document"
	"weiquan/internal/fault"
)

// posterPDF is a station's A4 poster as the PDF the office printed and kept: a reprint is the
// same file, its SHA-256 in the ETag. A server without Chromium sends the print layout instead.
func (h *Handler) posterPDF(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.notFound(w, r)
		return
	}
	p, err := h.svc.StationPoster(r.Context(), q.who, id, q.lang, h.base(r))
	switch {
	case errors.Is(err, fault.ErrNotFound):
		h.notFound(w, r)
		return
	case errors.Is(err, document.ErrNoChromium): // no browser on this server to print: the print layout still works
		http.Redirect(w, r, "/portal/stations/"+strconv.FormatInt(id, 10)+"/poster", http.StatusSeeOther)
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `inline; filename="poster-`+strconv.FormatInt(id, 10)+`.pdf"`)
	hd.Set("ETag", `"`+p.PDFSHA256+`"`)
	hd.Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(p.PDF)
}
