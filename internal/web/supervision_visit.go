package web

import (
	"net/http"

	"weiquan/internal/invalid"
	"weiquan/internal/supervise"
)

// recordVisit records a mystery-shopping visit (明察暗访) with its findings.
func (h *Handler) recordVisit(w http.ResponseWriter, r *http.Request) {
	h.supervisionStep(w, r, "visits", func() error {
		f := r.PostForm
		var errs invalid.Errors
		v := supervise.Visit{MerchantID: formID(r, "visit_merchant_id", &errs), MerchantName: f.Get("visit_merchant"), VisitedOn: f.Get("visited_on"),
			Visitors: f.Get("visitors"), Topic: f.Get("topic"), Result: supervise.VisitResult(f.Get("visit_result")), Findings: f.Get("findings")}
		if err := errs.Err(); err != nil {
			return err
		}
		return h.svc.RecordVisit(r.Context(), who(r), &v)
	})
}
