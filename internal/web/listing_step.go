package web

import (
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/service"
)

// stepListing carries out one step of a procedure from its form; a refusal comes back
// beside the form with the rule that refuses.
func (h *Handler) stepListing(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	st := service.ListingStep{Action: r.PathValue("action"), Reason: credit.Reason(f.Get("reason")), Ref: f.Get("ref"),
		Ground: f.Get("ground"), Text: f.Get("text"), Upheld: f.Get("upheld") == "1"}
	st.Objection, _ = strconv.Atoi(f.Get("objection"))
	st.Attempt = credit.Attempt{Method: credit.Method(f.Get("method")), Reached: f.Get("reached") == "1", Note: f.Get("note")}
	if v := f.Get("at"); v != "" {
		if t, err := time.ParseInLocation("2006-01-02T15:04", v, calendar.Shanghai); err == nil {
			st.Attempt.At = t.UTC()
		}
	}
	if _, err := h.svc.StepListing(r.Context(), who(r), id, st); err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderListing(w, r, http.StatusUnprocessableEntity, st.Action, f, fe)
		return
	}
	http.Redirect(w, r, "/credit/listings/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
