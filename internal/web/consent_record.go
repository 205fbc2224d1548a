package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordConsent records a party's consent to mediation, by phone or on paper (R-L14).
func (h *Handler) recordConsent(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	c := mediation.Consent{Side: mediation.Side(r.PostFormValue("side")), Purpose: mediation.ToMediation,
		Method: mediation.Method(r.PostFormValue("method")), Said: r.PostFormValue("said")}
	if p := r.PostFormValue("purpose"); p != "" {
		c.Purpose = mediation.Purpose(p)
	}
	var errs = formErrs()
	c.AttachmentID = formID(r, "attachment_id", &errs)
	err := errs.Err()
	if err == nil {
		_, err = h.svc.RecordConsent(r.Context(), who(r), r.PathValue("number"), c)
	}
	h.mediationDone(w, r, err, "consent")
}
