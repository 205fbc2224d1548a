package web

import (
	"net/http"
	"net/url"

	"weiquan/internal/calendar"
)

type noticeFormData struct {
	ID    int64
	Areas []areaChoice
}

func (h *Handler) showNoticeForm(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		n, err := h.svc.Notice(r.Context(), who(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("title", n.Title)
		form.Set("notice_body", n.Body)
		form.Set("area_id", idStr(n.AreaID))
		form.Set("starts_on", n.StartsOn)
		form.Set("ends_on", n.EndsOn)
	} else {
		form.Set("starts_on", h.svc.Now().In(calendar.Shanghai).Format("2006-01-02"))
	}
	h.renderNoticeForm(w, r, http.StatusOK, id, form, nil)
}

func (h *Handler) renderNoticeForm(w http.ResponseWriter, r *http.Request, status int, id int64, form url.Values, errs map[string]string) {
	all, list, err := h.areaMap(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := noticeFormData{ID: id}
	for _, a := range list {
		d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
	}
	h.render(w, r, status, "notice_form", page{Title: "portal.notices.title", Active: "notices", Form: form, Errors: errs, Data: d})
}
