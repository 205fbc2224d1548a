package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// sendConsentLink sends a party a one-time link by SMS through the outbox: the party opens it on
// the portal and consents themselves (R-L14).
func (h *Handler) sendConsentLink(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	purpose := mediation.Purpose(r.PostFormValue("purpose"))
	if purpose == "" {
		purpose = mediation.ToMediation
	}
	_, err := h.svc.SendConsentLink(r.Context(), who(r), r.PathValue("number"), mediation.Side(r.PostFormValue("side")), purpose)
	h.mediationDone(w, r, err, "consent_link")
}
