package portal

import (
	"net/http"
	"strings"
)

// withdraw takes the consumer's complaint back, once they confirmed it on the page.
func (h *Handler) withdraw(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	if q.who.Consumer == nil {
		http.Redirect(w, r, "/portal/track", http.StatusSeeOther)
		return
	}
	if r.PostForm.Get("confirm") == "" {
		c, err := h.svc.PortalCase(r.Context(), q.who)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, "case", page{Title: "portal.case.title", Data: c,
			Errors: map[string]string{"confirm": t(q.lang, "portal.case.confirm_needed")}})
		return
	}
	if err := h.svc.WithdrawOnPortal(r.Context(), q.who, strings.TrimSpace(r.PostForm.Get("reason"))); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/case?done=withdrawn", http.StatusSeeOther)
}
