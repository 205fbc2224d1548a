package web

import (
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/mediation"
)

// signData is the signing page: one party signs on the mediator's phone or tablet.
type signData struct {
	Number string
	Side   mediation.Side
	Name   string
	Terms  string
	Total  string
}

// showSignature shows the agreement's terms and a pad for one party to sign by touch (R-L34).
func (h *Handler) showSignature(w http.ResponseWriter, r *http.Request) {
	side := mediation.Side(r.PathValue("side"))
	if !side.Valid() {
		h.fail(w, r, fault.ErrNotFound)
		return
	}
	m, err := h.svc.MatterFor(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := h.svc.Mediation(r.Context(), who(r), m.Number)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Agreement == nil { // nothing to sign yet
		http.Redirect(w, r, "/matters/"+m.Number+"#mediation", http.StatusSeeOther)
		return
	}
	d := signData{Number: m.Number, Side: side, Name: m.Consumer.Name, Terms: f.Agreement.Terms,
		Total: "¥" + f.Agreement.Recovered.String() + "（" + f.Agreement.Recovered.Capitals() + "）"}
	if side == mediation.Respondent {
		d.Name = m.MerchantName
	}
	h.render(w, r, http.StatusOK, "sign", page{Title: "mediation.sign.title", Active: "queue", Data: d})
}
