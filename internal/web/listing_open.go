package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
)

// openListing starts the unreachable-merchant procedure for a merchant (R-L36).
func (h *Handler) openListing(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var errs invalid.Errors
	id := formID(r, "merchant_id", &errs)
	if id == nil {
		errs.Add("merchant_id", invalid.Required)
	}
	if err := errs.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.svc.OpenListing(r.Context(), who(r), *id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/credit/listings/"+strconv.FormatInt(l.ID, 10), http.StatusSeeOther)
}
