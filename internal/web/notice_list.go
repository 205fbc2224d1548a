package web

import (
	"net/http"
)

// listNotices shows the warnings and notices the office published, for the heads who write them.
func (h *Handler) listNotices(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Notices(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	flash := ""
	if r.URL.Query().Get("saved") != "" {
		flash = tr(langOf(r), "portal.notices.saved")
	}
	h.render(w, r, http.StatusOK, "notices", page{Title: "portal.notices.title", Active: "notices", Flash: flash, Data: list})
}
