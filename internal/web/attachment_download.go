package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// downloadAttachment hands a file to whoever may see its matter; others get 404.
func (h *Handler) downloadAttachment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	m, err := h.svc.MatterFor(ctx, userOf(r), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.Store.Attachment(ctx, m.ID, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(a.Data)))
	hd.Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(a.Name))
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
	hd.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(a.Data)
}
