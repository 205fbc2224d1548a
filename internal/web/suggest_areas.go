package web

import "net/http"

func (h *Handler) suggestAreas(w http.ResponseWriter, r *http.Request) {
	out := []areaSuggestion{}
	if q := suggestQuery(r); q != "" {
		list, err := h.svc.FindAreas(r.Context(), who(r), q, 8)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		all, _, err := h.areaMap(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, a := range list {
			out = append(out, areaSuggestion{a.ID, a.Name, areaLabel(a, all)})
		}
	}
	writeJSON(w, out)
}
