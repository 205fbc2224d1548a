package web

import (
	"errors"
	"net/http"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
)

// actOnMatter takes one action from the case page. Field errors reopen the
// action's form with what was typed; a refused transition or a concurrent
// change shows a banner on the case page as it now stands.
func (h *Handler) actOnMatter(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	_ = r.ParseForm()
	number, a := r.PathValue("number"), casework.Action(r.PathValue("action"))
	in, errs := readAction(r, a)
	if a == casework.Update && in.Changes != nil {
		var place casework.IntakeInput
		if _, err := h.resolveArea(ctx, r, &place, &errs); err != nil {
			h.fail(w, r, err)
			return
		}
		in.Changes.AreaID = place.AreaID
		if place.AreaText != "" {
			in.Changes.AreaText = &place.AreaText
		}
	}
	var err error
	if err = errs.Err(); err == nil {
		_, err = h.svc.Act(ctx, who(r), number, a, in)
	}
	var te *casework.TransitionError
	switch fe, ok := formErrors(lang, err); {
	case err == nil:
		http.Redirect(w, r, "/matters/"+number+"?done="+string(a)+"#timeline", http.StatusSeeOther)
	case errors.Is(err, casework.ErrForbidden):
		h.errorPage(w, r, http.StatusForbidden)
	case ok:
		fe = relabelNote(lang, a, err, prefixErrors(fe))
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict // a clash with the record, such as closing before the document R-L20 asks for
		}
		h.renderMatter(w, r, status, matterPage{open: a, errors: fe, form: r.PostForm})
	case errors.As(err, &te):
		h.renderMatter(w, r, http.StatusConflict, matterPage{banner: httpio.TransitionMessage(lang, te)})
	case errors.Is(err, fault.ErrConflict):
		h.renderMatter(w, r, http.StatusConflict, matterPage{banner: i18n.T(lang, "err.stale")})
	default:
		h.fail(w, r, err)
	}
}

// prefixErrors files errors about the correction under the form's own field names.
func prefixErrors(fe map[string]string) map[string]string {
	out := make(map[string]string, len(fe))
	for k, v := range fe {
		out[strings.TrimPrefix(k, "changes.")] = v
	}
	return out
}

// readAction reads the fields an action's form sends.
func readAction(r *http.Request, a casework.Action) (casework.ActionInput, invalid.Errors) {
	var errs invalid.Errors
	f := r.PostForm
	in := casework.ActionInput{Note: f.Get("note"), ReasonCode: f.Get("reason_code"), Answer: f.Get("answer"), PlatformNo: f.Get("platform_no"), Summary: f.Get("summary")}
	switch a {
	case casework.Dispatch:
		in.StationID = formID(r, "station_id", &errs)
		in.AssigneeID = formID(r, "assignee_id", &errs)
	case casework.CheckIn:
		in.Lat = formFloat(r, "lat", &errs)
		in.Lng = formFloat(r, "lng", &errs)
	case casework.Agree:
		in.Recovered = formMoney(r, "recovered_amount", &errs)
	case casework.Update:
		in.Changes = readChanges(r, &errs)
	case casework.Merge:
		in.Into, in.NewFacts = strings.TrimSpace(f.Get("into")), checkbox(r, "new_facts")
	}
	return in, errs
}

// readChanges takes every detail the form sent; the matter records only what really changed.
func readChanges(r *http.Request, errs *invalid.Errors) *casework.Changes {
	f := r.PostForm
	text := func(name string) *string {
		if _, ok := f[name]; !ok {
			return nil
		}
		v := f.Get(name)
		return &v
	}
	c := &casework.Changes{
		ConsumerName: text("consumer_name"), ConsumerPhone: text("consumer_phone"), ConsumerAddress: text("consumer_address"),
		ConsumerIDNumber: text("consumer_id_number"), MerchantName: text("merchant_name"), MerchantAddress: text("merchant_address"),
		Facts: text("facts"), Request: text("request"),
	}
	if _, ok := f["category"]; ok {
		cat := casework.Category(f.Get("category"))
		c.Category = &cat
	}
	c.AmountInDispute = formMoney(r, "amount_in_dispute", errs)
	c.MerchantID = formID(r, "merchant_id", errs)
	if _, ok := f["needs_visit_shown"]; ok {
		v := checkbox(r, "needs_visit")
		c.NeedsVisit = &v
	}
	return c
}
