package web

import (
	"net/http"

	"weiquan/internal/httpio"
)

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	lang := langOf(r)
	old, pw, again := r.PostForm.Get("old_password"), r.PostForm.Get("password"), r.PostForm.Get("password2")
	var err error
	if pw != again {
		err = errMismatch("password2")
	} else {
		err = h.svc.ChangePassword(r.Context(), userOf(r), httpio.Token(r), old, pw)
	}
	if err == nil {
		http.Redirect(w, r, "/profile?saved=password", http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(lang, err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	d, derr := h.profileData(r)
	if derr != nil {
		h.fail(w, r, derr)
		return
	}
	h.render(w, r, http.StatusUnprocessableEntity, "profile", page{Title: "web.profile.title", Active: "profile", Errors: fe, Data: d})
}
