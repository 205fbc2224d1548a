package web

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
)

type apiKeyData struct {
	Keys     []auth.APIKey
	NewKey   string
	NewName  string
	Stations []dispatch.Station // a key for a court's system is bound to its court (issue 10)
}

func (h *Handler) listAPIKeys(w http.ResponseWriter, r *http.Request) {
	h.renderAPIKeys(w, r, http.StatusOK, apiKeyData{}, nil)
}

func (h *Handler) renderAPIKeys(w http.ResponseWriter, r *http.Request, status int, d apiKeyData, errs map[string]string) {
	keys, err := h.svc.APIKeys(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Keys = keys
	if d.Stations, err = h.svc.Stations(r.Context(), who(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_apikeys", page{Title: "web.apikeys.title", Active: "apikeys", Errors: errs, Data: d, Flash: flashOf(r)})
}
