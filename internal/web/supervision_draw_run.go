package web

import (
	"net/http"
)

// runDraw draws a published draw from its published seed and inputs, once.
func (h *Handler) runDraw(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	h.supervisionStep(w, r, "draws", func() error {
		_, err := h.svc.RunDraw(r.Context(), who(r), id)
		return err
	})
}
