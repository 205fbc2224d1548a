package portal

import (
	"net/http"
	"strconv"

	"weiquan/internal/bulletin"
	"weiquan/internal/service"
)

type noticesData struct {
	Notices []bulletin.Notice
	Areas   []service.PublicArea
	AreaID  string
}

// showNotices lists the warnings current today, for the county or one area.
func (h *Handler) showNotices(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	var area *int64
	d := noticesData{AreaID: r.URL.Query().Get("area")}
	if id, err := strconv.ParseInt(d.AreaID, 10, 64); err == nil && id > 0 {
		area = &id
	}
	list, err := h.svc.PublicNotices(r.Context(), q.who, area)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Areas, err = h.svc.PublicAreas(r.Context(), q.who); err != nil {
		h.fail(w, r, err)
		return
	}
	d.Notices = list
	h.render(w, r, http.StatusOK, "notices", page{Title: "portal.nav.notices", Data: d})
}
