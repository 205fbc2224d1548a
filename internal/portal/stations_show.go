package portal

import (
	"net/http"
	"strconv"

	"weiquan/internal/service"
)

type stationsData struct {
	Stations []service.PublicStation
	Areas    []service.PublicArea
	AreaID   string
}

// showStations finds the stations of an area (or all), with hours, phone and the on-site promise.
func (h *Handler) showStations(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	d := stationsData{AreaID: r.URL.Query().Get("area")}
	var area *int64
	if id, err := strconv.ParseInt(d.AreaID, 10, 64); err == nil && id > 0 {
		area = &id
	}
	var err error
	if d.Stations, err = h.svc.PublicStations(r.Context(), q.who, area); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Areas, err = h.svc.PublicAreas(r.Context(), q.who); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "stations", page{Title: "portal.nav.stations", Data: d})
}
