package web

import (
	"net/http"

	"weiquan/internal/auth"
)

type userRow struct {
	U     auth.User
	Place string
}

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	users, err := h.svc.Users(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
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
	stName := map[int64]string{}
	for _, st := range stations {
		stName[st.ID] = st.Name
	}
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{U: u}
		switch {
		case u.StationID != nil:
			rows[i].Place = stName[*u.StationID]
		case u.AreaID != nil:
			rows[i].Place = areaLabel(all[*u.AreaID], all)
		}
	}
	h.render(w, r, http.StatusOK, "admin_users", page{Title: "web.users.title", Active: "users", Data: rows, Flash: flashOf(r)})
}
