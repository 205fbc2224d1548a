package web

import (
	"net/http"

	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
)

func (h *Handler) saveStation(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		if _, err := h.svc.Station(r.Context(), who(r), id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	var errs invalid.Errors
	st := dispatch.Station{ID: id, Name: r.PostForm.Get("name"), HostType: dispatch.HostType(r.PostForm.Get("host_type")),
		Address: r.PostForm.Get("address"), Phone: r.PostForm.Get("phone"), Hours: r.PostForm.Get("hours"), Active: checkbox(r, "active")}
	if area := formID(r, "area_id", &errs); area != nil {
		st.AreaID = *area
	}
	st.HeadID = formID(r, "head_id", &errs)
	err := errs.Err()
	if err == nil {
		err = h.svc.SaveStation(r.Context(), &st)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/stations", http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.renderStationForm(w, r, http.StatusUnprocessableEntity, id, r.PostForm, fe)
}
