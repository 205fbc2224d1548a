package web

import (
	"net/http"
	"strconv"
)

// requeueMessage gives a dead message a fresh set of attempts.
func (h *Handler) requeueMessage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.Requeue(r.Context(), who(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/outbox?requeued="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
