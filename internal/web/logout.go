package web

import (
	"net/http"
	"weiquan/internal/httpio"
)

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Logout(r.Context(), httpio.Token(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	httpio.SetSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
