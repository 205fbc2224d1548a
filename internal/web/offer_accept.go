package web

import "net/http"

// acceptOffer records that the consumer accepted the merchant's offer: it becomes the agreement.
func (h *Handler) acceptOffer(w http.ResponseWriter, r *http.Request) {
	_, err := h.svc.AcceptOffer(r.Context(), who(r), r.PathValue("number"))
	h.mediationDone(w, r, err, "agree")
}
