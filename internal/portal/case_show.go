package portal

import "net/http"

// showCase shows the proved matter in plain words; without a proof, the tracking page.
func (h *Handler) showCase(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	if q.who.Consumer == nil {
		http.Redirect(w, r, "/portal/track", http.StatusSeeOther)
		return
	}
	c, err := h.svc.PortalCase(r.Context(), q.who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{"done": r.URL.Query().Get("done")}
	h.render(w, r, http.StatusOK, "case", page{Title: "portal.case.title", Form: form, Data: c})
}
