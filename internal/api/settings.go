package api

import (
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/hotline"
	"weiquan/internal/service"
)

func (h *Handler) getSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.Settings(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, set)
}

// putSetting changes one group of settings; fields left out keep their value.
func (h *Handler) putSetting(w http.ResponseWriter, r *http.Request) {
	cur, err := h.svc.Settings(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	u := UserFrom(r.Context())
	var set service.Settings
	switch r.PathValue("key") {
	case service.SettingClocks:
		v := cur.Clocks
		if err = decode(w, r, &v); err == nil {
			set, err = h.svc.SaveClockSettings(r.Context(), u, v)
		}
	case service.SettingTiers:
		v := cur.Tiers
		if err = decode(w, r, &v); err == nil {
			set, err = h.svc.SaveTierRules(r.Context(), u, v)
		}
	case service.SettingHotline:
		var v hotline.Mapping // the whole mapping: a field left out is not mapped
		if err = decode(w, r, &v); err == nil {
			set, err = h.svc.SaveHotlineMapping(r.Context(), u, v)
		}
	case service.SettingMediation:
		v := cur.Mediation
		if err = decode(w, r, &v); err == nil {
			set, err = h.svc.SaveMediationSettings(r.Context(), u, v)
		}
	case service.SettingOffice:
		v := cur.Office
		if err = decode(w, r, &v); err == nil {
			set, err = h.svc.SaveOffice(r.Context(), u, v)
		}
	default:
		err = fault.ErrNotFound
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, set)
}
