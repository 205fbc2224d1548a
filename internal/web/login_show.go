package web

import "net/http"

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) {
	if u := userOf(r); u != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next"), home(u)), http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "login", page{Title: "web.login.title", Form: r.URL.Query()})
}
