package web

import (
	"net/http"
	"strings"

	"weiquan/internal/mediation"
)

// startAppraisal records that testing or appraisal began, from acceptance on: the agency chosen
// or designated, the costs agreed; the mediation clock stops (R-L17).
func (h *Handler) startAppraisal(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	a := mediation.Appraisal{Agency: r.PostFormValue("agency"), ChosenBy: mediation.Chooser(r.PostFormValue("chosen_by")),
		Payer: mediation.Payer(r.PostFormValue("payer")), CostAgreed: r.PostFormValue("cost_agreed") != "",
		StartedAt: formTime(r, "started_at", &errs)}
	if strings.TrimSpace(r.PostFormValue("cost")) != "" {
		if f := formMoney(r, "cost", &errs); f != nil {
			a.Cost = *f
		}
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.StartAppraisal(r.Context(), who(r), r.PathValue("number"), a)
	}
	h.mediationDone(w, r, err, "appraisal")
}
