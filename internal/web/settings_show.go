package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
)

type settingsData struct {
	Escalate []kindChoice
	Levels   []dispatch.Level
}

// kindChoice is one kind of deadline offered as a checkbox.
type kindChoice struct {
	Kind    deadline.Kind
	Label   string
	Rule    string
	Checked bool
}

// showSettings shows the office's clock and tier settings, each group its own form.
func (h *Handler) showSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.Settings(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderSettings(w, r, http.StatusOK, settingsForm(set), nil)
}

func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	lang := langOf(r)
	d := settingsData{Levels: dispatch.HandlingLevels}
	for _, k := range deadline.Kinds {
		d.Escalate = append(d.Escalate, kindChoice{Kind: k, Label: tr(lang, "deadline."+string(k)), Rule: k.Rule(),
			Checked: slices.Contains(form["escalate_on"], string(k))})
	}
	h.render(w, r, status, "admin_settings", page{Title: "board.settings.title", Active: "settings", Flash: flashOf(r), Errors: errs, Form: form, Data: d})
}

// settingsForm puts the settings as they stand in the fields of both forms.
func settingsForm(set service.Settings) url.Values {
	v := url.Values{}
	c, t := set.Clocks, set.Tiers
	v.Set("reply_12345_workdays", strconv.Itoa(c.Reply12345Workdays))
	v.Set("remind_on_site_minutes", strconv.Itoa(c.RemindOnSiteMinutes))
	v.Set("remind_workdays", strconv.Itoa(c.RemindWorkdays))
	if c.WeekendsAreOff {
		v.Set("order121_weekends_off", "1")
	}
	for _, k := range c.EscalateOn {
		v.Add("escalate_on", string(k))
	}
	v.Set("township_amount", t.TownshipAmount.String())
	v.Set("county_amount", t.CountyAmount.String())
	v.Set("township_consumers", strconv.Itoa(t.TownshipConsumers))
	v.Set("county_consumers", strconv.Itoa(t.CountyConsumers))
	v.Set("major_subcategories", strings.Join(t.MajorSubcategories, "\n"))
	v.Set("major_level", string(t.MajorLevel))
	v.Set("outside_area_level", string(t.OutsideAreaLevel))
	v.Set("online_shop_level", string(t.OnlineShopLevel))
	if mp, err := json.MarshalIndent(set.Hotline, "", "  "); err == nil && string(mp) != "{}" {
		v.Set("hotline_mapping", string(mp))
	}
	return v
}

// mergeForm keeps what was posted for one group over the stored values of the other.
func mergeForm(stored, posted url.Values, fields []string) url.Values {
	for _, f := range fields {
		stored[f] = posted[f]
	}
	return stored
}
