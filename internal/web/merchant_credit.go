package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

type merchantCreditData struct {
	C      service.MerchantCredit
	R      service.MerchantRecord
	Decide bool
	Work   bool
	Active bool // a procedure runs or the merchant stands listed
	// SuccessPct is the mediation success rate as printed.
	SuccessPct string
	// AnswerPct and AnswerHours are the answered-online rate and mean hours to the answer, as printed.
	AnswerPct, AnswerHours string
}

// showMerchantCredit is the staff view of a merchant: its record over a period (default the
// last twelve months), repeat-offender state, honours, listings, custody agreement and the
// domicile check of a cluster-registered shop.
func (h *Handler) showMerchantCredit(w http.ResponseWriter, r *http.Request) {
	h.renderMerchantCredit(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderMerchantCredit(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	q := r.URL.Query()
	to := calendar.DateOf(h.svc.Now())
	from := calendar.DateOf(h.svc.Now().AddDate(-1, 0, 1))
	if d, err := calendar.ParseDate(q.Get("from")); err == nil {
		from = d
	}
	if d, err := calendar.ParseDate(q.Get("to")); err == nil && !d.Before(from) && d.Compare(from.AddDays(3660)) < 0 {
		to = d
	}
	ctx, p := r.Context(), who(r)
	mc, err := h.svc.MerchantCreditOf(ctx, p, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rec, err := h.svc.MerchantRecordOf(ctx, p, id, from, to)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	role := userOf(r).Role
	d := merchantCreditData{C: mc, R: rec, Decide: slices.Contains(heads, role), Work: slices.Contains(deskRoles, role)}
	if sr := rec.Figures.SuccessRate; sr != nil {
		d.SuccessPct = strconv.FormatFloat(*sr*100, 'f', 1, 64) + "%"
	}
	if ar := rec.Figures.AnswerRate; ar != nil { // 0% for a merchant that answered none of its accepted complaints
		d.AnswerPct = strconv.FormatFloat(*ar*100, 'f', 1, 64) + "%"
	}
	if ah := rec.Figures.AnswerHours; ah != nil { // only once it answered one: a rate of 0% has no hours
		d.AnswerHours = strconv.FormatFloat(*ah, 'f', 1, 64)
	}
	for _, l := range mc.Listings {
		if l.Active() {
			d.Active = true
		}
	}
	if form == nil {
		form = url.Values{"from": {from.String()}, "to": {to.String()}}
		if a := mc.Agreement; a != nil {
			form.Set("custody_id", itoa(int(a.CustodyID)))
			form.Set("starts_on", a.StartsOn.String())
			if !a.EndsOn.IsZero() {
				form.Set("ends_on", a.EndsOn.String())
			}
		} else if mc.Merchant.CustodyID != nil {
			form.Set("custody_id", itoa(int(*mc.Merchant.CustodyID)))
		}
	}
	h.render(w, r, status, "merchant_credit", page{Title: "credit.merchant.title", Active: "credit", Form: form, Errors: errs, Data: d})
}
