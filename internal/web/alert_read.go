package web

import (
	"net/http"
	"strconv"
	"weiquan/internal/fault"
)

// readAlert marks one alert as read and goes back to where the form was.
func (h *Handler) readAlert(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, fault.ErrNotFound)
		return
	}
	if _, err := h.svc.ReadAlert(r.Context(), who(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/alerts"), http.StatusSeeOther)
}

// readAllAlerts marks every unread alert the user may see as read.
func (h *Handler) readAllAlerts(w http.ResponseWriter, r *http.Request) {
	n, err := h.svc.ReadAllAlerts(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts?marked="+strconv.Itoa(n), http.StatusSeeOther)
}
