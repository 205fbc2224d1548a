package web

import (
	"net/http"
	"weiquan/internal/service"
)

func (h *Handler) suggestMerchants(w http.ResponseWriter, r *http.Request) {
	out := []merchantSuggestion{}
	if q := suggestQuery(r); q != "" {
		list, _, err := h.svc.Merchants(r.Context(), who(r), service.MerchantQuery{Q: q, Limit: 8})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, m := range list {
			out = append(out, merchantSuggestion{m.ID, m.Name, m.USCC, m.Address})
		}
	}
	writeJSON(w, out)
}
