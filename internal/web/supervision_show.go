package web

import (
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/service"
	"weiquan/internal/supervise"
)

type supervisionData struct {
	Questionnaires []supervise.Questionnaire
	Draws          []service.Draw
	Inspectors     []service.Inspector
	Visits         []supervise.Visit
	Samples        []supervise.Sample
	Head           bool // designs questionnaires, runs draws, records lab results and publishes them
	Desk           bool // records visits and samples
	Rows           []int
	Kinds          []supervise.QuestionKind
}

// showSupervision is social supervision's desk (C10): questionnaires, the 双随机一公开 draws
// with their inspectors, mystery-shopping visits and product sampling.
func (h *Handler) showSupervision(w http.ResponseWriter, r *http.Request) {
	h.renderSupervision(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderSupervision(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	p := who(r)
	d := supervisionData{Head: slices.Contains(heads, userOf(r).Role), Desk: slices.Contains(deskRoles, userOf(r).Role),
		Rows: []int{0, 1, 2, 3, 4}, Kinds: []supervise.QuestionKind{supervise.Rating, supervise.Choice, supervise.Text}}
	var err error
	if d.Questionnaires, err = h.svc.Questionnaires(r.Context(), p); err == nil {
		if d.Draws, err = h.svc.Draws(r.Context(), p); err == nil {
			if d.Inspectors, err = h.svc.Inspectors(r.Context(), p); err == nil {
				if d.Visits, err = h.svc.Visits(r.Context(), p); err == nil {
					d.Samples, err = h.svc.Samples(r.Context(), p)
				}
			}
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "supervision", page{Title: "sup.title", Active: "supervision", Form: form, Errors: errs, Data: d})
}

// supervisionStep runs one command from the desk: a refusal shows the page again with its
// field errors, success goes back to the section.
func (h *Handler) supervisionStep(w http.ResponseWriter, r *http.Request, anchor string, step func() error) {
	_ = r.ParseForm()
	if err := step(); err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderSupervision(w, r, http.StatusUnprocessableEntity, r.PostForm, fe)
		return
	}
	http.Redirect(w, r, "/supervision#"+anchor, http.StatusSeeOther)
}
