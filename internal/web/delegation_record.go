package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordDelegation hands the complaint's mediation to the consumer association or another
// mediation organisation: both parties' consent to it under Order 121, never twice (R-L14).
func (h *Handler) recordDelegation(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	d := mediation.Delegation{Kind: mediation.DelegateKind(r.PostFormValue("kind")), Delegate: r.PostFormValue("delegate")}
	_, err := h.svc.Delegate(r.Context(), who(r), r.PathValue("number"), d)
	h.mediationDone(w, r, err, "delegation")
}
