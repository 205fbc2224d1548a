package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/auth"
)

// createAPIKey makes an Open311 key and shows it this once; only its hash is kept.
func (h *Handler) createAPIKey(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	key, k, err := "", auth.APIKey{}, error(nil)
	if court := r.PostForm.Get("court_station_id"); court != "" { // a court's system: bound to its court (issue 10)
		id, _ := strconv.ParseInt(court, 10, 64)
		key, k, err = h.svc.CreateCourtAPIKey(r.Context(), who(r), name, id)
	} else {
		key, k, err = h.svc.CreateAPIKey(r.Context(), name)
	}
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
