package web

import (
	"net/http"
)

// revealField shows one masked personal field on the case page to staff who say
// why they need it (break-glass); the service logs who, when, which and why (R-P4).
// The value is in this answer only: reloading the page masks it again.
func (h *Handler) revealField(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	field := r.PostForm.Get("field")
	v, err := h.svc.Reveal(r.Context(), who(r), r.PathValue("number"), field, r.PostForm.Get("reason"))
	if fe, ok := formErrors(langOf(r), err); ok {
		h.renderMatter(w, r, http.StatusUnprocessableEntity, matterPage{banner: firstMessage(fe)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderMatter(w, r, http.StatusOK, matterPage{reveal: map[string]string{field: v}})
}

// firstMessage picks one message of a form's errors, for a banner.
func firstMessage(fe map[string]string) string {
	for _, k := range []string{"reason", "field"} {
		if m, ok := fe[k]; ok {
			return m
		}
	}
	for _, m := range fe {
		return m
	}
	return ""
}
