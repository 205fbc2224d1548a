package web

import (
	"net/http"
	"net/url"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
)

type userFormData struct {
	ID        int64
	Active    bool
	Roles     []auth.Role
	Areas     []areaChoice
	Stations  []dispatch.Station
	Languages []string
	Merchant  string
}

func (h *Handler) showUserForm(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.showUserFormWith(w, r, id, nil)
}

// showUserFormWith shows a user as stored, with errors from the password reset form.
func (h *Handler) showUserFormWith(w http.ResponseWriter, r *http.Request, id int64, errs map[string]string) {
	form := url.Values{}
	if id != 0 {
		u, err := h.svc.User(r.Context(), who(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("username", u.Username)
		form.Set("display_name", u.DisplayName)
		form.Set("role", string(u.Role))
		form.Set("area_id", idStr(u.AreaID))
		form.Set("station_id", idStr(u.StationID))
		form.Set("merchant_id", idStr(u.MerchantID))
		form.Set("phone", u.Phone)
		form.Set("lang", u.Lang)
		if u.Active {
			form.Set("active", "1")
		}
	} else {
		form.Set("role", string(auth.Operator))
		form.Set("lang", i18n.Default)
		form.Set("active", "1")
	}
	status := http.StatusOK
	if errs != nil {
		status = http.StatusUnprocessableEntity
	}
	h.renderUserForm(w, r, status, id, form, errs)
}

func (h *Handler) renderUserForm(w http.ResponseWriter, r *http.Request, status int, id int64, form url.Values, errs map[string]string) {
	ctx := r.Context()
	all, list, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stations, err := h.svc.Stations(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := userFormData{ID: id, Roles: auth.Roles, Stations: stations, Languages: i18n.Languages}
	for _, a := range list {
		d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
	}
	if id != 0 {
		if u, err := h.svc.User(ctx, who(r), id); err == nil {
			d.Active = u.Active
		}
	}
	var ignore invalid.Errors
	if mid := queryID(form.Get("merchant_id"), "merchant_id", &ignore); mid != nil {
		if m, err := h.svc.Merchant(ctx, who(r), *mid); err == nil {
			d.Merchant = m.Name
		}
	}
	if form.Get("merchant_label") == "" {
		form.Set("merchant_label", d.Merchant)
	}
	h.render(w, r, status, "admin_user_form", page{Title: "web.users.title", Active: "users", Form: form, Errors: errs, Data: d})
}
