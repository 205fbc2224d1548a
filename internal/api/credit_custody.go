package api

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
)

// CustodyInput is a cluster-registered shop's custody agreement: the custody company and the
// agreement's dates (R-L39).
type CustodyInput struct {
	CustodyID int64         `json:"custody_id"`
	StartsOn  calendar.Date `json:"starts_on"`
	EndsOn    calendar.Date `json:"ends_on,omitzero"`
}

// putCustody records the custody agreement of the merchant in the path and answers it as
// stored, with the custody company's name and USCC.
func (h *Handler) putCustody(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in CustodyInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	a := credit.Agreement{MerchantID: id, CustodyID: in.CustodyID, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	if err := h.svc.SaveAgreement(r.Context(), who(r), a); err != nil {
		fail(w, r, err)
		return
	}
	mc, err := h.svc.MerchantCreditOf(r.Context(), who(r), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	if mc.Agreement != nil {
		a = *mc.Agreement
	}
	writeJSON(w, http.StatusOK, a)
}
