package web

import "net/http"

// showDocument serves an issued document's print layout, the bytes issued: A4, print CSS, no script.
func (h *Handler) showDocument(w http.ResponseWriter, r *http.Request) {
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
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
	w.Header().Set("X-Content-SHA256", d.HTMLSHA256)
	_, _ = w.Write(d.HTML)
}
