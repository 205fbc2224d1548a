package web

import (
	"net/http"

	"weiquan/internal/store"
)

func (h *Handler) suggestMerchants(w http.ResponseWriter, r *http.Request) {
	out := []merchantSuggestion{}
	if q := suggestQuery(r); q != "" {
		list, _, err := h.svc.Store.Merchants(r.Context(), store.MerchantFilter{Q: q, Limit: 8})
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
