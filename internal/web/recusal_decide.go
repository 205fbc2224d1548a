package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
)

// decideRecusal records a head's decision on a recusal application: mediation resumes, and an
// upheld one takes the mediator off the sessions not yet held (R-L16).
func (h *Handler) decideRecusal(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if perr != nil {
		errs.Add("recusal_id", invalid.NotFound)
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.DecideRecusal(r.Context(), who(r), r.PathValue("number"), id, r.PostFormValue("upheld") == "1", r.PostFormValue("decision"))
	}
	h.mediationDone(w, r, err, "recusal_decided")
}
