package portal

import (
	"net/http"

	"weiquan/internal/service"
)

// showDraws lists the 双随机一公开 draws: each published with its seed before it was drawn (C10).
func (h *Handler) showDraws(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Draws(r.Context(), reqOf(r).who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if list == nil {
		list = []service.Draw{}
	}
	h.render(w, r, http.StatusOK, "draws", page{Title: "draw.public.title", Data: list})
}
