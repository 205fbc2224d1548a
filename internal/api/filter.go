package api

import (
	"net/http"

	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// matterFilter reads the filters of a matter list or export (service.ListFilter).
func (h *Handler) matterFilter(r *http.Request, errs invalid.Errors) (service.MatterQuery, error) {
	return h.svc.ListFilter(r.Context(), r.URL.Query(), errs)
}
