package web

import (
	"errors"
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
)

// submitAnswer records the merchant's answer: accept, an offer with amounts, or a dispute with reasons (C12).
func (h *Handler) submitAnswer(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	a := mediation.MerchantAnswer{Kind: mediation.AnswerKind(r.PostFormValue("answer")), Text: r.PostFormValue("text"), Terms: r.PostFormValue("terms")}
	if a.Kind == mediation.OfferSettle {
		a.Amounts = formAmounts(r, &errs)
		a.DueDate = formDate(r, "due_date", &errs)
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.AnswerComplaint(r.Context(), who(r), r.PathValue("number"), a)
	}
	switch fe, ok := formErrors(langOf(r), err); {
	case err == nil:
		http.Redirect(w, r, "/matters/"+r.PathValue("number")+"/answer?done=1", http.StatusSeeOther)
	case ok:
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.renderAnswer(w, r, status, fe)
	case errors.Is(err, fault.ErrForbidden), errors.Is(err, casework.ErrForbidden):
		h.errorPage(w, r, http.StatusForbidden)
	default:
		h.fail(w, r, err)
	}
}
