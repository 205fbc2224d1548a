package web

import (
	"net/http"

	"weiquan/internal/service"
)

// saveAlertChannels stores how the user's deadline alerts reach them besides the inbox.
func (h *Handler) saveAlertChannels(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in := service.AlertChannels{BySMS: r.PostForm.Get("by_sms") != "", Email: r.PostForm.Get("alert_email")}
	err := h.svc.SaveAlertChannels(r.Context(), who(r), in)
	if err == nil {
		http.Redirect(w, r, "/profile?saved=alerts", http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	if m, ok := fe["email"]; ok {
		fe["alert_email"] = m
	}
	d, derr := h.profileData(r)
	if derr != nil {
		h.fail(w, r, derr)
		return
	}
	d.Alerts.BySMS, d.Alerts.Email = in.BySMS, in.Email
	h.render(w, r, http.StatusUnprocessableEntity, "profile", page{Title: "web.profile.title", Active: "profile", Errors: fe, Data: d})
}
