package web

import (
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/credit"
)

type listingShowData struct {
	L        credit.Listing
	Methods  []credit.Method
	Reasons  []credit.Reason
	Decide   bool // the viewer may decide listings and removals
	Work     bool // the viewer may record attempts and refer
	Open     string
	Problems []string
}

// showListing shows one procedure: attempts, the custody request, the decision and its
// clocks, objections, and the forms for the next step.
func (h *Handler) showListing(w http.ResponseWriter, r *http.Request) {
	h.renderListing(w, r, http.StatusOK, "", nil, nil)
}

func (h *Handler) renderListing(w http.ResponseWriter, r *http.Request, status int, open string, form url.Values, errs map[string]string) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	l, err := h.svc.Listing(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	role := userOf(r).Role
	d := listingShowData{L: l, Methods: credit.Methods, Reasons: credit.Reasons, Decide: slices.Contains(heads, role),
		Work: slices.Contains(deskRoles, role), Open: open}
	if mc, err := h.svc.MerchantCreditOf(r.Context(), who(r), l.MerchantID); err == nil {
		d.Problems = mc.Problems
	}
	h.render(w, r, status, "credit_listing", page{Title: "listing.one", Active: "credit", Form: form, Errors: errs, Data: d})
}
