package web

import "net/http"

// deactivateUser stops someone from signing in, at once: their sessions end.
// The user stays on record, so timelines still name who did what.
func (h *Handler) deactivateUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.svc.User(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if u.ID == userOf(r).ID {
		h.errorPage(w, r, http.StatusConflict, tr(langOf(r), "web.users.not_self"))
		return
	}
	u.Active = false
	if err := h.svc.UpdateUser(r.Context(), &u, ""); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?deactivated="+u.Username, http.StatusSeeOther)
}
