package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordAgreement records the agreement: terms, amounts by kind adding up to the recovered
// amount (R-S6), performed on the spot or by a date.
func (h *Handler) recordAgreement(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	a := mediation.Agreement{Terms: r.PostFormValue("terms"), Mode: mediation.Mode(r.PostFormValue("mode")),
		PerformedOnSpot: checkbox(r, "performed_on_spot"), WaiveDocument: checkbox(r, "waive_document")}
	a.Amounts = formAmounts(r, &errs)
	a.DueDate = formDate(r, "due_date", &errs)
	if rec := formMoney(r, "recovered_amount", &errs); rec != nil {
		a.Recovered = *rec
	} else {
		a.Recovered = mediation.Sum(a.Amounts) // left empty: the sum of the lines
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.RecordAgreement(r.Context(), who(r), r.PathValue("number"), a)
	}
	h.mediationDone(w, r, err, "agree")
}
