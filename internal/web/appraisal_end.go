package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
)

// endAppraisal records the result of the running test: the mediation clock runs again (R-L17).
func (h *Handler) endAppraisal(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if perr != nil {
		errs.Add("appraisal_id", invalid.NotFound)
	}
	end := formTime(r, "ended_at", &errs)
	err := errs.Err()
	if err == nil {
		_, err = h.svc.EndAppraisal(r.Context(), who(r), r.PathValue("number"), id, end, r.PostFormValue("result"))
	}
	h.mediationDone(w, r, err, "appraisal_end")
}
