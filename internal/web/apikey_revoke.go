package web

import (
	"net/http"
	"strconv"
)

func (h *Handler) revokeAPIKey(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.RevokeAPIKey(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/apikeys?revoked="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
