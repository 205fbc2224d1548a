package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordFulfilment records what the merchant performed of the agreement.
func (h *Handler) recordFulfilment(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	f := mediation.Fulfilment{Status: mediation.FulfilmentStatus(r.PostFormValue("status")), Note: r.PostFormValue("note"), At: formTime(r, "at", &errs)}
	if p := formMoney(r, "paid", &errs); p != nil {
		f.Paid = *p
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.RecordFulfilment(r.Context(), who(r), r.PathValue("number"), f)
	}
	h.mediationDone(w, r, err, "fulfilment")
}
