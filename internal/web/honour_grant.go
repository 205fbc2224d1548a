package web

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
)

// grantHonour puts a merchant on an honour roll for a period with its deciding document.
func (h *Handler) grantHonour(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	hon := credit.Honour{Title: credit.Title(f.Get("title")), Criteria: f.Get("criteria"), DocumentRef: f.Get("document_ref")}
	if id := formID(r, "merchant_id", &errs); id != nil {
		hon.MerchantID = *id
	} else if !errs.Has("merchant_id") {
		errs.Add("merchant_id", invalid.Required)
	}
	for _, x := range []struct {
		name string
		d    *calendar.Date
	}{{"from", &hon.From}, {"to", &hon.To}} {
		if v := f.Get(x.name); v != "" {
			d, err := calendar.ParseDate(v)
			if err != nil {
				errs.Add(x.name, invalid.Format)
			}
			*x.d = d
		}
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.GrantHonour(r.Context(), who(r), hon)
	}
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderHonours(w, r, http.StatusUnprocessableEntity, f, fe)
		return
	}
	http.Redirect(w, r, "/credit/honours", http.StatusSeeOther)
}
