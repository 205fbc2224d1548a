package web

import (
	"net/http"
	"strings"

	"weiquan/internal/dispatch"
)

type areaRow struct {
	A        dispatch.Area
	Depth    int
	Stations int
	Promise  int
}

// listAreas shows the area tree top-down, with each area's stations and on-site promise.
func (h *Handler) listAreas(w http.ResponseWriter, r *http.Request) {
	_, list, err := h.areaMap(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stations, err := h.svc.Stations(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	count := map[int64]int{}
	for _, st := range stations {
		count[st.AreaID]++
	}
	rows := make([]areaRow, len(list))
	for i, a := range list {
		rows[i] = areaRow{A: a, Depth: min(strings.Count(a.Path, "/")-2, 5), Stations: count[a.ID], Promise: a.PromiseMinutes()}
	}
	h.render(w, r, http.StatusOK, "admin_areas", page{Title: "web.areas.title", Active: "areas", Data: rows})
}
