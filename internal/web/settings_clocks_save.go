package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

var clockFields = []string{"reply_12345_workdays", "remind_on_site_minutes", "remind_workdays", "order121_weekends_off", "escalate_on"}

// saveClockSettings stores reminder lead times, the 12345 reply period and the deadlines
// whose breach escalates a matter (R-S3, R-L27); errors come back beside their fields.
func (h *Handler) saveClockSettings(w http.ResponseWriter, r *http.Request) {
	ctx, u := r.Context(), userOf(r)
	_ = r.ParseForm()
	set, err := h.svc.Settings(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var errs invalid.Errors
	v := set.Clocks
	v.Reply12345Workdays = formInt(r, "reply_12345_workdays", v.Reply12345Workdays, &errs)
	v.RemindOnSiteMinutes = formInt(r, "remind_on_site_minutes", v.RemindOnSiteMinutes, &errs)
	v.RemindWorkdays = formInt(r, "remind_workdays", v.RemindWorkdays, &errs)
	v.WeekendsAreOff = checkbox(r, "order121_weekends_off")
	v.EscalateOn = nil
	for _, k := range r.PostForm["escalate_on"] {
		v.EscalateOn = append(v.EscalateOn, deadline.Kind(k))
	}
	if err := v.Validate(); err != nil {
		fe, _ := invalid.As(err)
		errs = append(errs, fe...)
	}
	h.finishSettings(w, r, set, errs, "clocks", clockFields, func() error {
		_, err := h.svc.SaveClockSettings(ctx, u, v)
		return err
	})
}

// finishSettings saves a settings form when its fields are sound and goes back to
// its section, or shows the form again with every problem beside its field.
func (h *Handler) finishSettings(w http.ResponseWriter, r *http.Request, set service.Settings, errs invalid.Errors,
	section string, fields []string, save func() error) {
	lang := langOf(r)
	if errs.Err() == nil {
		err := save()
		if err == nil {
			http.Redirect(w, r, "/admin/settings?saved="+url.QueryEscape(tr(lang, "board.settings."+section))+"#"+section, http.StatusSeeOther)
			return
		}
		fe, ok := invalid.As(err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		errs = fe
	}
	fe, _ := formErrors(lang, errs.Err())
	h.renderSettings(w, r, http.StatusUnprocessableEntity, mergeForm(settingsForm(set), r.PostForm, fields), fe)
}

// formInt reads a whole number that must be given (0 switches a setting off).
func formInt(r *http.Request, name string, keep int, errs *invalid.Errors) int {
	v := strings.TrimSpace(r.Form.Get(name))
	if v == "" {
		errs.Add(name, invalid.Required)
		return keep
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		errs.Add(name, invalid.Format)
		return keep
	}
	return n
}
