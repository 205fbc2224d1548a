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
	Heads     []areaChoice // active staff who may head a station
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
		st, err := h.svc.Station(r.Context(), who(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("name", st.Name)
		form.Set("area_id", strconv.FormatInt(st.AreaID, 10))
		form.Set("host_type", string(st.HostType))
		form.Set("address", st.Address)
		form.Set("phone", st.Phone)
		form.Set("hours", st.Hours)
		if st.Active {
			form.Set("active", "1")
		}
		form.Set("head_id", idStr(st.HeadID))
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
	staff, err := h.svc.Staff(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, u := range staff {
		if u.Active {
			d.Heads = append(d.Heads, areaChoice{u.ID, u.Name})
		}
	}
	h.render(w, r, status, "admin_station_form", page{Title: "web.stations.title", Active: "stations", Form: form, Errors: errs, Data: d})
}
