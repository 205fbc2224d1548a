package portal

import (
	"net/http"

	"weiquan/internal/supervise"
)

// showSampling lists the published product-sampling results (商品抽检, C10).
func (h *Handler) showSampling(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.PublishedSamples(r.Context(), reqOf(r).who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if list == nil {
		list = []supervise.Sample{}
	}
	h.render(w, r, http.StatusOK, "sampling", page{Title: "sampling.public.title", Data: list})
}
