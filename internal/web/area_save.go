package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
)

// saveArea creates an area under its parent, or changes one; its place in the tree never moves.
func (h *Handler) saveArea(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	var errs invalid.Errors
	a := dispatch.Area{ID: id, Name: r.PostForm.Get("name"), Code: strings.TrimSpace(r.PostForm.Get("code")),
		Level: dispatch.Level(r.PostForm.Get("level")), Kind: dispatch.Kind(r.PostForm.Get("kind")), ParentID: formID(r, "parent_id", &errs)}
	if v := strings.TrimSpace(r.PostForm.Get("on_site_minutes")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs.Add("on_site_minutes", invalid.Format)
		}
		a.OnSiteMinutes = n
	}
	err := errs.Err()
	if err == nil && id == 0 {
		err = h.svc.CreateArea(r.Context(), &a)
	} else if err == nil {
		err = h.svc.UpdateArea(r.Context(), &a)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/areas#area-"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.renderAreaForm(w, r, http.StatusUnprocessableEntity, id, r.PostForm, fe)
}
