package portal

import (
	"net/http"
	"strings"

	"weiquan/internal/httpio"
)

// acceptOffer is the complainant accepting the merchant's offer, once they ticked the box that
// says the offer becomes the agreement.
func (h *Handler) acceptOffer(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	if q.who.Consumer == nil {
		http.Redirect(w, r, "/portal/track", http.StatusSeeOther)
		return
	}
	if r.PostForm.Get("confirm") == "" {
		h.caseAgain(w, r, http.StatusUnprocessableEntity, map[string]string{"offer_confirm": t(q.lang, "portal.offer.confirm_needed")}, "")
		return
	}
	if _, err := h.svc.AcceptOfferOnPortal(r.Context(), q.who); err != nil {
		h.caseFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/case?done=accepted", http.StatusSeeOther)
}

// declineOffer is the complainant turning the merchant's offer down, with a reason if they like.
func (h *Handler) declineOffer(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	if q.who.Consumer == nil {
		http.Redirect(w, r, "/portal/track", http.StatusSeeOther)
		return
	}
	if err := h.svc.DeclineOfferOnPortal(r.Context(), q.who, strings.TrimSpace(r.PostForm.Get("decline_reason"))); err != nil {
		h.caseFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/case?done=declined", http.StatusSeeOther)
}

// caseFailed shows the case page again with what went wrong, for a refusal the consumer can
// read (409, 422); anything else is the error page.
func (h *Handler) caseFailed(w http.ResponseWriter, r *http.Request, err error) {
	q := reqOf(r)
	pr := httpio.Classify(q.lang, err)
	if pr.Status != http.StatusConflict && pr.Status != http.StatusUnprocessableEntity {
		h.fail(w, r, err)
		return
	}
	errs := map[string]string{}
	problem := ""
	for _, fe := range pr.Body.Errors {
		if strings.HasPrefix(fe.Field, "consent_") {
			problem = t(q.lang, "portal.offer.needs_consent") // the office records both sides' consent first (R-L14)
			continue
		}
		if _, dup := errs[fe.Field]; !dup {
			errs[fe.Field] = fe.Message
		}
		if problem == "" {
			problem = fe.Message
		}
	}
	h.caseAgain(w, r, pr.Status, errs, problem)
}

// caseAgain renders the case page with field errors and a problem for the whole page.
func (h *Handler) caseAgain(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, problem string) {
	q := reqOf(r)
	c, err := h.svc.PortalCase(r.Context(), q.who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{"comment": r.PostForm.Get("comment"), "satisfaction": r.PostForm.Get("satisfaction"), "decline_reason": r.PostForm.Get("decline_reason")}
	h.render(w, r, status, "case", page{Title: "portal.case.title", Form: form, Errors: errs, Problem: problem, Data: c})
}
