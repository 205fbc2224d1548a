package web

import (
	"net/http"

	"weiquan/internal/dispatch"
)

type stationRow struct {
	S     dispatch.Station
	Area  string
	Staff int
}

func (h *Handler) listStations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	all, _, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stations, err := h.svc.Stations(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	users, err := h.svc.Users(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	staffOf := map[int64]int{}
	for _, u := range users {
		if u.StationID != nil && u.Active {
			staffOf[*u.StationID]++
		}
	}
	rows := make([]stationRow, len(stations))
	for i, st := range stations {
		rows[i] = stationRow{S: st, Area: areaLabel(all[st.AreaID], all), Staff: staffOf[st.ID]}
	}
	h.render(w, r, http.StatusOK, "admin_stations", page{Title: "web.stations.title", Active: "stations", Data: rows})
}
