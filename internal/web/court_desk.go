package web

import "net/http"

// showJudgeDesk is the judge's desk (issue 10 item 8): exactly the disputes the judge's
// court delegated and the applications for judicial confirmation filed with it.
func (h *Handler) showJudgeDesk(w http.ResponseWriter, r *http.Request) {
	desk, err := h.svc.JudgeDeskOf(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "court_desk", page{Title: "court.web.desk", Active: "court", Data: desk})
}
