package web

import "net/http"

// decideHonour revokes an honour with its document, or keeps it with a note (R-S8).
func (h *Handler) decideHonour(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	if _, err := h.svc.DecideHonour(r.Context(), who(r), id, f.Get("decision") == "revoke", f.Get("revoke_ref"), f.Get("note")); err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderHonours(w, r, http.StatusUnprocessableEntity, f, fe)
		return
	}
	http.Redirect(w, r, "/credit/honours", http.StatusSeeOther)
}
