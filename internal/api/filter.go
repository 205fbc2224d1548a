package api

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// matterFilter reads the filters of a matter list or export (service.ListFilter).
func (h *Handler) matterFilter(r *http.Request, errs invalid.Errors) (store.MatterFilter, error) {
	return h.svc.ListFilter(r.Context(), r.URL.Query(), errs)
}

// queryDate reads a YYYY-MM-DD parameter.
func queryDate(r *http.Request, name string, errs *invalid.Errors) (calendar.Date, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return calendar.Date{}, false
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		errs.Add(name, invalid.Format)
		return d, false
	}
	return d, true
}
