package web

import (
	"net/http"
	"net/url"
	"strconv"

	"weiquan/internal/service"
)

// showMediationSettings shows the issuing body documents and notices carry — its name, unit,
// seal, address and phone — and the mediation settings: the session notice lead, the callback
// sample, the one-time code's life and the fulfilment reminder (issue 9).
func (h *Handler) showMediationSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.Settings(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderMediationSettings(w, r, http.StatusOK, mediationValues(set), nil, r.URL.Query().Get("saved") == "1")
}

type mediationSettingsData struct {
	Saved       bool
	Placeholder bool // the office still has the name it started with
}

func (h *Handler) renderMediationSettings(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string, saved bool) {
	d := mediationSettingsData{Saved: saved, Placeholder: form.Get("name") == service.DefaultOffice().Name}
	h.render(w, r, status, "admin_settings_mediation", page{Title: "i9.settings.title", Active: "settings", Form: form, Errors: errs, Data: d})
}

// mediationValues lays the settings out as the form's fields, named as their errors are.
func mediationValues(set service.Settings) url.Values {
	v := url.Values{}
	o, m := set.Office, set.Mediation
	v.Set("name", o.Name)
	v.Set("unit", o.Unit)
	v.Set("seal_text", o.SealText)
	v.Set("address", o.Address)
	v.Set("phone", o.Phone)
	v.Set("session_notice_lead_days", strconv.Itoa(m.NoticeLeadDays))
	v.Set("callback_every", strconv.Itoa(m.CallbackEvery))
	v.Set("consent_code_minutes", strconv.Itoa(m.CodeMinutes))
	v.Set("fulfilment_remind_days", strconv.Itoa(m.FulfilmentRemindDays))
	return v
}
