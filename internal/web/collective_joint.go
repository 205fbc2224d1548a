package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// agreeRoles record a joint complaint's agreement: those who mediate (R-L5).
var agreeRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator}

// jointStep runs one step of a joint complaint from the case page: a refusal shows the page
// again with its field errors, success goes back to the page.
func (h *Handler) jointStep(w http.ResponseWriter, r *http.Request, step func(id int64, errs *invalid.Errors) error) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	var errs invalid.Errors
	err = step(id, &errs)
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderCollective(w, r, http.StatusUnprocessableEntity, r.PostForm, fe)
		return
	}
	http.Redirect(w, r, "/collective/"+strconv.FormatInt(id, 10)+"#joint-report", http.StatusSeeOther)
}

// agreeCollective records one agreement a representative signs for the members, each member's
// refund in the field share_<matter id> (R-L5).
func (h *Handler) agreeCollective(w http.ResponseWriter, r *http.Request) {
	h.jointStep(w, r, func(id int64, errs *invalid.Errors) error {
		c, err := h.svc.CollectiveCase(r.Context(), who(r), id)
		if err != nil {
			return err
		}
		in := service.JointInput{Terms: r.PostForm.Get("terms"), PerformedOnSpot: r.PostForm.Get("on_spot") != "", Mode: "on_site"}
		if rep := formID(r, "representative", errs); rep != nil {
			in.Representative = *rep
		} else if !errs.Has("representative") {
			errs.Add("representative", invalid.Required)
		}
		for _, m := range c.Members {
			if f := formMoney(r, "share_"+strconv.FormatInt(m.MatterID, 10), errs); f != nil {
				in.Shares = append(in.Shares, collective.Share{MatterID: m.MatterID, Amount: *f})
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err = h.svc.JointAgree(r.Context(), who(r), id, in)
		return err
	})
}

// representCollective records a representative's change or waiver of the members' requests (R-L5).
func (h *Handler) representCollective(w http.ResponseWriter, r *http.Request) {
	h.jointStep(w, r, func(id int64, errs *invalid.Errors) error {
		rep := formID(r, "representative", errs)
		if rep == nil {
			if !errs.Has("representative") {
				errs.Add("representative", invalid.Required)
			}
			return errs.Err()
		}
		_, err := h.svc.RepresentativeAct(r.Context(), who(r), id, *rep, collective.RepAct(r.PostForm.Get("act")), r.PostForm.Get("note"))
		return err
	})
}

// notifyCollective sends one notice to every member, each to their own phone.
func (h *Handler) notifyCollective(w http.ResponseWriter, r *http.Request) {
	h.jointStep(w, r, func(id int64, _ *invalid.Errors) error {
		_, err := h.svc.NotifyMembers(r.Context(), who(r), id, r.PostForm.Get("text"))
		return err
	})
}
