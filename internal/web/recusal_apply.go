package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// applyRecusal records a party's application that a mediator withdraw: the complaint goes to
// 中止 and the mediation clock stops until it is decided (R-L16).
func (h *Handler) applyRecusal(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	rc := mediation.Recusal{Side: mediation.Side(r.PostFormValue("side")), Grounds: r.PostFormValue("grounds")}
	if id := formID(r, "mediator_id", &errs); id != nil {
		rc.MediatorID = *id
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.ApplyRecusal(r.Context(), who(r), r.PathValue("number"), rc)
	}
	h.mediationDone(w, r, err, "recusal")
}
