package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// sendConsentCode sends a party a one-time code by SMS through the outbox, to confirm consent
// online (R-L14).
func (h *Handler) sendConsentCode(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	purpose := mediation.Purpose(r.PostFormValue("purpose"))
	if purpose == "" {
		purpose = mediation.ToMediation
	}
	_, err := h.svc.SendConsentCode(r.Context(), who(r), r.PathValue("number"), mediation.Side(r.PostFormValue("side")), purpose)
	h.mediationDone(w, r, err, "consent_code")
}
