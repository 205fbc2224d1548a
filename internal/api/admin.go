package api

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

func pathID(r *http.Request) (int64, error) { return httpio.PathID(r, "id") }

func (h *Handler) listAreas(w http.ResponseWriter, r *http.Request) {
	var list []dispatch.Area
	var err error
	if q := r.URL.Query().Get("q"); q != "" {
		list, err = h.svc.FindAreas(r.Context(), who(r), q, 20)
	} else {
		list, err = h.svc.Areas(r.Context(), who(r))
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": localAll(list, localArea)})
}

func (h *Handler) getArea(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var a dispatch.Area
		if a, err = h.svc.Area(r.Context(), who(r), id); err == nil {
			writeJSON(w, http.StatusOK, localArea(a))
			return
		}
	}
	fail(w, r, err)
}

func (h *Handler) createArea(w http.ResponseWriter, r *http.Request) {
	var a dispatch.Area
	if err := decode(w, r, &a); err != nil {
		fail(w, r, err)
		return
	}
	a.ID = 0
	if err := h.svc.CreateArea(r.Context(), &a); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, localArea(a))
}

func (h *Handler) updateArea(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var a dispatch.Area
	if err := decode(w, r, &a); err != nil {
		fail(w, r, err)
		return
	}
	a.ID = id
	if err := h.svc.UpdateArea(r.Context(), &a); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localArea(a))
}

func (h *Handler) listStations(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Stations(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": localAll(list, localStation)})
}

func (h *Handler) getStation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var st dispatch.Station
		if st, err = h.svc.Station(r.Context(), who(r), id); err == nil {
			writeJSON(w, http.StatusOK, localStation(st))
			return
		}
	}
	fail(w, r, err)
}

// stationInput makes "active" default to true when a client leaves it out.
type stationInput struct {
	dispatch.Station
	Active *bool `json:"active"`
}

func (h *Handler) saveStation(w http.ResponseWriter, r *http.Request, id int64) {
	var in stationInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	st := in.Station
	st.ID, st.Active = id, in.Active == nil || *in.Active
	if err := h.svc.SaveStation(r.Context(), &st); err != nil {
		fail(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, localStation(st))
}

func (h *Handler) createStation(w http.ResponseWriter, r *http.Request) { h.saveStation(w, r, 0) }

func (h *Handler) updateStation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	if _, err := h.svc.Station(r.Context(), who(r), id); err != nil {
		fail(w, r, err)
		return
	}
	h.saveStation(w, r, id)
}

type userInput struct {
	auth.User
	Password string `json:"password"`
	Active   *bool  `json:"active"`
}

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Users(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	out := make([]userView, 0, len(list))
	for _, u := range list {
		out = append(out, viewUser(u))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *Handler) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var u auth.User
		if u, err = h.svc.User(r.Context(), who(r), id); err == nil {
			writeJSON(w, http.StatusOK, viewUser(u))
			return
		}
	}
	fail(w, r, err)
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	var in userInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	u := in.User
	u.ID, u.Active = 0, in.Active == nil || *in.Active
	if err := h.svc.CreateUser(r.Context(), &u, in.Password); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, viewUser(u))
}

func (h *Handler) updateUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in userInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	u := in.User
	u.ID, u.Active = id, in.Active == nil || *in.Active
	if me := UserFrom(r.Context()); me.ID == id && (!u.Active || u.Role != auth.Admin) {
		fail(w, r, invalid.New("role", invalid.Forbidden)) // an admin cannot lock themself out
		return
	}
	if err := h.svc.UpdateUser(r.Context(), &u, in.Password); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewUser(u))
}

func (h *Handler) listMerchants(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	pageNo, perPage := pageParams(r, &errs)
	custody := queryID(r, "custody", &errs)
	if err := errs.Err(); err != nil {
		fail(w, r, err)
		return
	}
	list, total, err := h.svc.Merchants(r.Context(), who(r), service.MerchantQuery{Q: r.URL.Query().Get("q"), Custody: custody,
		Limit: perPage, Offset: (pageNo - 1) * perPage})
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": localAll(list, localMerchant), "total": total, "page": pageNo, "per_page": perPage})
}

func (h *Handler) getMerchant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var m merchant.Merchant
		if m, err = h.svc.Merchant(r.Context(), who(r), id); err == nil {
			writeJSON(w, http.StatusOK, localMerchant(m))
			return
		}
	}
	fail(w, r, err)
}

func (h *Handler) saveMerchant(w http.ResponseWriter, r *http.Request, id int64) {
	var m merchant.Merchant
	if err := decode(w, r, &m); err != nil {
		fail(w, r, err)
		return
	}
	m.ID = id
	if err := h.svc.SaveMerchant(r.Context(), &m); err != nil {
		fail(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, localMerchant(m))
}

func (h *Handler) createMerchant(w http.ResponseWriter, r *http.Request) { h.saveMerchant(w, r, 0) }

func (h *Handler) updateMerchant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.saveMerchant(w, r, id)
}

func (h *Handler) listAPIKeys(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.APIKeys(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": localAll(list, localAPIKey)})
}

func (h *Handler) createAPIKey(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name           string `json:"name"`
		Scope          string `json:"scope"`
		CourtStationID int64  `json:"court_station_id,omitempty"` // scope court: the court the key speaks for
	}
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	if in.Scope == "" {
		in.Scope = auth.ScopeOpen311
	}
	var key string
	var k auth.APIKey
	var err error
	if in.Scope == auth.ScopeCourt {
		key, k, err = h.svc.CreateCourtAPIKey(r.Context(), who(r), in.Name, in.CourtStationID)
	} else {
		key, k, err = h.svc.CreateScopedAPIKey(r.Context(), in.Name, in.Scope)
	}
	k = localAPIKey(k)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"key": key, "api_key": k})
}

func (h *Handler) revokeAPIKey(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = h.svc.RevokeAPIKey(r.Context(), id)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
