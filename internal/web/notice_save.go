package web

import (
	"net/http"

	"weiquan/internal/bulletin"
	"weiquan/internal/invalid"
)

func (h *Handler) saveNotice(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		if _, err := h.svc.Notice(r.Context(), who(r), id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	f := r.PostForm
	var errs invalid.Errors
	n := bulletin.Notice{ID: id, Title: f.Get("title"), Body: f.Get("notice_body"), StartsOn: f.Get("starts_on"), EndsOn: f.Get("ends_on")}
	n.AreaID = formID(r, "area_id", &errs)
	err := errs.Err()
	if err == nil {
		err = h.svc.SaveNotice(r.Context(), who(r), &n)
	}
	if err == nil {
		http.Redirect(w, r, "/notices?saved=1", http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.renderNoticeForm(w, r, http.StatusUnprocessableEntity, id, f, fe)
}
