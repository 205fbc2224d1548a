package web

import (
	"net/http"
	"net/url"
	"strconv"

	"weiquan/internal/dispatch"
)

type stationFormData struct {
	ID        int64
	Areas     []areaChoice
	HostTypes []dispatch.HostType
}

func (h *Handler) showStationForm(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		st, err := h.svc.Store.Station(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("name", st.Name)
		form.Set("area_id", strconv.FormatInt(st.AreaID, 10))
		form.Set("host_type", string(st.HostType))
		form.Set("address", st.Address)
		form.Set("phone", st.Phone)
		if st.Active {
			form.Set("active", "1")
		}
	} else {
		form.Set("active", "1")
	}
	h.renderStationForm(w, r, http.StatusOK, id, form, nil)
}

func (h *Handler) renderStationForm(w http.ResponseWriter, r *http.Request, status int, id int64, form url.Values, errs map[string]string) {
	all, list, err := h.areaMap(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := stationFormData{ID: id, HostTypes: dispatch.HostTypes}
	for _, a := range list {
		d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
	}
	h.render(w, r, status, "admin_station_form", page{Title: "web.stations.title", Active: "stations", Form: form, Errors: errs, Data: d})
}
