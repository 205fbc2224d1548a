package web

import (
	"errors"
	"net/http"

	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	lang := langOf(r)
	username, password := r.PostForm.Get("username"), r.PostForm.Get("password")
	form := r.PostForm
	form.Del("password")
	show := func(status int, errs map[string]string) {
		h.render(w, r, status, "login", page{Title: "web.login.title", Form: form, Errors: errs})
	}
	var errs invalid.Errors
	errs.Need("username", username)
	errs.Need("password", password)
	if err := errs.Err(); err != nil {
		fe, _ := formErrors(lang, err)
		show(http.StatusUnprocessableEntity, fe)
		return
	}
	if !h.limit.allow(r, username) {
		show(http.StatusTooManyRequests, map[string]string{"password": i18n.T(lang, "err.rate_limited")})
		return
	}
	tok, u, err := h.svc.Login(r.Context(), username, password)
	if errors.Is(err, service.ErrUnauthorized) {
		show(http.StatusUnauthorized, map[string]string{"password": i18n.T(lang, "err.bad_credentials")})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpio.SetSessionCookie(w, r, tok, int(service.SessionTTL.Seconds()))
	setLangCookie(w, r, u.Lang)
	http.Redirect(w, r, localPath(r.PostForm.Get("next"), home(&u)), http.StatusSeeOther)
}
