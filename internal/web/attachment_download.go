package web

import (
	"net/http"

	"weiquan/internal/httpio"
)

// downloadAttachment hands a file to staff who may see its matter; the download is
// logged (R-P4). Others, merchants included, get 404.
func (h *Handler) downloadAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := httpio.PathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.Attachment(r.Context(), who(r), r.PathValue("number"), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpio.Download(w, a.Name, a.ContentType, len(a.Data), true)
	_, _ = w.Write(a.Data)
}
