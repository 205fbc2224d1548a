package web

import (
	"net/http"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// showIncomingReferral is the form for a matter another department refers to the office
// (C7): who referred it and what they ask, and the matter as any intake.
func (h *Handler) showIncomingReferral(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "referral_new", page{Title: "court.incoming.title", Active: "referrals", Data: struct{ Banner string }{}})
}

// receiveIncomingReferral registers the referred matter and opens its court page, where the
// referral stands with the others.
func (h *Handler) receiveIncomingReferral(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	in := service.IncomingReferral{
		Referral: mediation.Referral{Department: mediation.Department(f.Get("department")), DepartmentName: f.Get("department_name"), Request: f.Get("ref_request")},
		Matter: casework.IntakeInput{Kind: casework.Kind(f.Get("kind")), Consumer: casework.Party{Name: f.Get("consumer_name"), Phone: strings.TrimSpace(f.Get("consumer_phone")),
			Address: f.Get("consumer_address")}, MerchantName: f.Get("merchant_name"), MerchantAddress: f.Get("merchant_address"), Facts: f.Get("facts"), Request: f.Get("request")}}
	m, err := h.svc.ReceiveReferral(r.Context(), who(r), in)
	if fe, ok := formErrors(langOf(r), err); ok {
		for k, v := range fe { // the referral's own fields are named as the form names them
			if rest, ok := strings.CutPrefix(k, "referral."); ok {
				if rest == "request" {
					rest = "ref_request"
				}
				fe[rest] = v
			}
		}
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.render(w, r, status, "referral_new", page{Title: "court.incoming.title", Active: "referrals", Errors: fe, Form: r.PostForm,
			Data: struct{ Banner string }{firstMessage(fe)}})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/matters/"+m.Number+"/court", http.StatusSeeOther)
}
