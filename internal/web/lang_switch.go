package web

import (
	"net/http"

	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
)

// switchLang changes the language: for a signed-in user it is remembered with
// the account (users.lang), for everyone in a cookie (R-P6).
func (h *Handler) switchLang(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	lang := i18n.Normalize(r.PostForm.Get("lang"))
	back := localPath(r.PostForm.Get("back"), "/")
	if lang == "" {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	if u := userOf(r); u != nil {
		if err := h.svc.SetLanguage(r.Context(), u, lang); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	setLangCookie(w, r, lang)
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func setLangCookie(w http.ResponseWriter, r *http.Request, lang string) {
	if i18n.Normalize(lang) == "" {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: i18n.Normalize(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: httpio.Secure(r)})
}
