package portal

import (
	"net/http"
	"strconv"
	"strings"
)

// rate is the complainant rating the handling 1–5 once the complaint is closed, with a comment
// if they like; it counts with the callbacks in the report (R-L23).
func (h *Handler) rate(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	if q.who.Consumer == nil {
		http.Redirect(w, r, "/portal/track", http.StatusSeeOther)
		return
	}
	var stars *int
	if v := strings.TrimSpace(r.PostForm.Get("satisfaction")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1 // not a number: refused as out of range
		}
		stars = &n
	}
	if err := h.svc.RateOnPortal(r.Context(), q.who, stars, r.PostForm.Get("comment")); err != nil {
		h.caseFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/case?done=rated", http.StatusSeeOther)
}
