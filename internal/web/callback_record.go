package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// recordCallback records the callback after closing: reached or not, satisfaction 1–5 (R-L23).
func (h *Handler) recordCallback(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	in := service.CallbackInput{Reached: r.PostFormValue("reached") != "no", Comment: r.PostFormValue("comment")}
	if v := r.PostFormValue("satisfaction"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs.Add("satisfaction", invalid.Format)
		}
		in.Satisfaction = &n
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.RecordCallback(r.Context(), who(r), r.PathValue("number"), in)
	}
	h.mediationDone(w, r, err, "callback")
}
