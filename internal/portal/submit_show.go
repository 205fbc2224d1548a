package portal

import (
	"net/http"
	"strconv"

	"weiquan/internal/service"
)

// submitData is what the submit form offers.
type submitData struct {
	Areas []service.PublicArea
}

func (h *Handler) showSubmit(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{"kind": "complaint"}
	q := r.URL.Query()
	if k := q.Get("kind"); k == "report" || k == "inquiry" {
		form["kind"] = k
	}
	if id, err := strconv.ParseInt(q.Get("area"), 10, 64); err == nil && id > 0 {
		form["area_id"] = q.Get("area") // from a station's poster
	}
	h.renderSubmit(w, r, http.StatusOK, form, nil, "")
}

func (h *Handler) renderSubmit(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string, problem string) {
	areas, err := h.svc.PublicAreas(r.Context(), reqOf(r).who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(errs) > 0 && problem == "" {
		problem = t(reqOf(r).lang, "portal.submit.fix", "n", len(errs))
	}
	h.render(w, r, status, "submit", page{Title: "portal.submit.title", Form: form, Errors: errs, Problem: problem, Data: submitData{Areas: areas}})
}
