package portal

import (
	"net/http"
	"strings"

	"weiquan/internal/service"
)

type merchantsData struct {
	Q       string
	Results []service.PublicMerchant
	Asked   bool
}

// showMerchants looks a merchant up and shows its public record.
func (h *Handler) showMerchants(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	d := merchantsData{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	d.Asked = d.Q != ""
	list, err := h.svc.PublicMerchants(r.Context(), q.who, d.Q)
	if err != nil {
		if fe, ok := formErrors(q.lang, err); ok {
			h.render(w, r, http.StatusUnprocessableEntity, "merchants", page{Title: "portal.nav.merchants", Errors: fe, Data: d})
			return
		}
		h.fail(w, r, err)
		return
	}
	d.Results = list
	h.render(w, r, http.StatusOK, "merchants", page{Title: "portal.nav.merchants", Data: d})
}
