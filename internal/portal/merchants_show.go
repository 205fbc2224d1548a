package portal

import (
	"net/http"
	"strings"

	"weiquan/internal/service"
)

type merchantsData struct {
	Q      string
	Search service.MerchantSearch
	Asked  bool
}

// showMerchants looks a merchant up and shows the figures the office publishes of it: the
// disclosure fields switched on in the credit settings, for the published period.
func (h *Handler) showMerchants(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	d := merchantsData{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	d.Asked = d.Q != ""
	found, err := h.svc.PublicMerchants(r.Context(), q.who, d.Q)
	if err != nil {
		if fe, ok := formErrors(q.lang, err); ok {
			h.render(w, r, http.StatusUnprocessableEntity, "merchants", page{Title: "portal.nav.merchants", Errors: fe, Data: d})
			return
		}
		h.fail(w, r, err)
		return
	}
	d.Search = found
	h.render(w, r, http.StatusOK, "merchants", page{Title: "portal.nav.merchants", Data: d})
}
