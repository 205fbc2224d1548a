package web

import (
	"net/http"

	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
)

// saveMediationSettings stores the issuing body and the mediation settings in one step after
// the service checks both; errors come back beside their fields.
func (h *Handler) saveMediationSettings(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	m := mediation.Settings{NoticeLeadDays: formInt(r, "session_notice_lead_days", 0, &errs), CallbackEvery: formInt(r, "callback_every", 0, &errs),
		CodeMinutes: formInt(r, "consent_code_minutes", 0, &errs), FulfilmentRemindDays: formInt(r, "fulfilment_remind_days", 0, &errs)}
	o := document.Office{Name: f.Get("name"), Unit: f.Get("unit"), SealText: f.Get("seal_text"), Address: f.Get("address"), Phone: f.Get("phone")}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.SaveMediationOffice(r.Context(), who(r), m, o)
	}
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderMediationSettings(w, r, http.StatusUnprocessableEntity, f, fe, false)
		return
	}
	http.Redirect(w, r, "/admin/settings/mediation?saved=1", http.StatusSeeOther)
}
