package web

import (
	"net/http"
	"strings"
)

// createAPIKey makes an Open311 key and shows it this once; only its hash is kept.
func (h *Handler) createAPIKey(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	key, k, err := h.svc.CreateAPIKey(r.Context(), name)
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderAPIKeys(w, r, http.StatusUnprocessableEntity, apiKeyData{}, fe)
		return
	}
	h.renderAPIKeys(w, r, http.StatusCreated, apiKeyData{NewKey: key, NewName: k.Name}, nil)
}
