package web

import (
	"net/http"
	"net/url"
	"strconv"

	"weiquan/internal/dispatch"
)

type areaFormData struct {
	ID      int64
	Parents []areaChoice
	Levels  []dispatch.Level
	Kinds   []dispatch.Kind
	Path    string
}

func (h *Handler) showAreaForm(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		a, err := h.svc.Area(r.Context(), who(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("name", a.Name)
		form.Set("code", a.Code)
		form.Set("level", string(a.Level))
		form.Set("kind", string(a.Kind))
		form.Set("parent_id", idStr(a.ParentID))
		if a.OnSiteMinutes > 0 {
			form.Set("on_site_minutes", strconv.Itoa(a.OnSiteMinutes))
		}
	} else {
		form.Set("parent_id", r.URL.Query().Get("parent"))
		form.Set("kind", string(dispatch.KindTownship))
	}
	h.renderAreaForm(w, r, http.StatusOK, id, form, nil)
}

func (h *Handler) renderAreaForm(w http.ResponseWriter, r *http.Request, status int, id int64, form url.Values, errs map[string]string) {
	all, list, err := h.areaMap(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := areaFormData{ID: id, Levels: dispatch.Levels, Kinds: []dispatch.Kind{dispatch.KindUrban, dispatch.KindTownship}}
	for _, a := range list {
		if a.ID != id {
			d.Parents = append(d.Parents, areaChoice{a.ID, areaLabel(a, all)})
		}
	}
	if a, ok := all[id]; ok {
		d.Path = areaLabel(a, all)
	}
	h.render(w, r, status, "admin_area_form", page{Title: "web.areas.title", Active: "areas", Form: form, Errors: errs, Data: d})
}
