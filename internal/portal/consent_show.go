package portal

import (
	"net/http"

	"weiquan/internal/service"
)

// consentData is the page of a consent link (R-L14).
type consentData struct {
	L    service.ConsentLink
	Ref  string
	Done bool // confirmed just now
}

// showConsent shows a party what the consent link they were sent is for, and a button to
// consent; no sign-in — the link's token is the proof.
func (h *Handler) showConsent(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	l, err := h.svc.ConsentLinkOf(r.Context(), ref)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "consent", page{Title: "audit910.consent.title", Data: consentData{L: l, Ref: ref}})
}
