package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/collective"
)

// decideCollective confirms or rejects a proposed collective case; a rejection needs its reason.
func (h *Handler) decideCollective(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	d := collective.Decision{Confirm: f.Get("decision") == "confirm", Title: f.Get("title"), Note: f.Get("note")}
	if _, err := h.svc.DecideCollective(r.Context(), who(r), id, d); err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderCollective(w, r, http.StatusUnprocessableEntity, f, fe)
		return
	}
	http.Redirect(w, r, "/collective/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
