package web

import (
	"net/http"

	"weiquan/internal/collective"
	"weiquan/internal/service"
)

type collectiveListData struct {
	Cases    []collective.Case
	Status   string
	Statuses []collective.Status
}

// listCollective shows the collective cases of the viewer's area, proposals first to decide.
func (h *Handler) listCollective(w http.ResponseWriter, r *http.Request) {
	st := collective.Status(r.URL.Query().Get("status"))
	if st != "" && !st.Valid() {
		st = ""
	}
	list, err := h.svc.CollectiveCases(r.Context(), who(r), service.CollectiveQuery{Status: st})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := collectiveListData{Cases: list, Status: string(st), Statuses: []collective.Status{collective.Proposed, collective.Confirmed, collective.Rejected}}
	h.render(w, r, http.StatusOK, "collective_list", page{Title: "collective.title", Active: "collective", Form: r.URL.Query(), Data: d})
}
