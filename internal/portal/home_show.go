package portal

import "net/http"

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "home", page{Title: "portal.home.title"})
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusNotFound, "error", page{Title: "portal.error.title", Problem: t(reqOf(r).lang, "portal.error.not_found")})
}
