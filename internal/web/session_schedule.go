package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
)

// scheduleSession schedules a mediation session; both parties' notices go into the outbox (R-L15).
func (h *Handler) scheduleSession(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	s := mediation.Session{At: formTime(r, "at", &errs), Mode: mediation.Mode(r.PostFormValue("mode")),
		Place: r.PostFormValue("place"), MeetingLink: r.PostFormValue("meeting_link")}
	for _, v := range r.PostForm["mediators"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs.Add("mediators", invalid.Format)
			continue
		}
		s.Mediators = append(s.Mediators, id)
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.ScheduleSession(r.Context(), who(r), r.PathValue("number"), s)
	}
	h.mediationDone(w, r, err, "session")
}
