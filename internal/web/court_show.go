package web

import (
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/httpio"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// courtData is a matter's work with the court and the departments on one page.
type courtData struct {
	Number       string
	Complainant  string
	Respondent   string
	Delegation   *court.Delegation
	Confirmation *court.Confirmation
	Transfer     *court.Transfer
	Eligibility  service.Eligibility
	Problems     []string // the rules that keep "apply for judicial confirmation" off, in words
	Referrals    []mediation.Referral
	Police       *mediation.Referral // the fraud referral to the police: the matter is 移送公安 (R-L10)
	Frauds       []mediation.Fraud
	Report       bool                // a report: R-L24 instead of the court's forms
	DuplicateOf  *casework.Matter    // the earlier report this one repeats (R-L24)
	Sessions     []mediation.Session // the sessions a judge may join (video ones carry the court's meeting link)
	Dispatched   bool                // at a station: it may be returned to the intake unit (R-L13)
	Decided      bool                // a report's filing decision is made: the reporter may be told (R-L44)
	Banner       string
}

// showCourt is the court page of a matter: the delegation and its period, judicial
// confirmation — enabled only when R-L30 holds, naming the rule that fails otherwise —
// the ruling and what it opens, the transfer to filing, the referrals.
func (h *Handler) showCourt(w http.ResponseWriter, r *http.Request) {
	h.renderCourt(w, r, http.StatusOK, nil, "")
}

func (h *Handler) renderCourt(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, banner string) {
	ctx, p, n, lang := r.Context(), who(r), r.PathValue("number"), langOf(r)
	d := courtData{Number: n, Banner: banner, Frauds: mediation.Frauds}
	m, err := h.svc.MatterFor(ctx, p, n)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Complainant, d.Respondent = m.Consumer.Name, m.MerchantName
	if d.Report = m.Kind == casework.Report; d.Report {
		if d.DuplicateOf, err = h.svc.DuplicateOf(ctx, p, n); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if d.Delegation, err = h.svc.CourtDelegation(ctx, p, n); err == nil {
		if d.Confirmation, err = h.svc.Confirmation(ctx, p, n); err == nil {
			if d.Transfer, err = h.svc.Transfer(ctx, p, n); err == nil {
				if d.Eligibility, err = h.svc.ConfirmationEligibility(ctx, p, n); err == nil {
					d.Police, err = h.svc.PoliceStatus(ctx, p, n)
				}
			}
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, f := range d.Eligibility.Problems {
		d.Problems = append(d.Problems, httpio.FieldMessage(lang, f))
	}
	if f, err := h.svc.Mediation(ctx, p, n); err == nil {
		d.Referrals, d.Sessions = f.Referrals, f.Sessions
	}
	d.Dispatched = m.State == casework.Dispatched && m.StationID != nil
	d.Decided = m.Kind == casework.Report && (m.Outcome == casework.OutcomeFiled || m.Outcome == casework.OutcomeNotFiled)
	h.render(w, r, status, "court", page{Title: "court.web.title", Active: "queue", Errors: errs, Form: r.PostForm, Data: d})
}
