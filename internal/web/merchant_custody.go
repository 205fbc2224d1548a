package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
)

// saveCustody records a cluster-registered shop's custody agreement and its dates (R-L39).
func (h *Handler) saveCustody(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	a := credit.Agreement{MerchantID: id}
	if c := formID(r, "custody_id", &errs); c != nil {
		a.CustodyID = *c
	}
	for _, x := range []struct {
		name string
		d    *calendar.Date
	}{{"starts_on", &a.StartsOn}, {"ends_on", &a.EndsOn}} {
		if v := f.Get(x.name); v != "" {
			d, err := calendar.ParseDate(v)
			if err != nil {
				errs.Add(x.name, invalid.Format)
			}
			*x.d = d
		}
	}
	err = errs.Err()
	if err == nil {
		err = h.svc.SaveAgreement(r.Context(), who(r), a)
	}
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderMerchantCredit(w, r, http.StatusUnprocessableEntity, f, fe)
		return
	}
	http.Redirect(w, r, "/merchants/"+strconv.FormatInt(id, 10)+"/credit", http.StatusSeeOther)
}
