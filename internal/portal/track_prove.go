package portal

import (
	"errors"
	"net/http"
	"strings"

	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

// prove opens the consumer's session with the one-time code (number, phone, code) or the
// tracking code (number, tracking); every failure gets the same words.
func (h *Handler) prove(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	f := r.PostForm
	form := map[string]string{"number": strings.TrimSpace(f.Get("number")), "phone": strings.TrimSpace(f.Get("phone")), "sent": f.Get("sent")}
	var token string
	var err error
	if tc := strings.TrimSpace(f.Get("tracking")); tc != "" {
		token, err = h.svc.ProveTrackingCode(r.Context(), q.who, form["number"], tc)
	} else {
		token, err = h.svc.ProvePortalCode(r.Context(), q.who, form["number"], form["phone"], f.Get("code"))
	}
	if errors.Is(err, service.ErrNotProved) {
		h.render(w, r, http.StatusUnprocessableEntity, "track", page{Title: "portal.track.title", Form: form, Problem: t(q.lang, "portal.track.not_proved")})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/portal/", MaxAge: int(service.PortalSessionLife.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: httpio.Secure(r)})
	http.Redirect(w, r, "/portal/case", http.StatusSeeOther)
}

// signOut ends the consumer's session.
func (h *Handler) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		_ = h.svc.EndPortalSession(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/portal/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: httpio.Secure(r)})
	http.Redirect(w, r, "/portal/", http.StatusSeeOther)
}
