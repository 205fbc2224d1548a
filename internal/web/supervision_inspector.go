package web

import (
	"net/http"

	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// addInspector adds an inspector who may be drawn, or ({inspector_id} given) records an
// inspector's declared conflict with a merchant.
func (h *Handler) addInspector(w http.ResponseWriter, r *http.Request) {
	h.supervisionStep(w, r, "draws", func() error {
		f := r.PostForm
		var errs invalid.Errors
		if iid := formID(r, "inspector_id", &errs); iid != nil || errs.Has("inspector_id") {
			mid := formID(r, "conflict_merchant_id", &errs)
			if mid == nil && !errs.Has("conflict_merchant_id") {
				errs.Add("conflict_merchant_id", invalid.Required)
			}
			if err := errs.Err(); err != nil {
				return err
			}
			return h.svc.DeclareConflict(r.Context(), who(r), *iid, *mid, f.Get("reason"))
		}
		return h.svc.SaveInspector(r.Context(), who(r), &service.Inspector{Name: f.Get("inspector_name"), Unit: f.Get("unit")})
	})
}
