package web

import (
	"net/http"

	"weiquan/internal/invalid"
	"weiquan/internal/supervise"
)

// recordSample records a product sampled for testing (商品抽检), its result pending.
func (h *Handler) recordSample(w http.ResponseWriter, r *http.Request) {
	h.supervisionStep(w, r, "samples", func() error {
		f := r.PostForm
		var errs invalid.Errors
		x := supervise.Sample{Product: f.Get("product"), Brand: f.Get("brand"), Batch: f.Get("batch"), MerchantID: formID(r, "sample_merchant_id", &errs),
			MerchantName: f.Get("sample_merchant"), SampledOn: f.Get("sampled_on"), Lab: f.Get("lab")}
		if err := errs.Err(); err != nil {
			return err
		}
		return h.svc.RecordSample(r.Context(), who(r), &x)
	})
}
