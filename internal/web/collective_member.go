package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
)

// stepCollectiveMember records a member's consent or elects a representative (R-L5).
func (h *Handler) stepCollectiveMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	mid := formID(r, "matter_id", &errs)
	if mid == nil && !errs.Has("matter_id") {
		errs.Add("matter_id", invalid.Required)
	}
	err = errs.Err()
	if err == nil {
		_, err = h.svc.JointStep(r.Context(), who(r), id, f.Get("action"), *mid, f.Get("ref"))
	}
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderCollective(w, r, http.StatusUnprocessableEntity, f, fe)
		return
	}
	http.Redirect(w, r, "/collective/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
