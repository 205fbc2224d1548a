package portal

import (
	"net/http"
	"strings"

	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
)

// switchLang remembers the language chosen and goes back to the page it was chosen on.
func (h *Handler) switchLang(w http.ResponseWriter, r *http.Request) {
	l := i18n.Normalize(r.PostForm.Get("lang"))
	if l == "" {
		l = "zh-CN"
	}
	http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode,
		HttpOnly: true, Secure: httpio.Secure(r)})
	http.Redirect(w, r, back(r.PostForm.Get("back")), http.StatusSeeOther)
}

// switchDisplay turns large text or high contrast on or off.
func (h *Handler) switchDisplay(w http.ResponseWriter, r *http.Request) {
	on := map[string]bool{}
	for _, c := range strings.Split(reqOf(r).display, " ") {
		on[c] = c != ""
	}
	if v := r.PostForm.Get("toggle"); v == "large" || v == "contrast" {
		on[v] = !on[v]
	}
	var keep []string
	for _, c := range []string{"large", "contrast"} {
		if on[c] {
			keep = append(keep, c)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: DisplayCookie, Value: strings.Join(keep, ","), Path: "/portal/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: httpio.Secure(r)})
	http.Redirect(w, r, back(r.PostForm.Get("back")), http.StatusSeeOther)
}

// back keeps a return address on the portal only.
func back(p string) string {
	if !strings.HasPrefix(p, "/portal/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return "/portal/"
	}
	return p
}
