package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordMinutes records a session held: the minutes and who was present (R-L15).
func (h *Handler) recordMinutes(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	errs := formErrs()
	held := formTime(r, "held_at", &errs)
	var present []mediation.Side
	for _, s := range r.PostForm["present"] {
		present = append(present, mediation.Side(s))
	}
	err = errs.Err()
	if err == nil {
		_, err = h.svc.RecordMinutes(r.Context(), who(r), r.PathValue("number"), id, held, r.PostFormValue("minutes"), present)
	}
	h.mediationDone(w, r, err, "minutes")
}
