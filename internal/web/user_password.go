package web

import (
	"net/http"
	"net/url"
)

// resetPassword sets a new password for someone who forgot theirs.
func (h *Handler) resetPassword(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
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
	pw := r.PostForm.Get("new_password")
	if pw == "" {
		err = errRequired("new_password")
	} else {
		err = h.svc.UpdateUser(r.Context(), &u, pw)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/users?reset="+url.QueryEscape(u.Username), http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), renameFields(err, map[string]string{"password": "new_password"}))
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.showUserFormWith(w, r, id, fe)
}
