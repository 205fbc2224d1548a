package web

import (
	"net/http"

	"weiquan/internal/dispatch"
	"weiquan/internal/service"
)

type profileData struct {
	Station *dispatch.Station
	Area    *dispatch.Area
	Saved   bool
	Alerts  service.AlertChannels // how deadline alerts reach the user (profile_alerts.go)
	Saved2  string                // "alerts" after saving them
}

func (h *Handler) showProfile(w http.ResponseWriter, r *http.Request) {
	d, err := h.profileData(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "password"
	d.Saved2 = r.URL.Query().Get("saved")
	h.render(w, r, http.StatusOK, "profile", page{Title: "web.profile.title", Active: "profile", Data: d})
}

func (h *Handler) profileData(r *http.Request) (profileData, error) {
	u := userOf(r)
	var d profileData
	if u.StationID != nil {
		st, err := h.svc.Station(r.Context(), who(r), *u.StationID)
		if err != nil {
			return d, err
		}
		d.Station = &st
	}
	if u.AreaID != nil {
		a, err := h.svc.Area(r.Context(), who(r), *u.AreaID)
		if err != nil {
			return d, err
		}
		d.Area = &a
	}
	if u.Role.Staff() {
		ch, err := h.svc.MyAlertChannels(r.Context(), who(r))
		if err != nil {
			return d, err
		}
		d.Alerts = ch
	}
	return d, nil
}
