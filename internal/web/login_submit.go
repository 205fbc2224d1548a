package web

import (
	"errors"
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
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
	if len(username) > auth.MaxUsernameBytes {
		form.Del("username") // not echoed back into the page
	}
	tok, u, err := h.svc.Login(r.Context(), auth.Anonymous(httpio.ClientAddr(r)), username, password)
	if fe, ok := formErrors(lang, err); ok {
		show(http.StatusUnprocessableEntity, fe)
		return
	}
	if errors.Is(err, service.ErrRateLimited) {
		show(http.StatusTooManyRequests, map[string]string{"password": i18n.T(lang, "err.signin_throttled")})
		return
	}
	if errors.Is(err, service.ErrUnauthorized) {
		show(http.StatusUnauthorized, map[string]string{"password": i18n.T(lang, "err.bad_credentials")})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpio.SetSessionCookie(w, r, tok, int(h.svc.SessionMax().Seconds()))
	setLangCookie(w, r, u.Lang)
	http.Redirect(w, r, localPath(r.PostForm.Get("next"), home(&u)), http.StatusSeeOther)
}
