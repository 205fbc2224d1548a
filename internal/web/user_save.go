package web

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
)

// saveUser creates a user with a first password, or changes one; the password
// is reset apart, and deactivating ends the user's sessions.
func (h *Handler) saveUser(w http.ResponseWriter, r *http.Request) {
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
	u := auth.User{ID: id, Username: r.PostForm.Get("username"), DisplayName: r.PostForm.Get("display_name"),
		Role: auth.Role(r.PostForm.Get("role")), Phone: r.PostForm.Get("phone"), Lang: r.PostForm.Get("lang"), Active: checkbox(r, "active"),
		AreaID: formID(r, "area_id", &errs), StationID: formID(r, "station_id", &errs), MerchantID: formID(r, "merchant_id", &errs)}
	err := errs.Err()
	if err == nil && id == 0 {
		err = h.svc.CreateUser(r.Context(), &u, r.PostForm.Get("password"))
	} else if err == nil {
		err = h.svc.UpdateUser(r.Context(), &u, "")
	}
	if err == nil {
		http.Redirect(w, r, "/admin/users?saved="+u.Username, http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	form := r.PostForm
	form.Del("password")
	h.renderUserForm(w, r, http.StatusUnprocessableEntity, id, form, fe)
}
