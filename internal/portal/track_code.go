package portal

import (
	"net/http"
	"strings"
)

// sendCode sends a one-time code when the number and phone belong together, and says the same
// either way: "if they match, a code is on its way".
func (h *Handler) sendCode(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	form := map[string]string{"number": strings.TrimSpace(r.PostForm.Get("number")), "phone": strings.TrimSpace(r.PostForm.Get("phone"))}
	err := h.svc.SendPortalCode(r.Context(), q.who, form["number"], form["phone"])
	if err != nil {
		if fe, ok := formErrors(q.lang, err); ok {
			h.render(w, r, http.StatusUnprocessableEntity, "track", page{Title: "portal.track.title", Form: form, Errors: fe})
			return
		}
		h.fail(w, r, err)
		return
	}
	form["sent"] = "1"
	h.render(w, r, http.StatusOK, "track", page{Title: "portal.track.title", Form: form})
}
