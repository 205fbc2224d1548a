package web

import (
	"net/http"
)

// stepSample records a sample's lab result ({action} result) or publishes it ({action} publish).
func (h *Handler) stepSample(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	h.supervisionStep(w, r, "samples", func() error {
		f := r.PostForm
		result := f.Get("lab_result")
		if r.PathValue("action") == "publish" {
			result = "publish"
		} else if result == "" || result == "publish" {
			result = "none"
		}
		_, err := h.svc.SampleResult(r.Context(), who(r), id, result, f.Get("report_no"), f.Get("result_on"), f.Get("items"))
		return err
	})
}
