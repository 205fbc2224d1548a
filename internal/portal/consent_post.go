package portal

import (
	"net/http"

	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

// confirmConsent records the party's consent given through the link (R-L14); a link used or
// expired, or a consent already on record, answers 409 with the page saying why.
func (h *Handler) confirmConsent(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	l, err := h.svc.ConfirmConsentLink(r.Context(), ref)
	if invalid.IsConflict(err) {
		msg := ""
		if pr := httpio.Classify(reqOf(r).lang, err); len(pr.Body.Errors) > 0 {
			msg = pr.Body.Errors[0].Message
		}
		h.render(w, r, http.StatusConflict, "consent", page{Title: "audit910.consent.title", Problem: msg, Data: consentData{L: l, Ref: ref}})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "consent", page{Title: "audit910.consent.title", Data: consentData{L: l, Ref: ref, Done: true}})
}
